// Screenshots of each page at desktop and phone widths, light and dark, for people to look at
// (test-results/screenshots); each also checks that nothing spills past the viewport's width.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { signedInState } from "./accounts";

const PAGES = [
  { name: "overview", path: "/" },
  { name: "events", path: "/events" },
  { name: "new-event", path: "/events/new" },
  { name: "event", path: "/events/musk-trump-x-spaces-2024" },
  { name: "sources", path: "/sources" },
  { name: "import", path: "/import" },
  { name: "compare", path: "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023" },
  { name: "admin", path: "/admin" },
];
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "narrow", width: 390, height: 844 },
];

for (const { name, path } of PAGES) {
  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`${name} at ${viewport.width} px, ${colorScheme}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/screenshots/${name}-${viewport.name}-${colorScheme}.png`, fullPage: true });
      });
    }
  }
}

// The live section of an event page, fed as a monitor would: a late start, dead air, an audience that falls and
// comes back, and samples still arriving while the picture is taken (the open stream never lets the network idle).
test.describe("live event page", () => {
  const slug = `live-screenshot-${Date.now().toString(36)}`;
  const headers = { "Sec-Fetch-Site": "same-origin" };
  let scheduled = 0;

  const sample = (at: number, offset: number) => {
    const min = offset / 60_000;
    const wobble = Math.sin(offset / 7_000) * 60 + Math.sin(offset / 2_300) * 25;
    let listeners: number;
    let lufs = -23 + Math.sin(offset / 3_000) * 2.5 + Math.sin(offset / 900) * 1.5;
    if (min < 3) {
      listeners = 300 + (min + 5) * 275 + wobble;
      lufs = -68;
    } else if (min < 10) listeners = 2500 + (min - 3) * 385 + wobble;
    else if (min < 12) {
      listeners = 5200 - (min - 10) * 1450 + wobble;
      lufs = -66;
    } else listeners = Math.min(4300, 2300 + (min - 12) * 1000) + wobble;
    return [
      { series: "listeners", at: new Date(at).toISOString(), value: Math.round(listeners) },
      { series: "loudness", at: new Date(at).toISOString(), value: Math.round(lufs * 10) / 10 },
    ];
  };
  const post = (request: APIRequestContext, samples: ReturnType<typeof sample>) =>
    request.post(`/api/events/${slug}/samples`, { headers, data: { samples } });

  test.beforeAll(async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: signedInState() });
    try {
      const now = Math.floor(Date.now() / 1000) * 1000;
      // Announced to the minute, as schedules are.
      scheduled = Math.floor(now / 60_000) * 60_000 - 20 * 60_000;
      const created = await context.request.post("/api/events", {
        headers,
        data: {
          title: "Live screenshot: a town-hall stream",
          slug,
          platform: "Icecast",
          timeZone: "Europe/Paris",
          scheduledStart: new Date(scheduled).toISOString(),
          status: "live",
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const samples = [];
      for (let at = scheduled - 5 * 60_000; at <= now; at += 1000) samples.push(...sample(at, at - scheduled));
      const response = await post(context.request, samples);
      expect(response.status(), await response.text()).toBe(200);
    } finally {
      await context.close();
    }
  });

  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`live event at ${viewport.width} px, ${colorScheme}`, async ({ page }) => {
        let feeding = true;
        const feeder = (async () => {
          while (feeding) {
            const at = Math.floor(Date.now() / 1000) * 1000;
            await post(page.request, sample(at, at - scheduled));
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        })();
        try {
          await page.setViewportSize(viewport);
          await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
          await page.goto(`/events/${slug}`);
          const live = page.getByRole("region", { name: "Live: listeners and sound" });
          await expect(live.getByRole("status")).toHaveText("On air");
          await expect(live.getByRole("img", { name: /Line chart of listeners/ })).toBeVisible();
          await expect(live.getByText("Updates as samples arrive.")).toBeVisible();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({ path: `test-results/screenshots/live-event-${viewport.name}-${colorScheme}.png`, fullPage: true });
          await live.screenshot({ path: `test-results/screenshots/live-section-${viewport.name}-${colorScheme}.png` });
          await page
            .getByRole("region", { name: "Incidents" })
            .screenshot({ path: `test-results/screenshots/live-incidents-${viewport.name}-${colorScheme}.png` });
          // The overview's "Live now", and /compare with the listener curves of this event beside a seeded one.
          await page.goto("/");
          await page
            .getByRole("region", { name: "Live now" })
            .screenshot({ path: `test-results/screenshots/live-now-${viewport.name}-${colorScheme}.png` });
          await page.goto(`/compare?events=${slug},musk-trump-x-spaces-2024`);
          const curves = page.getByRole("region", { name: "Listeners over time, aligned at t = 0" });
          await expect(curves).toBeVisible();
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
          await curves.screenshot({ path: `test-results/screenshots/compare-curves-${viewport.name}-${colorScheme}.png` });
        } finally {
          feeding = false;
          await feeder;
        }
      });
    }
  }
});

// The sign-in page, as a reader who is not signed in sees it.
test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const viewport of VIEWPORTS) {
    test(`sign-in at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/signin");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screenshots/signin-${viewport.name}.png`, fullPage: true });
      await page.goto("/events/musk-trump-x-spaces-2024");
      await page.screenshot({ path: `test-results/screenshots/event-signed-out-${viewport.name}.png`, fullPage: true });
    });
  }
});
