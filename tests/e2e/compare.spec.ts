import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const BOTH = "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023";

test("the two seeded events compared: 42 min and about 20 min on one axis, 8M against 1.1M at 13.75 %", async ({ page }) => {
  await page.goto(BOTH);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare events");

  const timeline = page.getByRole("table", { name: /in minutes from each event's scheduled start/ });
  const musk = timeline.getByRole("row", { name: /Elon Musk interviews Donald Trump/ });
  await expect(musk.filter({ hasText: "Late start" })).toContainText("42 min late");
  await expect(musk.filter({ hasText: "Late start" })).toContainText("t = 0 min");
  await expect(musk.filter({ hasText: "Late start" })).toContainText("t = 42 min");
  const desantis = timeline.getByRole("row", { name: /Ron DeSantis/ });
  await expect(desantis.filter({ hasText: "Dead air" })).toContainText("about 20 min of dead air");
  await expect(desantis.filter({ hasText: "Dead air" })).toContainText("t = 20 min");
  await expect(desantis.filter({ hasText: "Crash" })).toContainText("crash at about 20 min");

  // The chart draws the same words as its table.
  const timelineChart = page.getByRole("img", { name: /Timeline chart/ });
  await expect(timelineChart).toContainText("42 min late");
  await expect(timelineChart).toContainText("about 20 min of dead air");
  await expect(timelineChart).toContainText("scheduled start, t = 0");

  const audience = page.getByRole("table", { name: /Audience per event/ });
  const muskAudience = audience.getByRole("row", { name: /Elon Musk/ });
  await expect(muskAudience).toContainText("8M");
  await expect(muskAudience).toContainText("1.1M");
  await expect(muskAudience).toContainText("13.75%");
  await expect(audience.getByRole("row", { name: /Ron DeSantis/ })).toContainText("not reported");
  const audienceChart = page.getByRole("img", { name: /expected, average and peak audience/ });
  await expect(audienceChart).toContainText("8M");
  await expect(audienceChart).toContainText("1.1M");
  await expect(audienceChart).toContainText(/13\.75% of\s*expected/);

  const lost = page.getByRole("table", { name: "Minutes lost per event" });
  await expect(lost.getByRole("row", { name: /Elon Musk/ })).toContainText("at least 42 min");
  await expect(lost.getByRole("row", { name: /Ron DeSantis/ })).toContainText("at least about 20 min");

  const figures = page.getByRole("table", { name: "Figures and their sources" });
  await expect(figures.getByRole("row", { name: /Start delay/ })).toContainText("Financial Times");
  await expect(figures.getByRole("row", { name: /Dead air before failure/ })).toContainText("Los Angeles Times");
});

test("the picker keeps the address in step, and an unknown event is named while the others show", async ({ page }) => {
  await page.goto("/compare?events=musk-trump-x-spaces-2024,no-such-event");
  await expect(page.getByRole("alert").filter({ hasText: "no-such-event" })).toContainText("No event has the address “no-such-event”");
  await expect(page.getByText("Choose at least two events to compare with Elon Musk interviews Donald Trump on X Spaces")).toBeVisible();

  await page.getByRole("checkbox", { name: /Ron DeSantis announces/ }).check();
  await expect(page).toHaveURL(/\/compare\?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023$/);
  await expect(page.getByRole("table", { name: "Minutes lost per event" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Ron DeSantis announces/ })).toBeChecked();
  await expect(page.getByRole("table", { name: "Minutes lost per event" })).toBeVisible();

  await page.getByRole("checkbox", { name: /Elon Musk interviews/ }).uncheck();
  await expect(page).toHaveURL(/\/compare\?events=desantis-twitter-spaces-2023$/);
});

/** Tabs through the page and returns the accessible names of the table regions that took the focus. */
async function tabToTables(page: Page, presses: number): Promise<string[]> {
  const reached = new Set<string>();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el.getAttribute("role") !== "region") return null;
      const id = el.getAttribute("aria-labelledby");
      return id ? (document.getElementById(id)?.textContent ?? null) : null;
    });
    if (name) reached.add(name);
  }
  return [...reached];
}

test("keyboard alone reaches the table of every chart", async ({ page }) => {
  await page.goto(BOTH);
  const reached = await tabToTables(page, 60);
  expect(reached).toEqual(
    expect.arrayContaining([
      "What happened, in minutes from each event's scheduled start",
      "Audience per event, with the share of the expected audience reached",
      "Minutes lost per event",
      "Figures and their sources",
    ]),
  );
});

for (const path of ["/", "/events/musk-trump-x-spaces-2024", BOTH]) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const { violations } = await new AxeBuilder({ page }).analyze();
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
