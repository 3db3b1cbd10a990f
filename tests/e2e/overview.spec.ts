import { expect, test } from "@playwright/test";

test.describe("overview", () => {
  test("shows each seeded event with its headline figures and their sources", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Livestream outages on record");

    const musk = page.getByRole("article", { name: "Elon Musk interviews Donald Trump on X Spaces" });
    await expect(musk).toContainText("August 12, 2024 at 8:00 PM EDT");
    const figure = (card: typeof musk, label: string) => card.locator(`dt:text-is("${label}") + dd`);
    await expect(figure(musk, "Start delay")).toHaveText("42 minSource: Financial Times");
    await expect(figure(musk, "Expected audience")).toHaveText("8,000,000 listenersSource: Financial Times");
    await expect(figure(musk, "Average audience")).toHaveText("1,100,000 listenersSource: Financial Times");
    await expect(figure(musk, "Audience attainment")).toHaveText("13.75%Derived from figures by Financial Times");
    await expect(figure(musk, "Dead air before failure")).toHaveText("not reported");

    const desantis = page.getByRole("article", { name: "Ron DeSantis announces his presidential campaign on Twitter Spaces" });
    await expect(figure(desantis, "Dead air before failure")).toHaveText("about 20 minSource: Los Angeles Times");
    await expect(figure(desantis, "Start delay")).toHaveText("not reported");
    await expect(figure(desantis, "Expected audience")).toHaveText("not reported");
    await expect(desantis).not.toContainText(/\b0 min\b/);
  });

  test("lists the newest event first", async ({ page }) => {
    await page.goto("/");
    const titles = await page.getByRole("article").getByRole("heading", { level: 2 }).allTextContents();
    const musk = titles.indexOf("Elon Musk interviews Donald Trump on X Spaces");
    const desantis = titles.indexOf("Ron DeSantis announces his presidential campaign on Twitter Spaces");
    expect(musk).toBeGreaterThanOrEqual(0);
    expect(desantis).toBeGreaterThan(musk);
  });

  test("reports the database as reachable on /api/health", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { reachable: true } });
    expect(body.database.events).toBeGreaterThanOrEqual(2);
  });
});
