// Screenshots of each page at desktop and phone widths, light and dark, for people to look at
// (test-results/screenshots); each also checks that nothing spills past the viewport's width.
import { expect, test } from "@playwright/test";

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
