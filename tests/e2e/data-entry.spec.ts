import { expect, test } from "@playwright/test";
import { createEvent, uniqueSlug } from "./fixtures";

test("a new user records an event, two conflicting figures, corrects one and deletes one", async ({ page }) => {
  await page.goto("/events/new");

  // Bad input first: every message shows, next to its field and in the summary, and nothing typed is lost.
  await page.getByLabel("Slug").fill("Bad Slug!");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Scheduled start", { exact: true }).fill("2024-03-10T02:30");
  await page.getByLabel("Hosts").fill("Ada Host");
  await page.getByRole("button", { name: "Create event" }).click();

  const summary = page.getByRole("alert").and(page.locator(".form-errors"));
  await expect(summary).toContainText("Some fields need correcting");
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/Title is required\./);
  await expect(page.getByLabel("Platform")).toHaveAccessibleDescription(/Platform is required\./);
  await expect(page.getByLabel("Slug")).toHaveAccessibleDescription(/lower-case letters, digits and single hyphens/);
  await expect(page.getByLabel("Scheduled start", { exact: true })).toHaveAccessibleDescription(/clocks moved forward/);
  await expect(summary.getByRole("link", { name: "Scheduled start" })).toBeVisible();
  await expect(page.getByLabel("Slug")).toHaveValue("Bad Slug!");
  await expect(page.getByLabel("Hosts")).toHaveValue("Ada Host");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await expect(page.getByLabel("Scheduled start", { exact: true })).toHaveValue("2024-03-10T02:30");

  // Corrected, the form shows the delay before saving.
  await page.getByLabel("Title").fill("Launch stream of the Example Show");
  await page.getByLabel("Slug").fill("");
  await page.getByLabel("Platform").fill("YouTube Live");
  await page.getByLabel("Scheduled start", { exact: true }).fill("2024-08-12T20:00");
  await page.getByLabel("Actual start").fill("2024-08-12T20:42");
  await expect(page.locator("#delay-preview")).toContainText("Started 42 min late.");
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page).toHaveURL(/\/events\/launch-stream-of-the-example-show$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Launch stream of the Example Show");
  await expect(page.getByText("August 12, 2024 at 8:00 PM EDT")).toBeVisible();

  // Two outlets report the start delay differently.
  await page.getByText("Add a reported figure").click();
  const addFigure = page.locator("details", { hasText: "Add a reported figure" });
  await addFigure.getByLabel("Metric").selectOption("start_delay");
  await addFigure.getByLabel("Value, in minutes").fill("42");
  await addFigure.getByLabel("Source", { exact: true }).selectOption({ label: "Financial Times" });
  await addFigure.getByRole("button", { name: "Add figure" }).click();
  await expect(addFigure.getByRole("status")).toHaveText("Figure added.");

  await addFigure.getByLabel("Metric").selectOption("start_delay");
  await addFigure.getByLabel("Value, in minutes").fill("40");
  await addFigure.getByLabel("Qualifier").selectOption("approximate");
  await addFigure.getByLabel("…or a new source").fill("Example Daily");
  await addFigure.getByLabel("Quote, in its original language").fill("« une quarantaine de minutes » de retard");
  await addFigure.getByLabel("Quote language").fill("fr");
  await addFigure.getByRole("button", { name: "Add figure" }).click();
  await expect(addFigure.getByRole("status")).toHaveText("Figure added.");

  const figures = page.getByRole("table", { name: "Every reported figure with its source" });
  await expect(figures.getByRole("row")).toHaveCount(3);
  await expect(figures.getByRole("row", { name: /Financial Times/ })).toContainText("42 min");
  await expect(figures.getByRole("row", { name: /Example Daily/ })).toContainText("about 40 min");
  await expect(figures.getByRole("row", { name: /Example Daily/ })).toContainText("« une quarantaine de minutes » de retard");
  await expect(figures.getByText("sources disagree").first()).toBeVisible();
  await expect(page.locator("dt:text-is('Start delay') + dd")).toContainText("40–42 min");

  // Correct one of them; the correction log shows the change.
  await page.getByRole("link", { name: "Edit Start delay from Example Daily" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit reported figure");
  await page.getByLabel("Value, in minutes").fill("45");
  await page.getByRole("button", { name: "Save figure" }).click();
  await expect(page).toHaveURL(/\/events\/launch-stream-of-the-example-show#figures$/);
  await expect(figures.getByRole("row", { name: /Example Daily/ })).toContainText("about 45 min");
  const log = page.locator("ol.history");
  await expect(log.locator("li").first()).toContainText("value: 40 min → 45 min");

  // Delete one, after confirming.
  await figures.getByRole("button", { name: "Delete the start delay figure from Example Daily" }).click();
  await page
    .getByRole("group", { name: /Confirm deleting the start delay figure from Example Daily/ })
    .getByRole("button", { name: "Yes, delete" })
    .click();
  await expect(figures.getByRole("row")).toHaveCount(2);
  await expect(figures).not.toContainText("Example Daily");
  await expect(log.locator("li").first()).toContainText("Figure: Start delay from Example Daily · deleted, 45 min");
});

test("a second save of a record someone else changed is refused and shows the newer values", async ({ page, browser }) => {
  // An event of its own: the seeded ones are read by the other specs.
  const { slug } = await createEvent(page.request, {
    title: "Saved twice",
    slug: uniqueSlug("saved-twice"),
    platform: "Twitter Spaces",
    timeZone: "America/New_York",
  });
  await page.goto(`/events/${slug}/edit`);
  const other = await browser.newPage();
  await other.goto(page.url());
  await other.getByLabel("Notes").fill("Changed by someone else first.");
  await other.getByRole("button", { name: "Save event" }).click();
  await expect(other).toHaveURL(new RegExp(`/events/${slug}$`));
  await other.close();

  await page.getByLabel("Platform").fill("Twitter Spaces (audio)");
  await page.getByRole("button", { name: "Save event" }).click();
  const alert = page.getByRole("alert").and(page.locator(".form-errors"));
  await expect(alert).toContainText("changed since you opened it");
  await expect(alert).toContainText("Changed by someone else first.");
  await expect(page.getByLabel("Platform")).toHaveValue("Twitter Spaces (audio)");
});
