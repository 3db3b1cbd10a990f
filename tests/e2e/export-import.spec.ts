import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { uniqueSlug } from "./fixtures";
import { onPostgresTests } from "../backend";

const BOTH = "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023";

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("downloads the comparison as CSV and JSON, with the sources attached", async ({ page }) => {
  await page.goto(BOTH);
  const exportBar = page.getByRole("group", { name: "Export this comparison" });

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "CSV", exact: true }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^deadair-musk-trump-x-spaces-2024_desantis-twitter-spaces-2023-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows: Record<string, string>[] = parse(fs.readFileSync(await csvDownload.path()), { columns: true });
  expect(rows.find((r) => r.metric === "start_delay")).toMatchObject({ value: "42", source: "Financial Times", derived: "no" });
  expect(rows.find((r) => r.metric === "silence_before_failure")).toMatchObject({
    value: "20",
    qualifier: "approximate",
    source: "Los Angeles Times",
  });
  expect(rows.find((r) => r.metric === "attainment")).toMatchObject({ value: "0.1375", derived: "yes" });

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "JSON" }).click()]);
  const doc = JSON.parse(fs.readFileSync(await jsonDownload.path(), "utf8"));
  expect(doc).toMatchObject({ format: "deadair.comparison", version: 2 });

  // The JSON Schema is served, and the download has every property it requires.
  const schema = await (await page.request.get("/schema/deadair.comparison.v2.json")).json();
  expect(schema.properties.format.const).toBe("deadair.comparison");
  for (const key of schema.required) expect(doc).toHaveProperty(key);
  for (const key of schema.$defs.event.required) expect(doc.events[0]).toHaveProperty(key);
  expect(doc.sources.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Financial Times", "Los Angeles Times"]));
});

test("downloads the CSV for Excel: the same rows after a UTF-8 byte-order mark, accents intact, and it imports", async ({ page, request }) => {
  await page.goto("/events/musk-trump-x-spaces-2024");
  const exportBar = page.getByRole("group", { name: "Export this event" });
  await expect(exportBar.getByText(/CSV for Excel: the same file, marked as UTF-8/)).toBeVisible();
  const [plain] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "CSV", exact: true }).click()]);
  const [excel] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "CSV for Excel" }).click()]);
  expect(excel.suggestedFilename()).toMatch(/^deadair-musk-trump-x-spaces-2024-\d{4}-\d{2}-\d{2}-excel\.csv$/);
  const plainBytes = fs.readFileSync(await plain.path());
  const excelBytes = fs.readFileSync(await excel.path());
  expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(plainBytes[0]).not.toBe(0xef);
  expect(excelBytes.subarray(3).equals(plainBytes)).toBe(true);
  const rows: Record<string, string>[] = parse(excelBytes, { columns: true, bom: true });
  expect(rows.find((r) => r.metric === "start_delay")).toMatchObject({ value: "42", source: "Financial Times" });

  // The import takes it as it takes the plain file: nothing to change, the records being here already.
  const preview = await request.post("/api/import?preview=1", { headers: { "Content-Type": "text/csv" }, data: excelBytes });
  expect(preview.status()).toBe(200);
  expect((await preview.json()).summary.changes).toEqual([]);
});

test("downloads each chart as a PNG and an SVG that carry the title, key, sources, date and permalink, named for the events", async ({ page }) => {
  await page.goto(BOTH);
  await page.waitForLoadState("networkidle");
  for (const [title, id, named] of [
    ["Timelines aligned at the scheduled start (t = 0)", "timeline", "timeline"],
    ["Audience: expected against actual, in listeners", "audience-listeners", "audience-listeners"],
    ["Minutes lost: silence (late start and dead air), and degraded minutes apart", "minutes-lost", "minutes-lost"],
  ]) {
    const chart = page.locator(`#${id}-chart svg`).first();
    const box = (await chart.boundingBox())!;
    // The words the chart shows at its width; those laid out for other widths are hidden (display: none).
    const shown = await chart.evaluate((svg) =>
      [...svg.querySelectorAll("text")].filter((t) => t.getClientRects().length > 0).map((t) => t.textContent),
    );
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `PNG of the chart “${title}”` }).click()]);
    expect(png.suggestedFilename()).toBe(`deadair-${named}-musk-trump-x-spaces-2024_desantis-twitter-spaces-2023.png`);
    // The chart at twice its size, with the title above it and the key, sources and address below.
    const size = pngSize(fs.readFileSync(await png.path()));
    expect(size.width).toBe(Math.max(360, Math.round(box.width) + 32) * 2);
    expect(size.height).toBeGreaterThan(Math.round(box.height) * 2 + 100);

    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `SVG of the chart “${title}”` }).click()]);
    const text = fs.readFileSync(await svg.path(), "utf8");
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror") !== null,
        root: doc.documentElement.nodeName,
        title: doc.querySelector("title")?.textContent,
        text: [...doc.querySelectorAll(":scope > text")].map((t) => t.textContent).join(" "),
        drawn: [...doc.documentElement.querySelectorAll(":scope > svg text")].map((t) => t.textContent),
      };
    }, text);
    // The file draws those words and no other: outside the page, no stylesheet would hide the rest.
    expect(parsed.drawn).toEqual(shown);
    expect(parsed).toMatchObject({ error: false, root: "svg", title });
    expect(parsed.text).toContain(title.split(",")[0]);
    expect(parsed.text).toMatch(/Sources: .*Financial Times/);
    expect(parsed.text).toMatch(/Dead Air, \d{1,2} \w+ \d{4}: http:\/\/[^ ]+\/compare\?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023/);
    expect(text).not.toContain("var(--");
  }
});

test("imports a file through the page: preview, apply, and the second time nothing changes", async ({ page, request }) => {
  // A copy under a slug of its own, so that the first import creates it whatever ran before.
  const copy = uniqueSlug("desantis-copy");
  const csv = (await (await request.get("/api/events/desantis-twitter-spaces-2023/export?format=csv")).text())
    .replaceAll("desantis-twitter-spaces-2023", copy)
    .replaceAll("Ron DeSantis announces his presidential campaign on Twitter Spaces", "A copy of the DeSantis launch");
  await page.goto("/import");
  await page
    .getByLabel("Export file (JSON or CSV, at most 5 MB)")
    .setInputFiles({ name: "copy.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview import" }).click();
  const preview = page.getByRole("status").filter({ hasText: "What importing copy.csv would do" });
  await expect(preview.getByRole("row", { name: /^Events/ })).toContainText("1");
  await expect(preview).toContainText(`Create event ${copy}`);
  await page.getByRole("button", { name: "Apply import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "copy.csv was imported." })).toBeVisible();

  await page.goto(`/events/${copy}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A copy of the DeSantis launch");
  await expect(page.getByRole("table", { name: "Every reported figure with its source" })).toContainText("Los Angeles Times");

  await page.goto("/import");
  await page
    .getByLabel("Export file (JSON or CSV, at most 5 MB)")
    .setInputFiles({ name: "copy.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview import" }).click();
  await expect(page.getByRole("status")).toContainText("nothing: every record in the file is already here");
  await expect(page.getByRole("button", { name: "Apply import" })).toBeDisabled();
});

test("a large file shows how far its preview has got: the upload, then the records checked, in words and on a bar", async ({ page }) => {
  // On PostgreSQL an import takes about 15 times as long: a statement per record, each a round trip (README).
  test.slow(onPostgresTests);
  const run = uniqueSlug("progress");
  // 2,000 events of four figures each (about 3 MB): long enough to be seen on its way.
  const file = JSON.stringify({
    format: "deadair.comparison",
    version: 2,
    generatedAt: "2026-12-06T00:00:00.000Z",
    sources: [{ name: `Progress outlet ${run}`, kind: "newspaper", leaning: null, homeUrl: null }],
    events: Array.from({ length: 2_000 }, (_, e) => ({
      slug: `${run}-${e}`,
      title: `Progress check ${e}`,
      platform: "X Spaces",
      timeZone: "UTC",
      status: "ended",
      reports: ["start_delay", "expected_audience", "average_audience", "duration"].map((metric, i) => ({
        metric,
        value: 100 + i,
        qualifier: "approximate",
        source: `Progress outlet ${run}`,
        reportedOn: "2021-01-02",
        note: "A figure of the progress check, with a note as long as real ones are.",
      })),
      incidents: [],
      claims: [],
      moments: [],
    })),
  });
  await page.goto("/import");
  // Every text the progress shows, as it changes (too fast to poll for): a person sees each of them go by.
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
    new MutationObserver(() => {
      const text = document.querySelector(".import-progress p")?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page
    .getByLabel("Export file (JSON or CSV, at most 5 MB)")
    .setInputFiles({ name: "large.json", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Preview import" }).click();
  const preview = page.getByRole("status").filter({ hasText: "What importing large.json would do" });
  await expect(preview.getByRole("row", { name: /^Figures/ })).toContainText("8000", { timeout: onPostgresTests ? 80_000 : 30_000 });
  await expect(page.locator(".import-progress")).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  // The upload, then the count of records checked while the server checks them (the last count may come with the
  // outcome, in the same chunk, and then is never drawn).
  const uploading = seen.findIndex((t) => /^Uploading: [\d.]+ of [\d.]+ MB$/.test(t));
  const checking = seen.findIndex((t) => /^Checking: [\d,]+ of 10,001 records$/.test(t));
  expect(uploading, JSON.stringify(seen)).toBeGreaterThanOrEqual(0);
  expect(checking, JSON.stringify(seen)).toBeGreaterThan(uploading);
});

test("a file that cannot be imported is refused with the row, field and reason", async ({ page }) => {
  await page.goto("/import");
  const bad = "event_slug,event_title,metric,value,unit,qualifier,source,derived\r\nx,X,start_delay,-4,minutes,exact,CNN,no\r\n";
  await page.getByLabel("Export file (JSON or CSV, at most 5 MB)").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Preview import" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "bad.csv cannot be imported" });
  await expect(alert).toContainText("row 2.value");
  await expect(alert).toContainText("Minutes must be from 0");
});
