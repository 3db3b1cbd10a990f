import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { uniqueSlug } from "./fixtures";

const BOTH = "/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023";

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("downloads the comparison as CSV and JSON, with the sources attached", async ({ page }) => {
  await page.goto(BOTH);
  const exportBar = page.getByRole("group", { name: "Export this comparison" });

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), exportBar.getByRole("link", { name: "CSV" }).click()]);
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
  expect(doc).toMatchObject({ format: "deadair.comparison", version: 1 });

  // The JSON Schema is served, and the download has every property it requires.
  const schema = await (await page.request.get("/schema/deadair.comparison.v1.json")).json();
  expect(schema.properties.format.const).toBe("deadair.comparison");
  for (const key of schema.required) expect(doc).toHaveProperty(key);
  for (const key of schema.$defs.event.required) expect(doc.events[0]).toHaveProperty(key);
  expect(doc.sources.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Financial Times", "Los Angeles Times"]));
});

test("downloads each chart as a PNG of the chart's size and as an SVG that parses", async ({ page }) => {
  await page.goto(BOTH);
  await page.waitForLoadState("networkidle");
  for (const [title, id] of [
    ["Timelines aligned at the scheduled start (t = 0)", "timeline"],
    ["Audience: expected against actual", "audience"],
    ["Minutes lost: start delay plus dead air", "minutes-lost"],
  ]) {
    const chart = page.locator(`#${id}-chart svg`).first();
    const box = (await chart.boundingBox())!;
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `PNG of the chart “${title}”` }).click()]);
    expect(png.suggestedFilename()).toBe(`deadair-${id}.png`);
    expect(pngSize(fs.readFileSync(await png.path()))).toEqual({ width: Math.round(box.width) * 2, height: Math.round(box.height) * 2 });

    const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `SVG of the chart “${title}”` }).click()]);
    const text = fs.readFileSync(await svg.path(), "utf8");
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "image/svg+xml");
      return { error: doc.querySelector("parsererror") !== null, root: doc.documentElement.nodeName, title: doc.querySelector("title")?.textContent };
    }, text);
    expect(parsed).toEqual({ error: false, root: "svg", title });
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

test("a file that cannot be imported is refused with the row, field and reason", async ({ page }) => {
  await page.goto("/import");
  const bad = "event_slug,event_title,metric,value,unit,qualifier,source,derived\r\nx,X,start_delay,-4,minutes,exact,CNN,no\r\n";
  await page.getByLabel("Export file (JSON or CSV, at most 5 MB)").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Preview import" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "bad.csv cannot be imported" });
  await expect(alert).toContainText("row 2.value");
  await expect(alert).toContainText("Minutes must be from 0");
});
