// An export always comes back: every seeded and generated case, exported as JSON (and its figures as CSV), imported
// into an empty Dead Air and exported again, is the same file apart from the time it was made. Two values of one
// metric from one source (Netflix said 64 million, then 65 million) stay two, matched by their ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET as exportAll } from "@/app/api/export/route";
import { POST as importRoute } from "@/app/api/import/route";
import { createClaim } from "@/lib/data/claim-writes";
import { createEvent } from "@/lib/data/event-writes";
import { createIncident } from "@/lib/data/incident-writes";
import { createMoment } from "@/lib/data/moment-writes";
import { createReport } from "@/lib/data/report-writes";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { INCIDENT_KINDS, QUALIFIERS, SOURCE_KINDS } from "@/lib/domain/options";
import { FOLDS } from "@/lib/domain/time";
import { readLocalTime } from "@/lib/validation/local-time";
import { BASE, writeRequest } from "./api-helpers";
import { switchToNewDatabase } from "./own-database";

const ctx = { actor: systemActor("console") };

async function exported(format: "json" | "csv"): Promise<string> {
  const response = await exportAll(new Request(`${BASE}/api/export?format=${format}`));
  expect(response.status).toBe(200);
  const text = await response.text();
  // The one thing allowed to differ: when the file was made.
  return format === "json" ? text.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "(when)"') : text;
}

async function imported(body: string, type: string) {
  const response = await importRoute(writeRequest(`${BASE}/api/import`, { method: "POST", headers: { "Content-Type": type }, body }));
  const answer = await response.json();
  expect(response.status, JSON.stringify(answer.errors ?? answer)).toBe(200);
  return answer;
}

/** Exports this database, imports the file into an empty one and exports that: both files, for the caller to compare. */
async function roundTrip(format: "json" | "csv"): Promise<[string, string]> {
  const first = await exported(format);
  const restore = await switchToNewDatabase();
  try {
    await imported(first, format === "json" ? "application/json" : "text/csv");
    return [first, await exported(format)];
  } finally {
    await restore();
  }
}

/** The Paul–Tyson fight as the forms would record it: a video event, Netflix's two counts, Downdetector, buffering. */
async function recordPaulTyson() {
  await createEvent({
    ctx,
    input: {
      title: "Jake Paul vs. Mike Tyson on Netflix",
      slug: "paul-tyson-netflix-2024",
      platform: "Netflix",
      medium: "video",
      hosts: "Netflix",
      guests: "Jake Paul, Mike Tyson",
      timeZone: "America/New_York",
      scheduledStart: "2024-11-15T20:00",
      scheduledPrecision: "minute",
      status: "ended",
    },
  });
  const slug = "paul-tyson-netflix-2024";
  const figure = (input: Record<string, unknown>) => createReport({ ctx, slug, input });
  await figure({ metric: "peak_streams", value: 64_000_000, qualifier: "exact", newSourceName: "Netflix", reportedOn: "2024-11-16" });
  await figure({ metric: "peak_streams", value: 65_000_000, qualifier: "exact", newSourceName: "Netflix", reportedOn: "2024-11-17" });
  await figure({ metric: "peak_streams", value: 60_000_000, qualifier: "approximate", newSourceName: "Variety", reportedOn: "2024-11-16" });
  await figure({ metric: "peak_audience", value: 108_000_000, qualifier: "exact", newSourceName: "Netflix", reportedOn: "2024-11-17" });
  await figure({ metric: "problem_reports", value: 95_000, qualifier: "at_least", newSourceName: "Downdetector", reportedOn: "2024-11-16" });
  await figure({
    metric: "problem_reports",
    value: 85_000,
    qualifier: "approximate",
    newSourceName: "Downdetector",
    reportedOn: "2024-11-16",
    scope: "United States",
  });
  await createIncident({
    ctx,
    slug,
    input: {
      kind: "buffering",
      startOffsetMinutes: 120,
      durationMinutes: 90,
      qualifier: "approximate",
      description: "Buffering and frozen pictures through the main fight.",
      newSourceName: "The Verge",
      url: "https://www.theverge.com/2024/11/16/netflix-paul-tyson-buffering",
    },
  });
  await createMoment({ ctx, slug, input: { label: "Main fight begins", at: "2024-11-15T23:05", newSourceName: "Netflix" } });
}

describe("the round trip of every seeded case", () => {
  it("gives back the same JSON and the same CSV, the Paul–Tyson fight with two Netflix counts among them", async () => {
    const restore = await switchToNewDatabase({ seed: true });
    try {
      await recordPaulTyson();
      const [json, jsonAgain] = await roundTrip("json");
      expect(jsonAgain).toBe(json);
      const doc = JSON.parse(json);
      const fight = doc.events.find((e: { slug: string }) => e.slug === "paul-tyson-netflix-2024");
      expect(fight.medium).toBe("video");
      expect(fight.reports.filter((r: { metric: string; source: string }) => r.metric === "peak_streams" && r.source === "Netflix")).toHaveLength(2);
      expect(fight.moments.map((m: { label: string; at: string }) => [m.label, m.at])).toEqual([["Main fight begins", "2024-11-16T04:05:00.000Z"]]);
      const [csv, csvAgain] = await roundTrip("csv");
      expect(csvAgain).toBe(csv);
    } finally {
      await restore();
    }
  });

  it("imports the same file twice without a second copy of anything", async () => {
    const restore = await switchToNewDatabase({ seed: true });
    try {
      await recordPaulTyson();
      const json = await exported("json");
      const counts = async () => ({
        reports: await getDb().report.count(),
        moments: await getDb().moment.count(),
        incidents: await getDb().incident.count(),
      });
      const before = await counts();
      const answer = await imported(json, "application/json");
      expect(answer.summary.changes).toEqual([]);
      expect(await counts()).toEqual(before);
    } finally {
      await restore();
    }
  });
});

describe("a copy of an export under a new slug", () => {
  it("makes the copies with ids of their own, leaves the originals alone, and the second time changes nothing", async () => {
    const restore = await switchToNewDatabase({ seed: true });
    try {
      await recordPaulTyson();
      const original = await exported("json");
      const copy = original.replaceAll("paul-tyson-netflix-2024", "paul-tyson-copy");
      const before = await getDb().report.findMany({ where: { event: { slug: "paul-tyson-netflix-2024" } }, orderBy: { id: "asc" } });
      await imported(copy, "application/json");
      const copies = await getDb().report.findMany({ where: { event: { slug: "paul-tyson-copy" } }, orderBy: { id: "asc" } });
      expect(copies.map((r) => r.value).sort()).toEqual(before.map((r) => r.value).sort());
      expect(copies.some((c) => before.some((b) => b.key === c.key))).toBe(false);
      expect(await getDb().report.findMany({ where: { event: { slug: "paul-tyson-netflix-2024" } }, orderBy: { id: "asc" } })).toEqual(before);
      expect((await imported(copy, "application/json")).summary.changes).toEqual([]);
    } finally {
      await restore();
    }
  });
});

/** Generated events: any medium, figures that repeat a metric and source on other days or in other scopes, incidents, claims, moments. */
const text = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim() || "x");
const day = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const generatedEvent = fc.record({
  title: text,
  medium: fc.constantFrom("audio", "video"),
  platform: text,
  timeZone: fc.constantFrom("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"),
  scheduled: fc.option(
    fc.integer({ min: 0, max: 2_000_000 }).map((m) => new Date(Date.UTC(2020, 0, 1) + m * 60_000).toISOString().slice(0, 16)),
    { nil: null },
  ),
  // Which of the two instants a time is, in the hour the clocks go back (read only then).
  fold: fc.constantFrom(...FOLDS),
  figures: fc.array(
    fc.record({
      metric: fc.constantFrom(
        "start_delay",
        "expected_audience",
        "average_audience",
        "peak_audience",
        "peak_streams",
        "problem_reports",
        "sessions_affected",
      ),
      value: fc.integer({ min: 0, max: 100 }),
      qualifier: fc.constantFrom(...QUALIFIERS),
      source: fc.constantFrom("Netflix", "Variety", "Downdetector", "Le Monde"),
      reportedOn: fc.option(day, { nil: null }),
      scope: fc.constantFrom("global", "United States", "France"),
    }),
    { maxLength: 8 },
  ),
  incidents: fc.array(
    fc.record({
      kind: fc.constantFrom(...INCIDENT_KINDS),
      start: fc.option(fc.integer({ min: -60, max: 600 }), { nil: null }),
      duration: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      description: fc.option(text, { nil: "" }),
    }),
    { maxLength: 3 },
  ),
  claims: fc.uniqueArray(text, { maxLength: 2 }),
  moments: fc.array(fc.record({ label: text, minute: fc.integer({ min: 0, max: 600 }) }), { maxLength: 2 }),
});

describe("the round trip of generated cases", () => {
  it("gives back the same JSON for any events Dead Air accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(generatedEvent, { minLength: 1, maxLength: 3 }), fc.constantFrom(...SOURCE_KINDS), async (events, kind) => {
        // A time that does not exist in its zone (skipped when the clocks go forward) is refused, rightly: not a case.
        fc.pre(events.every((e) => e.scheduled === null || readLocalTime("Scheduled start", e.scheduled, e.timeZone, e.fold).ok));
        const restore = await switchToNewDatabase();
        try {
          await getDb().source.create({ data: { name: "Le Monde", kind } });
          for (const [n, e] of events.entries()) {
            const slug = `generated-${n}`;
            await createEvent({
              ctx,
              input: {
                title: e.title,
                slug,
                platform: e.platform,
                medium: e.medium,
                timeZone: e.timeZone,
                scheduledStart: e.scheduled,
                scheduledStartFold: e.fold,
                status: "ended",
              },
            });
            const twins = new Set<string>();
            for (const f of e.figures) {
              // The same metric, source, day and scope twice is one figure entered twice, which Dead Air refuses.
              const identity = JSON.stringify([f.metric, f.source, f.reportedOn, f.scope]);
              if (twins.has(identity)) continue;
              twins.add(identity);
              const { source, ...fields } = f;
              await createReport({ ctx, slug, input: { ...fields, newSourceName: source } });
            }
            for (const i of e.incidents) {
              await createIncident({
                ctx,
                slug,
                input: { kind: i.kind, startOffsetMinutes: i.start, durationMinutes: i.duration, description: i.description },
              });
            }
            for (const statement of e.claims)
              await createClaim({ ctx, slug, input: { statement, newClaimantName: "Netflix", status: "disputed", stances: [] } });
            for (const m of e.moments) {
              const at = new Date(Date.UTC(2024, 10, 16) + m.minute * 60_000).toISOString();
              await createMoment({ ctx, slug, input: { label: m.label, at } });
            }
          }
          const [json, again] = await roundTrip("json");
          expect(again).toBe(json);
        } finally {
          await restore();
        }
      }),
      { numRuns: 15 },
    );
  });
});
