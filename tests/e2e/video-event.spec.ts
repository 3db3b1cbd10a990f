// The Paul–Tyson fight on Netflix, recorded through the forms only as a journalist would, beside the X Spaces
// interview: a video event in its own words, two Netflix counts, Downdetector, buffering, the main fight as a key
// moment, a correction with its reason; compared without a misleading chart; exported and imported back unchanged.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { uniqueSlug } from "./fixtures";

test("records the Paul–Tyson fight as a video event and compares it with the X Spaces interview", async ({ page }) => {
  // Some thirty saves, a comparison and an import, each waited for as a person would.
  test.setTimeout(120_000);
  const slug = uniqueSlug("paul-tyson-netflix");
  await page.goto("/events/new");
  await page.getByLabel("Title").fill("Jake Paul vs. Mike Tyson on Netflix");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Platform").fill("Netflix");
  await page.getByLabel("Medium").selectOption("video");
  await page.getByLabel("Guests").fill("Jake Paul, Mike Tyson");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Scheduled start", { exact: true }).fill("2024-11-15T20:00");
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${slug}$`));

  // Netflix's two counts (64 million, then 65 million the next day), Variety's estimate, Downdetector's reports.
  await page.getByText("Add a reported figure").click();
  const addFigure = page.locator("details", { hasText: "Add a reported figure" });
  const figure = async (
    metric: string,
    value: string,
    source: { pick?: string; create?: string },
    reportedOn: string,
    extra: { qualifier?: string; scope?: string } = {},
  ) => {
    await addFigure.getByLabel("Metric").selectOption(metric);
    await addFigure.getByLabel(/^Value/).fill(value);
    await addFigure.getByLabel("Qualifier").selectOption(extra.qualifier ?? "exact");
    if (source.pick) await addFigure.getByLabel("Source", { exact: true }).selectOption({ label: source.pick });
    if (source.create) await addFigure.getByLabel("…or a new source").fill(source.create);
    await addFigure.getByLabel("Date reported").fill(reportedOn);
    if (extra.scope) await addFigure.getByLabel("Scope").fill(extra.scope);
    await addFigure.getByRole("button", { name: "Add figure" }).click();
    // The status of the figure before stays until this one is saved: wait for the button to be back.
    await expect(addFigure.getByRole("button", { name: "Add figure" })).toBeEnabled();
    await expect(addFigure.getByRole("status")).toHaveText("Figure added.");
  };
  // The metric list says what a video event's audience is counted in.
  await expect(addFigure.getByLabel("Metric").locator("option", { hasText: "Peak audience" })).toHaveText("Peak audience (viewers)");
  await figure("peak_streams", "64000000", { create: "Netflix" }, "2024-11-16");
  await figure("peak_streams", "65000000", { pick: "Netflix" }, "2024-11-17");
  await figure("peak_streams", "60000000", { create: "Variety" }, "2024-11-16", { qualifier: "approximate" });
  await figure("problem_reports", "95000", { create: "Downdetector" }, "2024-11-16", { qualifier: "at_least" });
  await figure("problem_reports", "85000", { pick: "Downdetector" }, "2024-11-16", { qualifier: "approximate", scope: "United States" });

  // The same figure twice is refused, in words, and what was typed stays.
  await addFigure.getByLabel("Metric").selectOption("peak_streams");
  await addFigure.getByLabel(/^Value/).fill("65000000");
  await addFigure.getByLabel("Source", { exact: true }).selectOption({ label: "Netflix" });
  await addFigure.getByLabel("Date reported").fill("2024-11-17");
  await addFigure.getByRole("button", { name: "Add figure" }).click();
  await expect(addFigure.getByRole("button", { name: "Add figure" })).toBeEnabled();
  await expect(addFigure.getByLabel("Date reported")).toHaveAccessibleDescription(/Netflix already reported Peak concurrent streams on 2024-11-17/);
  await expect(addFigure.getByLabel(/^Value/)).toHaveValue("65000000");

  // Buffering through the main fight, its source created in place with the URL it said it at.
  await page.getByText("Add an incident").click();
  const addIncident = page.locator("details", { hasText: "Add an incident" });
  await addIncident.getByLabel("Kind").selectOption("buffering");
  await addIncident.getByLabel("Start, in minutes after the scheduled start").fill("120");
  await addIncident.getByLabel("Duration, in minutes").fill("90");
  await addIncident.getByLabel("Qualifier").selectOption("approximate");
  await addIncident.getByLabel("…or a new source").fill("The Verge");
  await addIncident.getByLabel("URL").fill("https://www.theverge.com/2024/11/16/netflix-paul-tyson-buffering");
  await addIncident.getByRole("button", { name: "Add incident" }).click();
  await expect(addIncident.getByRole("status")).toHaveText("Incident added.");

  // The main fight, as an instant on the timeline.
  await page.getByText("Add a key moment").click();
  const addMoment = page.locator("details", { hasText: "Add a key moment" });
  await addMoment.getByLabel("What happened").fill("Main fight begins");
  await addMoment.getByLabel(/^Time/).fill("2024-11-15T23:05");
  await addMoment.getByRole("button", { name: "Add key moment" }).click();
  await expect(addMoment.getByRole("status")).toHaveText("Key moment added.");

  await page.reload();
  const main = page.locator("main");
  // Words follow the medium: viewers and streams, never listeners, for a Netflix fight.
  await expect(main).not.toContainText(/listener/i);
  await expect(page.getByRole("region", { name: "At a glance" }).or(page.locator("section", { has: page.locator("#glance") }))).toContainText(
    "Peak concurrent streams",
  );
  await expect(main).toContainText("Main fight begins");
  await expect(page.locator("#timeline-table")).toContainText("Key moment: Main fight begins at t = 185 min");
  await expect(page.locator("#timeline-table")).toContainText("Buffering: buffering, about 90 min");
  // Where Netflix and Variety disagree, each value keeps its qualifier, and the close-up says it does not start at zero.
  const range = page.locator("figure.range", { hasText: "Peak concurrent streams" });
  await expect(range).toContainText("65,000,000 streams");
  await expect(range).toContainText("about 60,000,000 streams");
  await expect(range).toContainText("not at zero");

  // Variety corrects its estimate: the reason is in the correction log, and the figure says it was corrected.
  await page
    .getByRole("link", { name: /Edit.*Variety/ })
    .first()
    .click();
  await page.getByLabel(/^Value/).fill("61000000");
  await page.getByLabel("Reason for the change").fill("Variety corrected its estimate");
  await page.getByRole("button", { name: "Save figure" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${slug}#figures$`));
  const log = page.locator("section", { has: page.locator("#history") });
  await expect(log).toContainText(
    "Figure: Peak concurrent streams from Variety · value: 60,000,000 → 61,000,000 · reason: “Variety corrected its estimate”",
  );
  await expect(log).not.toContainText(/#\d|peak_streams|approximate/);
  // The figure itself says it was corrected, with the reason (not only the log).
  await expect(page.locator("tr", { hasText: "Variety" }).locator(".corrected")).toHaveText("corrected “Variety corrected its estimate”");

  // Compared with the X Spaces interview: listeners, viewers and streams on charts of their own.
  await page.goto(`/compare?events=${slug},musk-trump-x-spaces-2024`);
  await expect(page.getByRole("heading", { name: "Listeners (audio)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Peak concurrent streams (playbacks, not people)" })).toBeVisible();
  await expect(page.locator("#audience-streams-chart")).toContainText("65M");
  // What nobody reported is said in the chart: the interview's peak, and the fight's viewers altogether.
  await expect(page.locator("#audience-listeners-chart")).toContainText("n/r: peak");
  await expect(page.locator("#audience-viewers-chart")).toContainText("No viewer figure is reported for this event yet");
  await expect(page.locator("#minutes-lost-table")).toContainText("about 90 min degraded");

  // Exported as JSON, it comes back: the import changes nothing, Netflix's two counts included.
  const exportBar = page.getByRole("group", { name: "Export this comparison" });
  const [download] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "JSON" }).click()]);
  const json = fs.readFileSync(await download.path());
  const doc = JSON.parse(json.toString("utf8"));
  const fight = doc.events.find((e: { slug: string }) => e.slug === slug);
  expect(fight).toMatchObject({ medium: "video" });
  expect(
    fight.reports
      .filter((r: { metric: string; source: string }) => r.metric === "peak_streams" && r.source === "Netflix")
      .map((r: { value: number }) => r.value),
  ).toEqual([64_000_000, 65_000_000]);
  await page.goto("/import");
  await page.getByLabel(/^Export file/).setInputFiles({ name: "fight.json", mimeType: "application/json", buffer: json });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("status")).toContainText("nothing: every record in the file is already here");
});
