// Reported figures and incidents through the JSON API: /api/events/[slug]/reports, /api/events/[slug]/incidents,
// /api/reports/[id] and /api/incidents/[id], called through the route handlers against a real SQLite file.
import { beforeAll, describe, expect, it } from "vitest";
import * as eventIncidentsRoute from "@/app/api/events/[slug]/incidents/route";
import * as eventReportsRoute from "@/app/api/events/[slug]/reports/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as reportRoute from "@/app/api/reports/[id]/route";
import { seedDatabase } from "@/lib/data/seed";
import { getDb } from "@/lib/db";

import { BASE, writeRequest, expectRefused, getRequest, jsonRequest, params } from "./api-helpers";

const MUSK = "musk-trump-x-spaces-2024";
const DESANTIS = "desantis-twitter-spaces-2023";

const postReport = (slug: string, body: unknown) =>
  eventReportsRoute.POST(jsonRequest("POST", `/api/events/${slug}/reports`, body), params({ slug }));
const postIncident = (slug: string, body: unknown) =>
  eventIncidentsRoute.POST(jsonRequest("POST", `/api/events/${slug}/incidents`, body), params({ slug }));
const patchReport = (id: number | string, body: unknown) =>
  reportRoute.PATCH(jsonRequest("PATCH", `/api/reports/${id}`, body), params({ id: String(id) }));
const patchIncident = (id: number | string, body: unknown) =>
  incidentRoute.PATCH(jsonRequest("PATCH", `/api/incidents/${id}`, body), params({ id: String(id) }));
const deleteRequest = (path: string) => writeRequest(`${BASE}${path}`, { method: "DELETE" });
const textRequest = (method: string, path: string, body: unknown) =>
  writeRequest(`${BASE}${path}`, { method, headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body) });

/** A date as YYYY-MM-DD, `days` from today (UTC). */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let ft: number; // Financial Times
let cnn: number;

async function sourceId(name: string) {
  return (await getDb().source.findUniqueOrThrow({ where: { name } })).id;
}

/** Figures made here differ in scope: the same metric, source, day and scope twice is one figure entered twice. */
let made = 0;
function aReport(overrides: Record<string, unknown> = {}) {
  return { metric: "peak_audience", value: 1_300_000, qualifier: "at_least", sourceId: cnn, scope: `Region ${++made}`, ...overrides };
}
async function createReport(overrides: Record<string, unknown> = {}, slug = MUSK) {
  const response = await postReport(slug, aReport(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}
function anIncident(overrides: Record<string, unknown> = {}) {
  return {
    kind: "crash",
    startOffsetMinutes: 30,
    durationMinutes: 5,
    qualifier: "approximate",
    description: "Dropped out",
    sourceId: ft,
    ...overrides,
  };
}
async function createIncident(overrides: Record<string, unknown> = {}, slug = MUSK) {
  const response = await postIncident(slug, anIncident(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

async function revisionsOf(entity: string, entityId: number) {
  return getDb().revision.findMany({ where: { entity, entityId }, orderBy: { id: "asc" } });
}

/** Follows nextCursor from the first page to the last and returns the ids seen, in order. */
async function walk(list: (query: string) => Promise<Response>, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: number | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const response = await list(cursor === null ? `?limit=${limit}` : `?limit=${limit}&cursor=${cursor}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: { id: number }[]; nextCursor: number | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return seen;
}

beforeAll(async () => {
  await seedDatabase();
  ft = await sourceId("Financial Times");
  cnn = await sourceId("CNN");
});

// ---------------------------------------------------------------------------------------------------------------

describe("GET /api/events/[slug]/reports", () => {
  it("lists the event's figures, each with its source", async () => {
    const response = await eventReportsRoute.GET(getRequest(`/api/events/${MUSK}/reports`), params({ slug: MUSK }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["items", "nextCursor"]);
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: MUSK } });
    expect(body.items.every((r: { eventId: number }) => r.eventId === event.id)).toBe(true);
    expect(body.items).toContainEqual(
      expect.objectContaining({ metric: "expected_audience", value: 8_000_000, unit: "listeners", source: { id: ft, name: "Financial Times" } }),
    );
  });

  it("reaches every figure of the event exactly once by following nextCursor", async () => {
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: MUSK }, include: { reports: { orderBy: { id: "asc" } } } });
    const seen = await walk((q) => eventReportsRoute.GET(getRequest(`/api/events/${MUSK}/reports${q}`), params({ slug: MUSK })), 1);
    expect(seen).toEqual(event.reports.map((r) => r.id));
  });

  it("answers 404 for an unknown event and 400 naming limit for ?limit=abc", async () => {
    await expectRefused(() => eventReportsRoute.GET(getRequest("/api/events/nope/reports"), params({ slug: "nope" })), 404);
    await expectRefused(() => eventReportsRoute.GET(getRequest(`/api/events/${MUSK}/reports?limit=abc`), params({ slug: MUSK })), 400, ["limit"]);
  });
});

describe("POST /api/events/[slug]/reports", () => {
  it("records the figure with the unit of its metric, answers 201 with its Location, and logs a create revision", async () => {
    const response = await postReport(MUSK, aReport({ url: "https://edition.cnn.com/x", reportedOn: "2024-08-13", quote: "at least 1.3 million" }));
    expect(response.status).toBe(201);
    const report = await response.json();
    expect(response.headers.get("location")).toBe(`/api/reports/${report.id}`);
    expect(report).toMatchObject({
      metric: "peak_audience",
      value: 1_300_000,
      unit: "listeners",
      qualifier: "at_least",
      sourceId: cnn,
      url: "https://edition.cnn.com/x",
      reportedOn: "2024-08-13T00:00:00.000Z",
      version: 1,
    });
    const revisions = await revisionsOf("report", report.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ action: "create", field: null, before: null, eventId: report.eventId });
    expect(JSON.parse(revisions[0].after!)).toMatchObject({ metric: "peak_audience", value: 1_300_000, sourceId: cnn });
  });

  it("creates its source in place from newSourceName instead of a sourceId", async () => {
    const { sourceId: _picked, ...withoutSource } = aReport();
    const response = await postReport(MUSK, { ...withoutSource, newSourceName: "Bloomberg" });
    expect(response.status).toBe(201);
    const report = await response.json();
    const source = await getDb().source.findUniqueOrThrow({ where: { name: "Bloomberg" } });
    expect(report.sourceId).toBe(source.id);
    expect((await revisionsOf("source", source.id)).map((r) => r.action)).toEqual(["create"]);
    expect((await revisionsOf("report", report.id)).map((r) => r.action)).toEqual(["create"]);
  });

  describe("audiences are whole numbers from 0 up", () => {
    const audiences = ["expected_audience", "average_audience", "peak_audience"];
    it.each(audiences.flatMap((metric) => [1.5, -1].map((value) => [metric, value] as const)))(
      "refuses %s = %s naming value",
      async (metric, value) => {
        await expectRefused(() => postReport(MUSK, aReport({ metric, value })), 400, ["value"]);
      },
    );

    it.each(audiences)("takes 0 and 8,000,000 for %s", async (metric) => {
      expect((await createReport({ metric, value: 0 })).value).toBe(0);
      expect((await createReport({ metric, value: 8_000_000 })).value).toBe(8_000_000);
    });
  });

  describe("minutes are from 0 to 10,080 (one week)", () => {
    const minuteMetrics = ["start_delay", "silence_before_failure", "duration"];
    it.each(minuteMetrics.flatMap((metric) => [-1, 10_081].map((value) => [metric, value] as const)))(
      "refuses %s = %s naming value",
      async (metric, value) => {
        await expectRefused(() => postReport(MUSK, aReport({ metric, value, qualifier: "exact" })), 400, ["value"]);
      },
    );

    it.each(minuteMetrics)("takes 0, 42.5 and 10,080 for %s, in minutes", async (metric) => {
      for (const value of [0, 42.5, 10_080]) {
        expect(await createReport({ metric, value })).toMatchObject({ value, unit: "minutes" });
      }
    });
  });

  it.each(["javascript:alert(1)", "ftp://example.com/figure", "data:text/html,<b>hi</b>", "not a url"])(
    "refuses the URL %s naming url",
    async (url) => {
      await expectRefused(() => postReport(MUSK, aReport({ url })), 400, ["url"]);
    },
  );

  it("takes http and https URLs", async () => {
    expect((await createReport({ url: "http://example.com/a" })).url).toBe("http://example.com/a");
    expect((await createReport({ url: "https://example.com/b" })).url).toBe("https://example.com/b");
  });

  it("refuses a report date in the future, or one that is not YYYY-MM-DD, naming reportedOn; today is fine", async () => {
    await expectRefused(() => postReport(MUSK, aReport({ reportedOn: dayFromToday(2) })), 400, ["reportedOn"]);
    await expectRefused(() => postReport(MUSK, aReport({ reportedOn: "13/08/2024" })), 400, ["reportedOn"]);
    await expectRefused(() => postReport(MUSK, aReport({ reportedOn: "2024-02-30" })), 400, ["reportedOn"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await createReport({ reportedOn: today })).reportedOn).toBe(`${today}T00:00:00.000Z`);
  });

  it("needs exactly one of sourceId and newSourceName, and a source that exists", async () => {
    const { sourceId: _picked, ...withoutSource } = aReport();
    await expectRefused(() => postReport(MUSK, withoutSource), 400, ["sourceId"]);
    await expectRefused(() => postReport(MUSK, aReport({ newSourceName: "Somebody new" })), 400, ["newSourceName"]);
    await expectRefused(() => postReport(MUSK, aReport({ sourceId: 999_999 })), 400, ["sourceId"]);
  });

  it.each([
    ["an unknown metric", { metric: "mood" }],
    ["no metric", { metric: undefined }],
    ["a value that is not a number", { value: "lots" }],
    ["no value", { value: undefined }],
    ["an unknown qualifier", { qualifier: "roughly" }],
    ["a source id too large to be one", { sourceId: 1e20 }],
    ["a field that is not part of the input", { listeners: 5 }],
    ["an unknown field named constructor", { constructor: 5 }],
  ])("refuses %s with 400 naming the field", async (_label, overrides) => {
    await expectRefused(() => postReport(MUSK, aReport(overrides)), 400, Object.keys(overrides));
  });

  it("answers 404 for an unknown event, 415 for a body that is not JSON, 413 for one over 1 MB", async () => {
    await expectRefused(() => postReport("nope", aReport()), 404);
    await expectRefused(() => eventReportsRoute.POST(textRequest("POST", `/api/events/${MUSK}/reports`, aReport()), params({ slug: MUSK })), 415);
    await expectRefused(() => postReport(MUSK, aReport({ note: "n".repeat(1024 * 1024 + 1) })), 413);
  });
});

describe("GET, PATCH and DELETE /api/reports/[id]", () => {
  it("gives the figure with the event it belongs to", async () => {
    const report = await createReport();
    const response = await reportRoute.GET(getRequest(`/api/reports/${report.id}`), params({ id: String(report.id) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: report.id, metric: "peak_audience", event: { slug: MUSK } });
  });

  it.each(["abc", "1.5", "0", "-1", "1e3", "999999"])("answers 404 for the id %s", async (id) => {
    await expectRefused(() => reportRoute.GET(getRequest(`/api/reports/${id}`), params({ id })), 404);
    await expectRefused(() => patchReport(id, { value: 1, version: 1 }), 404);
    await expectRefused(() => reportRoute.DELETE(deleteRequest(`/api/reports/${id}`), params({ id })), 404);
  });

  it("merges a PATCH over the figure, bumps the version and logs the changed field", async () => {
    const report = await createReport({ note: "keep me", url: "https://example.com/keep" });
    const response = await patchReport(report.id, { value: 1_250_000, version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      metric: "peak_audience",
      value: 1_250_000,
      qualifier: "at_least",
      sourceId: cnn,
      note: "keep me",
      url: "https://example.com/keep",
      version: 2,
    });
    const updates = (await revisionsOf("report", report.id)).filter((r) => r.action === "update");
    expect(updates.map(({ field, before, after }) => ({ field, before, after }))).toEqual([{ field: "value", before: "1300000", after: "1250000" }]);
  });

  it("refuses a stale version with 409 and the newer values in `current`", async () => {
    const report = await createReport();
    expect((await patchReport(report.id, { value: 1_400_000, version: 1 })).status).toBe(200);
    const problem = await expectRefused(() => patchReport(report.id, { value: 1_500_000, version: 1 }), 409);
    expect(problem.current).toMatchObject({ value: 1400000, version: 2 });
  });

  it("refuses bad input in a PATCH, naming the field", async () => {
    const report = await createReport();
    await expectRefused(() => patchReport(report.id, { value: 1.5, version: 1 }), 400, ["value"]);
    await expectRefused(() => patchReport(report.id, { metric: "start_delay", value: 10_081, version: 1 }), 400, ["value"]);
    await expectRefused(() => patchReport(report.id, { url: "javascript:alert(1)", version: 1 }), 400, ["url"]);
    await expectRefused(() => patchReport(report.id, { reportedOn: dayFromToday(2), version: 1 }), 400, ["reportedOn"]);
    await expectRefused(() => patchReport(report.id, { eventId: 2, version: 1 }), 400, ["eventId"]);
    await expectRefused(() => patchReport(report.id, { value: 7 }), 400, ["version"]);
    await expectRefused(
      () => reportRoute.PATCH(textRequest("PATCH", `/api/reports/${report.id}`, { value: 7, version: 1 }), params({ id: String(report.id) })),
      415,
    );
    await expectRefused(() => patchReport(report.id, { note: "n".repeat(1024 * 1024 + 1), version: 1 }), 413);
  });

  it("moves the figure to a source created in place by newSourceName", async () => {
    const report = await createReport();
    const response = await patchReport(report.id, { newSourceName: "Reuters", version: 1 });
    expect(response.status).toBe(200);
    const reuters = await getDb().source.findUniqueOrThrow({ where: { name: "Reuters" } });
    expect(await response.json()).toMatchObject({ sourceId: reuters.id, version: 2 });
    const updates = (await revisionsOf("report", report.id)).filter((r) => r.action === "update");
    expect(updates.map(({ field, before, after }) => ({ field, before, after }))).toEqual([
      { field: "sourceId", before: String(cnn), after: String(reuters.id) },
    ]);
  });

  it("deletes the figure (204), logs a delete revision, and the id names nothing afterwards", async () => {
    const report = await createReport();
    const response = await reportRoute.DELETE(deleteRequest(`/api/reports/${report.id}`), params({ id: String(report.id) }));
    expect(response.status).toBe(204);
    expect(await getDb().report.count({ where: { id: report.id } })).toBe(0);
    const deletion = (await revisionsOf("report", report.id)).find((r) => r.action === "delete");
    expect(deletion).toMatchObject({ eventId: report.eventId, after: null });
    expect(JSON.parse(deletion!.before!)).toMatchObject({ metric: "peak_audience", value: 1_300_000 });
    await expectRefused(() => reportRoute.GET(getRequest(`/api/reports/${report.id}`), params({ id: String(report.id) })), 404);
    await expectRefused(() => reportRoute.DELETE(deleteRequest(`/api/reports/${report.id}`), params({ id: String(report.id) })), 404);
  });
});

describe("GET and POST /api/events/[slug]/incidents", () => {
  it("lists the event's incidents as { items, nextCursor }", async () => {
    const response = await eventIncidentsRoute.GET(getRequest(`/api/events/${DESANTIS}/incidents`), params({ slug: DESANTIS }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(["crash", "dead_air"]);
  });

  it("pages with ?limit= and answers 400 naming limit for ?limit=abc, 404 for an unknown event", async () => {
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: DESANTIS }, include: { incidents: { orderBy: { id: "asc" } } } });
    const seen = await walk((q) => eventIncidentsRoute.GET(getRequest(`/api/events/${DESANTIS}/incidents${q}`), params({ slug: DESANTIS })), 1);
    expect(seen).toEqual(event.incidents.map((i) => i.id));
    await expectRefused(() => eventIncidentsRoute.GET(getRequest(`/api/events/${DESANTIS}/incidents?limit=abc`), params({ slug: DESANTIS })), 400, [
      "limit",
    ]);
    await expectRefused(() => eventIncidentsRoute.GET(getRequest("/api/events/nope/incidents"), params({ slug: "nope" })), 404);
  });

  it("records the incident, answers 201 with its Location, and logs a create revision", async () => {
    const response = await postIncident(MUSK, anIncident());
    expect(response.status).toBe(201);
    const incident = await response.json();
    expect(response.headers.get("location")).toBe(`/api/incidents/${incident.id}`);
    expect(incident).toMatchObject({ kind: "crash", startOffsetMinutes: 30, durationMinutes: 5, qualifier: "approximate", sourceId: ft, version: 1 });
    const revisions = await revisionsOf("incident", incident.id);
    expect(revisions.map((r) => r.action)).toEqual(["create"]);
    expect(JSON.parse(revisions[0].after!)).toMatchObject({ kind: "crash", durationMinutes: 5 });
  });

  it("takes a start before the scheduled start and durations from 0 to 10,080 minutes", async () => {
    expect(await createIncident({ startOffsetMinutes: -5, durationMinutes: 0 })).toMatchObject({ startOffsetMinutes: -5, durationMinutes: 0 });
    expect(await createIncident({ startOffsetMinutes: 10_080, durationMinutes: 10_080 })).toMatchObject({ durationMinutes: 10_080 });
  });

  it.each([
    ["a negative duration", { durationMinutes: -1 }],
    ["a duration over a week", { durationMinutes: 10_081 }],
    ["a start over a week after the scheduled start", { startOffsetMinutes: 10_081 }],
    ["a start over a week before the scheduled start", { startOffsetMinutes: -10_081 }],
    ["an unknown kind", { kind: "gremlins" }],
    ["no kind", { kind: undefined }],
    ["a duration that is not a number", { durationMinutes: "long" }],
    ["a source that does not exist", { sourceId: 999_999 }],
    ["a field that is not part of the input", { severity: "high" }],
  ])("refuses %s with 400 naming the field", async (_label, overrides) => {
    await expectRefused(() => postIncident(MUSK, anIncident(overrides)), 400, Object.keys(overrides));
  });

  it("answers 404 for an unknown event, 415 for a body that is not JSON, 413 for one over 1 MB", async () => {
    await expectRefused(() => postIncident("nope", anIncident()), 404);
    await expectRefused(
      () => eventIncidentsRoute.POST(textRequest("POST", `/api/events/${MUSK}/incidents`, anIncident()), params({ slug: MUSK })),
      415,
    );
    await expectRefused(() => postIncident(MUSK, anIncident({ description: "d".repeat(1024 * 1024 + 1) })), 413);
  });
});

describe("GET, PATCH and DELETE /api/incidents/[id]", () => {
  it("gives the incident with the event it belongs to", async () => {
    const incident = await createIncident();
    const response = await incidentRoute.GET(getRequest(`/api/incidents/${incident.id}`), params({ id: String(incident.id) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: incident.id, kind: "crash", event: { slug: MUSK } });
  });

  it.each(["abc", "2.0", "0", "999999"])("answers 404 for the id %s", async (id) => {
    await expectRefused(() => incidentRoute.GET(getRequest(`/api/incidents/${id}`), params({ id })), 404);
    await expectRefused(() => patchIncident(id, { durationMinutes: 1, version: 1 }), 404);
    await expectRefused(() => incidentRoute.DELETE(deleteRequest(`/api/incidents/${id}`), params({ id })), 404);
  });

  it("merges a PATCH over the incident, bumps the version and logs the changed field", async () => {
    const incident = await createIncident();
    const response = await patchIncident(incident.id, { durationMinutes: 25, version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: "crash",
      startOffsetMinutes: 30,
      durationMinutes: 25,
      qualifier: "approximate",
      description: "Dropped out",
      sourceId: ft,
      version: 2,
    });
    const updates = (await revisionsOf("incident", incident.id)).filter((r) => r.action === "update");
    expect(updates.map(({ field, before, after }) => ({ field, before, after }))).toEqual([{ field: "durationMinutes", before: "5", after: "25" }]);
  });

  it("refuses a stale version with 409 and the newer values in `current`", async () => {
    const incident = await createIncident();
    expect((await patchIncident(incident.id, { description: "Newer", version: 1 })).status).toBe(200);
    const problem = await expectRefused(() => patchIncident(incident.id, { description: "Older", version: 1 }), 409);
    expect(problem.current).toMatchObject({ description: "Newer", version: 2 });
  });

  it("refuses bad input in a PATCH, naming the field", async () => {
    const incident = await createIncident();
    await expectRefused(() => patchIncident(incident.id, { durationMinutes: 10_081, version: 1 }), 400, ["durationMinutes"]);
    await expectRefused(() => patchIncident(incident.id, { kind: "gremlins", version: 1 }), 400, ["kind"]);
    await expectRefused(() => patchIncident(incident.id, { sourceId: 999_999, version: 1 }), 400, ["sourceId"]);
    await expectRefused(() => patchIncident(incident.id, { eventId: 1, version: 1 }), 400, ["eventId"]);
    await expectRefused(() => patchIncident(incident.id, { description: "no version" }), 400, ["version"]);
  });

  it("deletes the incident (204) and logs a delete revision", async () => {
    const incident = await createIncident();
    const response = await incidentRoute.DELETE(deleteRequest(`/api/incidents/${incident.id}`), params({ id: String(incident.id) }));
    expect(response.status).toBe(204);
    expect(await getDb().incident.count({ where: { id: incident.id } })).toBe(0);
    const deletion = (await revisionsOf("incident", incident.id)).find((r) => r.action === "delete");
    expect(deletion).toMatchObject({ eventId: incident.eventId, after: null });
    expect(JSON.parse(deletion!.before!)).toMatchObject({ kind: "crash", description: "Dropped out" });
  });
});
