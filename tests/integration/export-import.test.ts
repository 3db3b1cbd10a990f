// Exports (CSV, JSON) and imports (all or nothing) through the routes, and the round trip between two databases.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as compareExport } from "@/app/api/compare/route";
import { GET as eventExport } from "@/app/api/events/[slug]/export/route";
import { GET as exportAll } from "@/app/api/export/route";
import { POST as importRoute } from "@/app/api/import/route";
import { seedDatabase } from "@/lib/data/seed";
import { parseCsvRecords } from "@/lib/export/csv";
import { BASE, writeRequest, snapshotDb } from "./api-helpers";
import { switchToNewDatabase, withOwnDatabase } from "./own-database";

const BOTH = "musk-trump-x-spaces-2024,desantis-twitter-spaces-2023";
const exportOf = (format: string, events = BOTH) => compareExport(new Request(`${BASE}/api/compare?events=${events}&format=${format}`));
const importOf = (body: string, type: string, preview = false) =>
  importRoute(writeRequest(`${BASE}/api/import${preview ? "?preview=1" : ""}`, { method: "POST", headers: { "Content-Type": type }, body }));

beforeAll(async () => {
  await seedDatabase();
});

describe("export", () => {
  it("gives the comparison as RFC 4180 CSV, one row per figure with its source, derived rows marked", async () => {
    const response = await exportOf("csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="deadair-musk-trump-x-spaces-2024_desantis-twitter-spaces-2023-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const { header, rows } = parseCsvRecords(text);
    expect(header.slice(0, 13)).toEqual([
      "event_slug",
      "event_title",
      "metric",
      "metric_label",
      "value",
      "value_max",
      "unit",
      "qualifier",
      "source",
      "source_url",
      "quote",
      "reported_on",
      "derived",
    ]);
    const delay = rows.find((r) => r.values.metric === "start_delay")!.values;
    expect(delay).toMatchObject({
      event_slug: "musk-trump-x-spaces-2024",
      value: "42",
      unit: "minutes",
      qualifier: "exact",
      source: "Financial Times",
      source_url: "https://www.ft.com",
      derived: "no",
    });
    const silence = rows.find((r) => r.values.metric === "silence_before_failure")!.values;
    expect(silence).toMatchObject({ value: "20", qualifier: "approximate", source: "Los Angeles Times" });
    const attainment = rows.find((r) => r.values.metric === "attainment")!.values;
    expect(attainment).toMatchObject({ value: "0.1375", unit: "fraction", derived: "yes", source: "derived from Financial Times" });
    expect(rows.filter((r) => r.values.derived === "no")).toHaveLength(5);
  });

  it("gives the comparison as versioned JSON with events, figures, sources, claims, derived figures and the permalink", async () => {
    const response = await exportOf("json");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const doc = await response.json();
    expect(doc).toMatchObject({ format: "deadair.comparison", version: 2, permalink: `${BASE}/compare?events=${BOTH}` });
    expect(Date.parse(doc.generatedAt)).not.toBeNaN();
    expect(doc.events.map((e: { slug: string }) => e.slug)).toEqual(BOTH.split(","));
    const musk = doc.events[0];
    expect(musk.scheduledStart).toBe("2024-08-13T00:00:00.000Z");
    expect(musk.derived.attainment).toMatchObject({ min: 0.1375, max: 0.1375 });
    expect(musk.claims.find((c: { claimant: string }) => c.claimant === "Elon Musk")).toMatchObject({
      status: "disputed",
      stances: [{ source: "The New York Times", stance: "disputes" }],
    });
    expect(doc.sources.map((s: { name: string }) => s.name)).toContain("Los Angeles Times");
  });

  it("exports one event, and every event as a stream", async () => {
    const one = await eventExport(new Request(`${BASE}/api/events/desantis-twitter-spaces-2023/export?format=json`), {
      params: Promise.resolve({ slug: "desantis-twitter-spaces-2023" }),
    });
    expect((await one.json()).events).toHaveLength(1);
    const all = await exportAll(new Request(`${BASE}/api/export?format=csv`));
    expect(parseCsvRecords(await all.text()).rows.filter((r) => r.values.derived === "no")).toHaveLength(5);
  });

  it("answers an unknown format with 400 and an unknown slug with 404, as problem details", async () => {
    const bad = await exportOf("xlsx");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await bad.json()).errors.format).toBeDefined();
    const missing = await exportOf("csv", "musk-trump-x-spaces-2024,nope");
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toContain('"nope"');
  });
});

describe("import", () => {
  it("round-trips JSON: export, import into an empty database, export again gives the same content", async () => {
    const first = await (await exportOf("json")).json();
    const restore = await switchToNewDatabase();
    try {
      const preview = await importOf(JSON.stringify(first), "application/json", true);
      expect((await preview.json()).summary.counts.event.create).toBe(2);
      expect((await snapshotDb()).event).toEqual([]);

      const applied = await importOf(JSON.stringify(first), "application/json");
      expect(applied.status).toBe(200);
      const second = await (await exportOf("json")).json();
      expect({ ...second, generatedAt: null }).toEqual({ ...first, generatedAt: null });

      // The same file again changes nothing.
      const before = await snapshotDb();
      const again = await (await importOf(JSON.stringify(first), "application/json")).json();
      expect(again.summary.changes).toEqual([]);
      expect(await snapshotDb()).toEqual(before);
    } finally {
      await restore();
    }
  });

  it("round-trips CSV to the same file", async () => {
    const first = await (await exportOf("csv")).text();
    const restore = await switchToNewDatabase();
    try {
      expect((await importOf(first, "text/csv")).status).toBe(200);
      expect(await (await exportOf("csv")).text()).toBe(first);
    } finally {
      await restore();
    }
  });

  it("refuses a bad file whole, naming the row or path, the field and the reason, and changes nothing", async () => {
    const doc = await (await exportOf("json")).json();
    doc.events[0].reports[0].value = -3;
    doc.events[1].title = "";
    const csv = (await (await exportOf("csv")).text())
      .replace("Financial Times,https://www.ft.com", "Financial Times,https://www.ft.com")
      .replace(/,42,,minutes,exact,/, ",forty-two,,minutes,exact,");
    const before = await snapshotDb();
    const json = await importOf(JSON.stringify(doc), "application/json");
    expect(json.status).toBe(400);
    const errors = (await json.json()).errors;
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(["events[0].reports[0].value", "events[1].title"]));
    const bad = await importOf(csv, "text/csv");
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors)).toEqual([expect.stringMatching(/^row \d+\.value$/)]);
    expect((await importOf("{not json", "application/json")).status).toBe(400);
    expect((await importOf(JSON.stringify({ format: "other" }), "application/json")).status).toBe(400);
    expect((await importOf("<html></html>", "text/html")).status).toBe(415);
    expect((await importOf("x".repeat(5 * 1024 * 1024 + 1), "text/csv")).status).toBe(413);
    expect(await snapshotDb()).toEqual(before);
  });
});

describe("import of a CSV over existing events", () => {
  // It changes a seeded figure that the exports above read.
  withOwnDatabase({ seed: true });

  it("leaves the fields a CSV does not carry (hosts, guests, notes) as they are", async () => {
    const csv = await (await exportOf("csv")).text();
    const before = await snapshotDb();
    const preview = await (await importOf(csv, "text/csv", true)).json();
    expect(preview.summary.changes).toEqual([]);
    expect((await (await importOf(csv.replace(/,42,,minutes,exact,/, ",43,,minutes,exact,"), "text/csv")).json()).summary.changes).toEqual([
      {
        action: "update",
        entity: "report",
        label: "musk-trump-x-spaces-2024: Start delay from Financial Times, reported on 2024-08-13",
        fields: ["value"],
      },
    ]);
    const after = await snapshotDb();
    expect(after.event).toEqual(before.event);
    expect(after.report.find((r) => r.metric === "start_delay")?.value).toBe(43);
  });
});
