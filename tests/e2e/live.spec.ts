// The live event page as a person watching it sees it while a collector posts samples: the status line moves
// without a reload, a dead-air incident opens and closes by itself; and / and /compare show what is live.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

async function expectNoSeriousAxeViolation(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

let made = 0;
const uniqueSlug = (base: string) => `${base}-${Date.now().toString(36)}-${++made}`;

/** Writes with the signed-in admin's session cookie, as a page of this site would send them. */
const SAME_SITE = { "Sec-Fetch-Site": "same-origin" };

async function createLiveEvent(request: APIRequestContext, title: string, scheduledStart: number): Promise<string> {
  const slug = uniqueSlug("live-e2e");
  const response = await request.post("/api/events", {
    headers: SAME_SITE,
    data: { title, slug, platform: "Icecast", timeZone: "UTC", scheduledStart: new Date(scheduledStart).toISOString(), status: "live" },
  });
  expect(response.status(), await response.text()).toBe(201);
  return slug;
}

type Sample = { series: string; at: number; value: number };

async function postSamples(request: APIRequestContext, slug: string, samples: Sample[]) {
  const response = await request.post(`/api/events/${slug}/samples`, {
    headers: SAME_SITE,
    data: { samples: samples.map((s) => ({ ...s, at: new Date(s.at).toISOString() })) },
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json() as Promise<{ stored: number; duplicates: number }>;
}

/** One second of a stream: its listeners and its loudness at one instant. */
const second = (at: number, listeners: number, lufs: number): Sample[] => [
  { series: "listeners", at, value: listeners },
  { series: "loudness", at, value: lufs },
];

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

/** Marks the document, so that a reload (which would lose the mark) is noticed. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { deadAirMark: string }).deadAirMark = "still the same page"));
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { deadAirMark?: string }).deadAirMark);

test("samples posted while the page is open move its status line, and dead air opens and closes by itself", async ({ page }) => {
  test.setTimeout(120_000);
  const start = Math.floor(Date.now() / 1000) * 1000;
  const title = `Live monitoring check ${start}`;
  const slug = await createLiveEvent(page.request, title, start - 15_000);

  await page.goto(`/events/${slug}`);
  const live = page.getByRole("region", { name: "Live: listeners and sound" });
  await expect(live.getByText("No samples yet.")).toBeVisible();
  await expect(live).toContainText(`POST /api/events/${slug}/samples`);
  // The stream is open before anything is sent (a person would be watching by then).
  await expect(live.getByText("Updates as samples arrive.")).toBeVisible();
  await markDocument(page);

  // A collector sends the last 13 seconds of sound and 1,234 listeners, then goes on second by second as they
  // happen (15 seconds of silence below −50 LUFS, then sound again) until the test ends: a stream that stops
  // sending is a stream down.
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  const sound: Sample[] = [];
  for (let k = 12; k >= 0; k--) sound.push(...second(t0 - k * 1000, 1234, -20));
  await postSamples(page.request, slug, sound);
  let feeding = true;
  const feeder = (async () => {
    for (let k = 1; feeding; k++) {
      const at = t0 + k * 1000;
      await sleepUntil(at);
      if (feeding) await postSamples(page.request, slug, second(at, 1234, k <= 15 ? -62 : -21));
    }
  })();
  const statusLine = live.locator(".live-status");
  try {
    await expect(statusLine).toHaveText("On air · 1,234 listening", { timeout: 2_000 });
    await expect(live.getByRole("status")).toHaveText("On air");
    await expect(live.getByRole("img", { name: /Line chart of listeners \(left axis\) and loudness in LUFS \(right axis\)/ })).toBeVisible();
    expect(await stillSamePage(page)).toBe("still the same page");

    const incidents = page.getByRole("region", { name: "Incidents" });
    const deadAir = incidents.getByRole("listitem").filter({ hasText: "Dead air" });
    // Ten seconds of silence is dead air: it shows, open, while the silence goes on.
    await expect(live.getByRole("status")).toHaveText("Dead air", { timeout: 15_000 });
    await expect(statusLine).toHaveText(/^Dead air for 0:\d\d$/);
    await expect(deadAir).toContainText("ongoing", { timeout: 4_000 });
    await expect(deadAir).toContainText("Detected by Dead Air monitor · awaiting review");
    // Five seconds of sound end it: closed, with its duration, still without a reload.
    await expect(deadAir).toContainText("lasted 15 s", { timeout: 15_000 });
    await expect(deadAir).not.toContainText("ongoing");
    await expect(live.getByRole("status")).toHaveText("On air");
    expect(await stillSamePage(page)).toBe("still the same page");

    // The same figures are in the table, latest minute first, the silence as the lowest loudness.
    const table = live.getByRole("region", { name: /Per minute, latest first/ });
    await expect(table.getByRole("row")).not.toHaveCount(1);
    await expect(table.getByRole("columnheader", { name: "Loudness, lowest (LUFS)" })).toBeVisible();
    await expect(table).toContainText("−62.0");
    await expect(table).toContainText("1,234");

    // An editor confirms what the monitor found; the record says so.
    await deadAir.getByRole("button", { name: "Confirm the detected dead air / silence incident" }).click();
    await expect(deadAir).toContainText("confirmed by an editor");
  } finally {
    feeding = false;
    await feeder;
  }
});

test("a live event is listed on the overview with its status, and /compare overlays its listeners at t = 0", async ({ page }) => {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const title = `Live overlay check ${now}`;
  const slug = await createLiveEvent(page.request, title, now - 120_000);
  // Two minutes of a broadcast that began on time, its audience growing.
  const samples: Sample[] = [];
  for (let k = 0; k <= 120; k++) samples.push(...second(now - 120_000 + k * 1000, 1000 + k * 10, -22));
  expect(await postSamples(page.request, slug, samples)).toEqual({ stored: 242, duplicates: 0 });
  // Sent twice (a collector retrying), nothing is stored twice.
  expect(await postSamples(page.request, slug, samples.slice(0, 20))).toEqual({ stored: 0, duplicates: 20 });

  await page.goto("/");
  const liveNow = page.getByRole("region", { name: "Live now" });
  const item = liveNow.getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(item).toContainText(/On air · 2,\d{3} listening|Stream down since \d\d:\d\d/);
  await expectNoSeriousAxeViolation(page);
  await item.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const live = page.getByRole("region", { name: "Live: listeners and sound" });
  await expect(live.getByRole("img", { name: /Line chart of listeners/ })).toBeVisible();
  // The table of the chart's figures is reached by the keyboard.
  const table = live.getByRole("region", { name: /Per minute, latest first/ });
  for (let i = 0; i < 40 && !(await table.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(table).toBeFocused();
  await expectNoSeriousAxeViolation(page);

  await page.goto(`/compare?events=${slug},musk-trump-x-spaces-2024`);
  const curves = page.getByRole("region", { name: "Listeners over time, aligned at t = 0" });
  await expect(curves.getByRole("img", { name: /Line chart of listeners per minute/ })).toBeVisible();
  const row = curves.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("scheduled start");
  await expect(row).toContainText(/[12],\d{3} at t = −?\d+:\d\d/);
  // The seeded event has no samples: it is left out of the overlay, and said to be.
  await expect(curves.getByRole("row")).toHaveCount(2);
  await expect(curves).toContainText("Events without samples are left out.");
  await expectNoSeriousAxeViolation(page);
});
