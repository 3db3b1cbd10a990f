// Finding any event: /events and the compare picker search the whole database on the server, past the first hundred
// events listed, with and without JavaScript; an event with many figures shows the first of each metric.
import { expect, type Page, test } from "@playwright/test";
import { signedInState } from "./accounts";
import { createEvent, uniqueSlug } from "./fixtures";

const run = Date.now().toString(36);
// Words no other spec's events hold: the filler's, and the one event looked for.
const FILLER_WORD = `haystack${run}`;
const NEEDLE_WORD = `quillwort${run}`;
const FILLERS = 120;

let needle: { slug: string; title: string };

test.beforeAll(async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, storageState: signedInState() });
  const { request } = context;
  // Newer than the event looked for, so that it comes after the first hundred in every list, newest first.
  for (let i = 0; i < FILLERS; i++) {
    await createEvent(request, {
      title: `Weekly ${FILLER_WORD} stream ${i}`,
      slug: uniqueSlug(`filler-${i}`),
      platform: "YouTube Live",
      timeZone: "UTC",
      scheduledStart: `2021-01-01T${String(i % 24).padStart(2, "0")}:00Z`,
    });
  }
  const created = await createEvent(request, {
    title: `Zoë and the ${NEEDLE_WORD} broadcast`,
    slug: uniqueSlug("needle"),
    platform: "Twitch",
    timeZone: "UTC",
    scheduledStart: "1999-06-01T20:00Z",
  });
  needle = { slug: created.slug, title: created.title };
  await context.close();
});

async function searchEvents(page: Page, q: string) {
  await page.getByLabel("Search events").fill(q);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/events\\?q=${encodeURIComponent(q).replace(/%20/g, "\\+")}$`));
}

test.describe("/events", () => {
  test("finds an event past the first hundred, counts the matches, and pages through them keeping the search", async ({ page }) => {
    await page.goto("/events");
    await expect(page.getByRole("navigation", { name: "Pages of events" })).toContainText(/Page 1 of [3-9]/);
    await expect(page.getByRole("link", { name: needle.title })).toHaveCount(0);

    await searchEvents(page, `zoe ${NEEDLE_WORD}`);
    await expect(page.locator("p.count")).toHaveText(`1 event matches “zoe ${NEEDLE_WORD}” · Clear the search`);
    await expect(page.getByLabel("Search events")).toHaveValue(`zoe ${NEEDLE_WORD}`);
    const table = page.getByRole("table", { name: /1 event matches/ });
    await expect(table.getByRole("row")).toHaveCount(2);
    await table.getByRole("link", { name: needle.title }).click();
    await expect(page).toHaveURL(new RegExp(`/events/${needle.slug}$`));

    await page.goto("/events");
    await searchEvents(page, `${FILLER_WORD} 2021`);
    await expect(page.locator("p.count")).toHaveText(`${FILLERS} events match “${FILLER_WORD} 2021”; 1–50 shown · Clear the search`);
    const pages = page.getByRole("navigation", { name: "Pages of matching events" });
    await expect(pages).toContainText("Page 1 of 3");
    await pages.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${FILLER_WORD}\\+2021&page=2$`));
    await expect(page.locator("p.count")).toHaveText(`${FILLERS} events match “${FILLER_WORD} 2021”; 51–100 shown · Clear the search`);
    await expect(pages).toContainText("Page 2 of 3");
  });

  test("says when nothing matches, and offers to clear the search", async ({ page }) => {
    await page.goto(`/events?q=${NEEDLE_WORD}+nothing${run}`);
    await expect(page.getByText(`No event matches “${NEEDLE_WORD} nothing${run}”.`)).toBeVisible();
    await page.getByRole("link", { name: "Clear the search" }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(page.getByLabel("Search events")).toHaveValue("");
    await expect(page.getByRole("table", { name: /events, newest first/ })).toBeVisible();
  });
});

test.describe("the compare picker", () => {
  test("searches the server as one types, keeps the chosen events in view, shows more, and keeps the address in step", async ({ page }) => {
    await page.goto("/compare?events=musk-trump-x-spaces-2024");
    const find = page.getByLabel("Find an event");
    const count = page.locator("#picker-count");
    await expect(count).toHaveAttribute("aria-live", "polite");

    await find.fill(NEEDLE_WORD.toUpperCase());
    await expect(count).toHaveText(`1 event matches “${NEEDLE_WORD.toUpperCase()}”`);
    const found = page.getByRole("list", { name: "Events found" });
    await found.getByRole("checkbox", { name: needle.title }).check();
    await expect(page).toHaveURL(new RegExp(`/compare\\?events=musk-trump-x-spaces-2024,${needle.slug}$`));
    await expect(page.getByRole("table", { name: "Minutes lost per event" })).toBeVisible();

    await find.fill(FILLER_WORD);
    await expect(count).toHaveText(`${FILLERS} events match “${FILLER_WORD}”; 20 shown`);
    await expect(found.getByRole("checkbox")).toHaveCount(20);
    // The two chosen events match nothing of this search, and stay in view, ticked.
    const chosen = page.getByRole("list", { name: "Chosen, outside this search" });
    await expect(chosen.getByRole("checkbox", { checked: true })).toHaveCount(2);
    await expect(chosen.getByRole("checkbox", { name: needle.title })).toBeChecked();

    await page.getByRole("button", { name: "Show 20 more" }).click();
    await expect(count).toHaveText(`${FILLERS} events match “${FILLER_WORD}”; 40 shown`);
    await expect(found.getByRole("checkbox")).toHaveCount(40);
    // The newest of the filler (23:00, made last) comes first.
    await found.getByRole("checkbox", { name: `Weekly ${FILLER_WORD} stream 119 (2021)` }).check();
    await expect(page).toHaveURL(new RegExp(`/compare\\?events=musk-trump-x-spaces-2024,${needle.slug},filler-119-`));

    await find.fill(`nothing${run}`);
    await expect(count).toHaveText(`No event matches “nothing${run}”`);
    await expect(chosen.getByRole("checkbox", { checked: true })).toHaveCount(3);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the picker searches on the server and compares what is ticked", async ({ page }) => {
      await page.goto("/compare");
      await page.getByLabel("Find an event").fill(NEEDLE_WORD);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(new RegExp(`q=${NEEDLE_WORD}`));
      await expect(page.locator("#picker-count")).toHaveText(`1 event matches “${NEEDLE_WORD}”`);
      await page.getByRole("checkbox", { name: needle.title }).check();
      await page.getByRole("button", { name: "Compare" }).click();
      await expect(page).toHaveURL(new RegExp(`e=${needle.slug}`));
      await expect(page.getByText(`Choose at least two events to compare with ${needle.title}`)).toBeVisible();

      await page.getByLabel("Find an event").fill(FILLER_WORD);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page.locator("#picker-count")).toHaveText(`${FILLERS} events match “${FILLER_WORD}”; 20 shown`);
      await expect(page.getByRole("checkbox", { name: needle.title })).toBeChecked();
      await page.getByRole("button", { name: "Next matches" }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByRole("list", { name: "Events found" }).getByRole("checkbox")).toHaveCount(20);
    });

    test("/events searches with a plain form", async ({ page }) => {
      await page.goto("/events");
      await searchEvents(page, NEEDLE_WORD);
      await expect(page.locator("p.count")).toHaveText(`1 event matches “${NEEDLE_WORD}” · Clear the search`);
    });
  });
});

test("an event with more figures of a metric than a page shows lists the first 50, names the sources, and shows all on request", async ({ page }) => {
  const { slug } = await createEvent(page.request, {
    title: `Many figures ${run}`,
    slug: uniqueSlug("many-figures"),
    platform: "X Spaces",
    timeZone: "UTC",
  });
  // One source's count, reported day after day.
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
  const first = await page.request.post(`/api/events/${slug}/reports`, {
    data: { metric: "peak_audience", value: 1000, newSourceName: `Counter ${run}`, reportedOn: day(0) },
  });
  expect(first.status(), await first.text()).toBe(201);
  const { sourceId } = await first.json();
  for (let i = 1; i < 60; i++) {
    const response = await page.request.post(`/api/events/${slug}/reports`, {
      data: { metric: "peak_audience", value: 1000 + i, sourceId, reportedOn: day(i) },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  await page.goto(`/events/${slug}`);
  const figures = page.getByRole("table", { name: /Every reported figure with its source/ });
  await expect(figures.getByRole("row", { name: /Peak audience/ })).toHaveCount(50);
  await expect(figures).toContainText(`50 of 60 peak audience figures shown, from Counter ${run} (60).`);
  await figures.getByRole("link", { name: "Show all 60 peak audience figures" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${slug}\\?figures=peak_audience#figures-peak_audience$`));
  await expect(figures.getByRole("row", { name: /Peak audience/ })).toHaveCount(60);
  await figures.getByRole("link", { name: "Show the first 50 only" }).click();
  await expect(figures.getByRole("row", { name: /Peak audience/ })).toHaveCount(50);
});
