// What issue 18 promises a person: they point a monitor at an Icecast stream and one at its status page, and watch
// the live page show the listeners and the sound, open dead air when the source goes silent and stream down when it
// stops. The stream is real: Debian's icecast2 and an ffmpeg source, started and stopped by the test.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { connectListeners, startIcecast, startSource } from "../support/icecast";

const SAME_SITE = { "Sec-Fetch-Site": "same-origin" };

/** A monitor's item, by the kind its heading names (its edit form's options name every kind). */
const monitorItem = (monitors: Locator, kind: string) =>
  monitors.getByRole("listitem").filter({ has: monitors.page().locator("p > strong", { hasText: new RegExp(`^${kind}$`) }) });

async function addMonitor(page: Page, fill: (form: Locator) => Promise<void>) {
  const monitors = page.getByRole("region", { name: "Monitors" });
  const adding = monitors.locator("details.add", { hasText: "Add a monitor" });
  if ((await adding.getAttribute("open")) === null) await adding.getByText("Add a monitor").click();
  await fill(adding);
  await adding.getByRole("button", { name: "Add monitor" }).click();
}

test("monitors on a real Icecast stream: listeners and sound on the live page, dead air and stream down by themselves", async ({ page }) => {
  test.setTimeout(180_000);
  const icecast = await startIcecast();
  // A tone, silent from its 20th to its 32nd second, then sound until the test stops the source.
  const source = await startSource(icecast, { mount: "/live", filter: "sine=frequency=440,volume='if(between(t,20,32),0,0.5)':eval=frame" });
  const listeners = await connectListeners(`${icecast.url}/live`, 2);
  try {
    const slug = `monitored-${Date.now().toString(36)}`;
    const created = await page.request.post("/api/events", {
      headers: SAME_SITE,
      data: {
        title: "A monitored broadcast",
        slug,
        platform: "Icecast",
        timeZone: "UTC",
        status: "live",
        scheduledStart: new Date(Date.now() - 5_000).toISOString(),
      },
    });
    expect(created.status(), await created.text()).toBe(201);

    await page.goto(`/events/${slug}`);
    const monitors = page.getByRole("region", { name: "Monitors" });
    await expect(monitors).toContainText("No monitors yet");
    await addMonitor(page, async (form) => {
      await form.getByLabel("Kind").selectOption({ label: "Audio stream" });
      await form.getByLabel("URL").fill(`${icecast.url}/live`);
      await form.getByLabel("Runs").selectOption({ label: "On now (started by hand)" });
    });
    await expect(monitorItem(monitors, "Audio stream")).toContainText("On now (started by hand)");
    await addMonitor(page, async (form) => {
      await form.getByLabel("Kind").selectOption({ label: "Icecast audience" });
      await form.getByLabel("URL").fill(icecast.url);
      await form.getByLabel("Mount").fill("/live");
      await form.getByLabel("Poll interval, in seconds").fill("1");
      await form.getByLabel("Runs").selectOption({ label: "On now (started by hand)" });
    });
    await expect(monitorItem(monitors, "Icecast audience")).toContainText("/live");

    // The two listeners of the test, and Dead Air's own audio monitor.
    const live = page.getByRole("region", { name: "Live: listeners and sound" });
    await expect(live.locator(".live-status")).toHaveText("On air · 3 listening", { timeout: 30_000 });
    await expect(live.getByRole("img", { name: /Line chart of listeners \(left axis\) and loudness in LUFS \(right axis\)/ })).toBeVisible();

    const incidents = page.getByRole("region", { name: "Incidents" });
    const deadAir = incidents.getByRole("listitem").filter({ hasText: "Dead air" });
    await expect(live.getByRole("status")).toHaveText("Dead air", { timeout: 45_000 });
    await expect(deadAir).toContainText("Detected by Dead Air monitor · awaiting review", { timeout: 5_000 });
    // Twelve seconds of silence, measured to within two.
    await expect(deadAir).toContainText(/lasted 1[0-4] s/, { timeout: 30_000 });
    await expect(live.getByRole("status")).toHaveText("On air");
    // The monitors' own state, as the page shows it when loaded.
    await page.reload();
    await expect(monitorItem(monitors, "Audio stream")).toContainText("Running");
    await expect(monitorItem(monitors, "Icecast audience")).toContainText("Running");
    await page.screenshot({ path: "test-results/screenshots/monitored-event-1280-light.png", fullPage: true });

    await source.stop();
    await expect(live.getByRole("status")).toHaveText(/Stream down/, { timeout: 20_000 });
    await expect(incidents.getByRole("listitem").filter({ hasText: "Stream down" })).toContainText("ongoing", { timeout: 5_000 });

    // Deleted, the monitors stop: the worker lets go of them within seconds.
    for (const kind of ["Audio stream", "Icecast audience"]) {
      const item = monitorItem(monitors, kind);
      await item.getByRole("button", { name: "Delete" }).click();
      await item.getByRole("button", { name: "Yes, delete" }).click();
      await expect(item).toHaveCount(0);
    }
  } finally {
    await listeners.close();
    await source.stop();
    await icecast.stop();
  }
});
