// The ingest API: JSON, NDJSON and CSV batches, idempotent on (series, instant), refused whole with the sample and
// field named; reads raw or from the per-minute roll-ups; raw samples purged after their retention, roll-ups kept.
import { beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/events/[slug]/samples/route";
import { createApiToken } from "@/lib/data/api-tokens";
import { purgeRawSamples } from "@/lib/data/samples";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { BASE, params, writeAuth } from "./api-helpers";
import { withOwnDatabase } from "./own-database";

const SLUG = "desantis-twitter-spaces-2023";
const T0 = Date.parse("2023-05-24T22:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function post(body: string, type: string, headers: Record<string, string> = writeAuth()) {
  return POST(
    new Request(`${BASE}/api/events/${SLUG}/samples`, { method: "POST", headers: { "Content-Type": type, ...headers }, body }),
    params({ slug: SLUG }),
  );
}
const postJson = (samples: unknown[]) => post(JSON.stringify({ samples }), "application/json");
const get = (query: string) => GET(new Request(`${BASE}/api/events/${SLUG}/samples?${query}`), params({ slug: SLUG }));

async function stored() {
  const db = getDb();
  return { samples: await db.sample.count(), rollups: await db.sampleRollup.findMany({ orderBy: [{ series: "asc" }, { minute: "asc" }] }) };
}

/** Two minutes of listener counts, one a second from T0: 1000, 1001, … 1119. */
const listeners = () => Array.from({ length: 120 }, (_, i) => ({ series: "listeners", at: iso(T0 + i * 1000), value: 1000 + i }));

/** Stores them as the POST test does: what the reads and the purge read. */
async function storeListeners() {
  expect((await postJson(listeners())).status).toBe(200);
}

// Each test counts every sample and roll-up: each has a seeded database to itself.
withOwnDatabase({ seed: true, each: true });

describe("POST /api/events/{slug}/samples", () => {
  it("stores a JSON batch, answers how many were stored, and stores nothing twice when it comes again", async () => {
    const samples = listeners();
    const first = await postJson(samples);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: 120, duplicates: 0 });
    const again = await postJson([...samples].reverse());
    expect(await again.json()).toEqual({ stored: 0, duplicates: 120 });
    expect((await stored()).samples).toBe(120);
    // Two minutes, each rolled up once: min, max, sum and count.
    const rollups = (await stored()).rollups.filter((r) => r.series === "listeners");
    expect(rollups.map((r) => [r.minute.toISOString(), r.min, r.max, r.count, r.sum])).toEqual([
      ["2023-05-24T22:00:00.000Z", 1000, 1059, 60, Array.from({ length: 60 }, (_, i) => 1000 + i).reduce((a, b) => a + b)],
      ["2023-05-24T22:01:00.000Z", 1060, 1119, 60, Array.from({ length: 60 }, (_, i) => 1060 + i).reduce((a, b) => a + b)],
    ]);
  });

  it("stores a batch of several statements' worth once, keeping the first of a sample repeated inside it", async () => {
    // 451 samples go in as 200 + 200 + 51 rows; the first 120 were stored before, and T0 + 400 s comes twice: first
    // as -1 (in the second statement), then as 5400 (in the third).
    await storeListeners();
    const batch = Array.from({ length: 450 }, (_, i) => ({ series: "listeners", at: iso(T0 + i * 1000), value: 5000 + i }));
    batch.splice(300, 0, { series: "listeners", at: iso(T0 + 400_000), value: -1 });
    expect(await (await postJson(batch)).json()).toEqual({ stored: 330, duplicates: 121 });
    const raw = (await (await get("series=listeners")).json()).series.listeners as { at: string; value: number }[];
    expect(raw).toHaveLength(450);
    expect(raw.map((p) => p.value)).toEqual(Array.from({ length: 450 }, (_, i) => (i < 120 ? 1000 + i : i === 400 ? -1 : 5000 + i)));
    // Eight minutes (0–7), each sample counted once in its minute.
    const rollups = (await stored()).rollups.filter((r) => r.series === "listeners");
    expect(rollups.map((r) => r.count)).toEqual([60, 60, 60, 60, 60, 60, 60, 30]);
    expect(rollups[7].max).toBe(5449);
  });

  it("takes NDJSON and CSV, out of order, and merges late samples into their minute's roll-up", async () => {
    const ndjson = [2, 0, 1].map((i) => JSON.stringify({ series: "loudness", at: iso(T0 + 600_000 + i * 1000), value: -20 - i })).join("\n");
    expect(await (await post(ndjson + "\n", "application/x-ndjson")).json()).toEqual({ stored: 3, duplicates: 0 });
    const csv = `series,at,value\r\nloudness,${iso(T0 + 603_000)},-60\r\nloudness,${iso(T0 + 600_000)},-20\r\n`;
    expect(await (await post(csv, "text/csv")).json()).toEqual({ stored: 1, duplicates: 1 });
    const minute = (await stored()).rollups.find((r) => r.series === "loudness")!;
    expect([minute.min, minute.max, minute.count, minute.sum]).toEqual([-60, -20, 4, -20 - 21 - 22 - 60]);
  });

  it.each([
    ["a value that is not a number", [{ series: "listeners", at: iso(T0), value: "12" }], "samples[0].value"],
    ["no value", [{ series: "listeners", at: iso(T0) }], "samples[0].value"],
    ["an instant without its offset", [{ series: "listeners", at: "2023-05-24T22:00:00", value: 1 }], "samples[0].at"],
    ["an instant that is not one", [{ series: "listeners", at: "yesterday", value: 1 }], "samples[0].at"],
    ["an instant more than a day ahead", [{ series: "listeners", at: iso(Date.now() + 2 * 86_400_000), value: 1 }], "samples[0].at"],
    ["a series that is not a plain lowercase identifier", [{ series: "Listeners!", at: iso(T0), value: 1 }], "samples[0].series"],
    ["a field no sample has", [{ series: "listeners", at: iso(T0), value: 1, colour: "red" }], "samples[0].colour"],
    ["a sample that is not an object", [42], "samples[0]"],
  ])("refuses the whole batch for %s, naming the sample and field, and stores nothing", async (_what, bad, field) => {
    const before = await stored();
    const good = { series: "listeners", at: iso(T0 + 3_600_000), value: 5 };
    const response = await postJson([good, ...bad]);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors)).toEqual([field.replace("[0]", "[1]")]);
    expect(await stored()).toEqual(before);
  });

  it("names the line of an NDJSON or CSV sample it refuses, NaN included", async () => {
    const before = await stored();
    const ndjson = `{"series":"listeners","at":"${iso(T0)}","value":1}\n\n{"series":"listeners","at":"${iso(T0)}","value":null}\n`;
    expect(((await (await post(ndjson, "application/x-ndjson")).json()) as { errors: object }).errors).toEqual({
      "line 3.value": ["Value must be a number."],
    });
    const csv = `series,at,value\nlisteners,${iso(T0)},NaN\n`;
    expect(((await (await post(csv, "text/csv")).json()) as { errors: object }).errors).toEqual({ "line 2.value": ["Value must be a number."] });
    expect(await stored()).toEqual(before);
  });

  it("refuses a batch over 10,000 samples, a body that is not a batch, and a type it does not read", async () => {
    const before = await stored();
    const many = Array.from({ length: 10_001 }, (_, i) => ({ series: "listeners", at: iso(T0 + i), value: 1 }));
    const over = await postJson(many);
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: Record<string, string[]> }).errors.samples[0]).toMatch(/at most 10,000/);
    expect((await post('{"samples": 3}', "application/json")).status).toBe(400);
    expect((await post("series,at,value", "text/plain")).status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it("needs a write token: none is 401, a read token 403", async () => {
    const read = await createApiToken({ ctx: { actor: systemActor("console") }, input: { name: "sample reader", scope: "read" } });
    const body = JSON.stringify({ samples: [{ series: "listeners", at: iso(T0), value: 1 }] });
    expect((await post(body, "application/json", {})).status).toBe(401);
    expect((await post(body, "application/json", { Authorization: `Bearer ${read.token}` })).status).toBe(403);
  });
});

describe("GET /api/events/{slug}/samples", () => {
  beforeEach(storeListeners);

  it("returns a range of raw samples of the series asked for, in time order", async () => {
    const response = await get(`series=listeners&from=${iso(T0 + 10_000)}&to=${iso(T0 + 13_000)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { series: Record<string, { at: string; value: number }[]> };
    expect(body.series).toEqual({ listeners: [10, 11, 12].map((i) => ({ at: iso(T0 + i * 1000), value: 1000 + i })) });
  });

  it("returns minutes (mean, min, max, count) from the roll-ups at a resolution, and larger steps made of them", async () => {
    const minutes = (await (await get(`series=listeners&resolution=60&from=${iso(T0)}&to=${iso(T0 + 120_000)}`)).json()) as {
      series: { listeners: { mean: number; count: number }[] };
    };
    expect(minutes.series.listeners.map((p) => [p.mean, p.count])).toEqual([
      [1029.5, 60],
      [1089.5, 60],
    ]);
    const hours = (await (await get(`series=listeners&resolution=3600&from=${iso(T0)}&to=${iso(T0 + 3_600_000)}`)).json()) as {
      series: { listeners: { mean: number; min: number; max: number; count: number }[] };
    };
    expect(hours.series.listeners).toEqual([{ at: iso(T0), mean: 1059.5, min: 1000, max: 1119, count: 120 }]);
  });

  it("refuses a resolution, an instant or a series it cannot read, naming the parameter", async () => {
    for (const [query, field] of [
      ["resolution=7", "resolution"],
      ["from=soon", "from"],
      ["series=Bad Name", "series"],
      [`from=${iso(T0 + 1000)}&to=${iso(T0)}`, "to"],
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(Object.keys(((await response.json()) as { errors: object }).errors)).toEqual([field]);
    }
  });
});

describe("the raw retention", () => {
  beforeEach(storeListeners);

  it("purges raw samples older than the retention and keeps their minutes", async () => {
    const before = await stored();
    // Thirty days after these samples (2023), everything is past the default retention.
    const removed = await purgeRawSamples(Date.parse("2024-01-01T00:00:00Z"));
    expect(removed).toBe(before.samples);
    const after = await stored();
    expect(after.samples).toBe(0);
    expect(after.rollups).toEqual(before.rollups);
    const minutes = (await (await get(`series=listeners&resolution=60&from=${iso(T0)}&to=${iso(T0 + 120_000)}`)).json()) as {
      series: { listeners: unknown[] };
    };
    expect(minutes.series.listeners).toHaveLength(2);
  });
});
