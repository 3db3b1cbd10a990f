// Alerts as an admin sets them up: a webhook endpoint added on /admin, then a dead air that the monitor detects
// arrives at a receiver in the test, signed so that a Standard Webhooks library verifies it with the secret shown once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { uniqueSlug } from "./fixtures";

interface Received {
  headers: Record<string, string>;
  body: string;
}

test("a detected dead air is delivered to the admin's webhook, signed as Standard Webhooks says", async ({ page }) => {
  test.setTimeout(90_000);
  const received: Received[] = [];
  const receiver = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])), body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dead-air-alerts`;
  try {
    await page.goto("/admin");
    const webhooks = page.locator("section", { has: page.getByRole("heading", { name: "Webhooks" }) });
    await webhooks.getByText("Add an endpoint").click();
    await webhooks.getByLabel("URL").fill(url);
    await webhooks.getByLabel("Description").fill("The newsroom's alert desk");
    await webhooks.getByRole("button", { name: "Add endpoint" }).click();
    const secret = ((await page.getByLabel(/Signing secret for .*shown only now/).textContent()) ?? "").trim();
    expect(secret).toMatch(/^whsec_/);

    // A live event of its own, and a stream that goes silent for 15 s (sent after the fact, as a collector catching up).
    const slug = uniqueSlug("alerted");
    const start = Date.parse("2025-06-01T18:00:00Z");
    const created = await page.request.post("/api/events", {
      headers: { "Sec-Fetch-Site": "same-origin" },
      data: { title: `Alerted ${slug}`, slug, platform: "Icecast", timeZone: "UTC", scheduledStart: new Date(start).toISOString(), status: "live" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const samples = Array.from({ length: 70 }, (_, i) => ({
      series: "loudness",
      at: new Date(start + i * 1000).toISOString(),
      value: i >= 30 && i < 45 ? -70 : -20,
    }));
    const posted = await page.request.post(`/api/events/${slug}/samples`, { headers: { "Sec-Fetch-Site": "same-origin" }, data: { samples } });
    expect(posted.status(), await posted.text()).toBe(200);

    await expect.poll(() => received.filter((r) => r.body.includes('"incident.opened"')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const alert = received.find((r) => r.body.includes('"incident.opened"'))!;
    const verified = new Webhook(secret).verify(alert.body, alert.headers) as {
      type: string;
      data: { incident: { kind: string; startedAt: string } };
    };
    expect(verified.type).toBe("incident.opened");
    expect(verified.data.incident).toMatchObject({ kind: "dead_air", startedAt: "2025-06-01T18:00:30.000Z" });
    // A message signed with another secret, or changed on the way, does not verify.
    expect(() => new Webhook(`whsec_${Buffer.from("not the secret at all, no").toString("base64")}`).verify(alert.body, alert.headers)).toThrow();
    expect(() => new Webhook(secret).verify(alert.body.replace("dead_air", "crash"), alert.headers)).toThrow();

    // The admin sees the delivery and its answer.
    await page.goto("/admin");
    await expect(page.locator("section", { hasText: url }).first()).toContainText("incident.opened");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
