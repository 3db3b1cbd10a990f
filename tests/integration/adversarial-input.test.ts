// Long and adversarial input sent to every parser: JSON bodies, form fields, imports (JSON and CSV), query strings,
// path parameters, cookies and headers. Whatever a value's length or shape, each call answers a clear refusal within
// 100 ms and changes nothing: no pattern backtracks, and each field's length is checked before anything reads it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as compareRoute from "@/app/api/compare/route";
import * as eventClaimsRoute from "@/app/api/events/[slug]/claims/route";
import * as eventExportRoute from "@/app/api/events/[slug]/export/route";
import * as eventIncidentsRoute from "@/app/api/events/[slug]/incidents/route";
import * as eventReportsRoute from "@/app/api/events/[slug]/reports/route";
import * as eventRoute from "@/app/api/events/[slug]/route";
import * as eventsRoute from "@/app/api/events/route";
import * as exportRoute from "@/app/api/export/route";
import * as healthRoute from "@/app/api/health/route";
import * as importRoute from "@/app/api/import/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as reportRoute from "@/app/api/reports/[id]/route";
import * as sessionRoute from "@/app/api/session/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";
import * as adminActions from "@/lib/actions/admin";
import { changePasswordAction, signInAction } from "@/lib/actions/auth";
import * as eventActions from "@/lib/actions/events";
import * as recordActions from "@/lib/actions/records";
import { getDb } from "@/lib/db";
import { seedDatabase } from "@/lib/data/seed";
import { SESSION_COOKIE } from "@/lib/data/sessions";
import { csvRow, parseCsv } from "@/lib/export/csv";
import { localPath } from "@/lib/http/origin";
import { initialFormState, type FormState } from "@/lib/validation/form-state";
import { BASE, writeAuth } from "./api-helpers";
import { PASSWORD, signInAs } from "./auth-helpers";
import { setRequestHeaders } from "./next-request";
import { withOwnWriteToken } from "./own-database";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

const LIMIT_MS = 100;
/**
 * A file of 100,000 records is parsed and checked record by record (3–4 MB of JSON): about 70 ms alone, up to 170
 * when the other test files load both cores (CI, 2026-12-06). A parser that is super-linear on it takes seconds.
 */
const RECORDS_LIMIT_MS = 500;
const MB = 1024 * 1024;
/** The most a JSON body's field can hold: the body is capped at 1 MB, and the rest of it needs some room. */
const BODY_ROOM = MB - 4096;
const SLUG = "musk-trump-x-spaces-2024";

/** Text that costs a backtracking pattern, or a parser that reads before it checks the length, far more than linear time. */
const TEXTS: [string, string][] = [
  ["a million digits", "1".repeat(1_000_000)],
  ['a million "0" then "x"', `${"0".repeat(1_000_000)}x`],
  ['100,000 "a-"', "a-".repeat(100_000)],
  ['100,000 "1."', "1.".repeat(100_000)],
  ["100,000 spaces", " ".repeat(100_000)],
  ['100,000 "-" then "x"', `${"-".repeat(100_000)}x`],
  ['"+00:0" 100,000 times', "+00:0".repeat(100_000)],
  ["1 MB of text", "x".repeat(MB)],
];
/** JSON that is no string: a number literal of a million digits, and lists nested 100,000 deep. */
const DEEP = "lists nested 100,000 deep";
const LITERALS: [string, string][] = [
  ["a million-digit number", "1".repeat(1_000_000)],
  [DEEP, "[".repeat(100_000) + "]".repeat(100_000)],
];
/** Nesting is refused for the whole body or file, before any field is read. */
const namedFor = (what: string, field: string, whole: string) => (what === DEEP ? whole : field);
/** Every value as JSON text, the strings cut to what a 1 MB body holds. */
const JSON_VALUES: [string, string][] = [
  ...TEXTS.map(([what, text]): [string, string] => [what, JSON.stringify(text.slice(0, BODY_ROOM))]),
  ...LITERALS,
];

// ---- Measuring, and what a refusal must be ------------------------------------------------------------------------

const timings: { what: string; ms: number }[] = [];
const warmedUp = new Set<string>();

/**
 * Runs `call` and fails past LIMIT_MS; the first call of each route runs once before, untimed, to warm it up. What is
 * measured is the call's own cost, so a call that went over is timed again, up to three times in all, and the fastest
 * counts: the other test files share the two cores, and a pause of theirs is not this parser's. A parser that is
 * super-linear on its input is over the limit every time (seconds, not milliseconds), so it still fails.
 */
async function timed<T>(route: string, what: string, call: () => Promise<T>, limitMs = LIMIT_MS): Promise<T> {
  if (!warmedUp.has(route)) {
    warmedUp.add(route);
    await call();
  }
  const tries: number[] = [];
  let result: T;
  do {
    const start = performance.now();
    result = await call();
    tries.push(performance.now() - start);
  } while (Math.min(...tries) >= limitMs && tries.length < 3);
  const ms = Math.min(...tries);
  timings.push({ what: `${route} with ${what}`, ms });
  expect(ms, `${route} with ${what} took ${tries.map((t) => t.toFixed(1)).join(", ")} ms`).toBeLessThan(limitMs);
  return result;
}

afterAll(() => {
  if (timings.length === 0) return;
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.info(`${timings.length} adversarial calls; the slowest:\n${slowest.map((t) => `  ${t.ms.toFixed(1)} ms  ${t.what}`).join("\n")}`);
});

/** Every row a write could touch, condensed: equal before and after means nothing was written. */
async function fingerprint(): Promise<unknown> {
  const tables = ["Event", "Source", "Report", "Incident", "Claim"];
  // In the SQL SQLite and PostgreSQL share: quoted names, string_agg, instants cast to text.
  const parts = [
    ...tables.map((t) => `SELECT '${t} ' || count(*) || ' ' || coalesce(max("id"), 0) || ' ' || coalesce(sum("version"), 0) AS f FROM "${t}"`),
    ...["ClaimSource", "Revision", "Session"].map((t) => `SELECT '${t} ' || count(*) || ' ' || coalesce(max("id"), 0) AS f FROM "${t}"`),
    `SELECT 'User ' || count(*) || ' ' || coalesce(string_agg("role" || coalesce(CAST("disabledAt" AS TEXT), '') || "passwordHash", ',' ORDER BY "id"), '') AS f FROM "User"`,
    `SELECT 'ApiToken ' || count(*) || ' ' || coalesce(string_agg(coalesce(CAST("revokedAt" AS TEXT), '-'), ',' ORDER BY "id"), '') AS f FROM "ApiToken"`,
  ];
  return getDb().$queryRawUnsafe(parts.join(" UNION ALL "));
}

/** A refusal is short: it names the field and says why, and never sends the megabyte back. */
const ANSWER_MAX = 20_000;

/** Sends a request that must be refused in time with problem details (one of `statuses`, naming `field`) and no change. */
async function expectProblem(route: string, what: string, send: () => Promise<Response>, statuses: number[], field?: string, limitMs = LIMIT_MS) {
  const before = await fingerprint();
  const response = await timed(route, what, send, limitMs);
  const text = await response.text();
  const summary = `${route} with ${what}: ${response.status} ${text.slice(0, 400)}`;
  expect(statuses, summary).toContain(response.status);
  expect(response.headers.get("content-type"), summary).toMatch(/^application\/problem\+json/);
  expect(text.length, summary).toBeLessThan(ANSWER_MAX);
  const body = JSON.parse(text) as { detail: string; errors: Record<string, string[]> };
  expect(body.detail, summary).not.toBe("");
  if (field)
    expect(
      Object.keys(body.errors).some((key) => key === field || key.startsWith(`${field}.`)),
      summary,
    ).toBe(true);
  expect(await fingerprint(), summary).toEqual(before);
}

// ---- Route handlers -----------------------------------------------------------------------------------------------

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: unknown, request: Request, p: Record<string, string> = {}) => (handler as Handler)(request, { params: Promise.resolve(p) });

/** A JSON request with the write token; `body` is JSON text, so that it can hold what JSON.stringify cannot make. */
function jsonText(method: string, path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { method, headers: { ...writeAuth(), "Content-Type": "application/json", ...headers }, body });
}

/** `base` as JSON text with the value at `path` ("stances.0.source") replaced by the JSON text `value`. */
function withValue(base: Record<string, unknown>, path: string, value: string): string {
  const HOLE = "\u0001hole\u0001";
  const copy = structuredClone(base);
  const keys = path.split(".");
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = HOLE;
  return JSON.stringify(copy).replace(JSON.stringify(HOLE), () => value);
}

interface BodyRoute {
  name: string;
  method: string;
  handler: unknown;
  path: () => string;
  params: () => Record<string, string>;
  body: () => Record<string, unknown>;
  fields: string[];
}

const ids = { report: 0, incident: 0, claim: 0, source: 0, ft: 0, nyt: 0, versions: { event: 0, report: 0, incident: 0, claim: 0, source: 0 } };
const eventBody = () => ({
  title: "Adversarial",
  slug: "adversarial-event",
  platform: "X Spaces",
  hosts: "A",
  guests: "B",
  timeZone: "America/New_York",
  scheduledStart: "2024-08-12T20:00",
  scheduledPrecision: "minute",
  actualStart: "2024-08-12T20:05",
  endedAt: "2024-08-12T22:00",
  status: "ended",
  notes: "n",
});
const quote = { quote: "q", quoteLang: "fr", quoteEnglish: "e", reportedOn: "2024-08-13" };
const reportBody = () => ({
  metric: "average_audience",
  value: 1000,
  qualifier: "exact",
  sourceId: ids.ft,
  ...quote,
  url: "https://example.org",
  note: "n",
});
const incidentBody = () => ({
  kind: "dead_air",
  startOffsetMinutes: 1,
  durationMinutes: 2,
  qualifier: "exact",
  description: "d",
  sourceId: ids.ft,
  ...quote,
});
const claimBody = () => ({
  statement: "It was a DDoS",
  ...quote,
  claimantId: ids.ft,
  status: "claimed",
  url: "https://example.org",
  incidentId: ids.incident,
  stances: [{ sourceId: ids.nyt, stance: "disputes", ...quote, url: "https://example.org" }],
});
const sourceBody = () => ({ name: "Adversarial outlet", kind: "newspaper", leaning: "none", homeUrl: "https://example.org" });

const keysOf = (body: Record<string, unknown>) => Object.keys(body).filter((k) => k !== "stances");
const stanceFields = ["sourceId", "stance", "quote", "quoteLang", "quoteEnglish", "reportedOn", "url"].map((f) => `stances.0.${f}`);

const bodyRoutes: BodyRoute[] = [
  {
    name: "POST /api/events",
    method: "POST",
    handler: eventsRoute.POST,
    path: () => "/api/events",
    params: () => ({}),
    body: eventBody,
    fields: keysOf(eventBody()),
  },
  {
    name: "PATCH /api/events/:slug",
    method: "PATCH",
    handler: eventRoute.PATCH,
    path: () => `/api/events/${SLUG}`,
    params: () => ({ slug: SLUG }),
    body: () => ({ ...eventBody(), version: ids.versions.event }),
    fields: [...keysOf(eventBody()), "version"],
  },
  {
    name: "POST /api/events/:slug/reports",
    method: "POST",
    handler: eventReportsRoute.POST,
    path: () => `/api/events/${SLUG}/reports`,
    params: () => ({ slug: SLUG }),
    body: reportBody,
    fields: [...keysOf(reportBody()), "newSourceName"],
  },
  {
    name: "PATCH /api/reports/:id",
    method: "PATCH",
    handler: reportRoute.PATCH,
    path: () => `/api/reports/${ids.report}`,
    params: () => ({ id: String(ids.report) }),
    body: () => ({ ...reportBody(), version: ids.versions.report }),
    fields: [...keysOf(reportBody()), "version"],
  },
  {
    name: "POST /api/events/:slug/incidents",
    method: "POST",
    handler: eventIncidentsRoute.POST,
    path: () => `/api/events/${SLUG}/incidents`,
    params: () => ({ slug: SLUG }),
    body: incidentBody,
    fields: keysOf(incidentBody()),
  },
  {
    name: "PATCH /api/incidents/:id",
    method: "PATCH",
    handler: incidentRoute.PATCH,
    path: () => `/api/incidents/${ids.incident}`,
    params: () => ({ id: String(ids.incident) }),
    body: () => ({ ...incidentBody(), version: ids.versions.incident }),
    fields: [...keysOf(incidentBody()), "version"],
  },
  {
    name: "POST /api/events/:slug/claims",
    method: "POST",
    handler: eventClaimsRoute.POST,
    path: () => `/api/events/${SLUG}/claims`,
    params: () => ({ slug: SLUG }),
    body: claimBody,
    fields: [...keysOf(claimBody()), "newClaimantName", "stances", ...stanceFields],
  },
  {
    name: "PATCH /api/claims/:id",
    method: "PATCH",
    handler: claimRoute.PATCH,
    path: () => `/api/claims/${ids.claim}`,
    params: () => ({ id: String(ids.claim) }),
    body: () => ({ ...claimBody(), version: ids.versions.claim }),
    fields: [...keysOf(claimBody()), "version", "stances", ...stanceFields],
  },
  {
    name: "POST /api/sources",
    method: "POST",
    handler: sourcesRoute.POST,
    path: () => "/api/sources",
    params: () => ({}),
    body: sourceBody,
    fields: keysOf(sourceBody()),
  },
  {
    name: "PATCH /api/sources/:id",
    method: "PATCH",
    handler: sourceRoute.PATCH,
    path: () => `/api/sources/${ids.source}`,
    params: () => ({ id: String(ids.source) }),
    body: () => ({ ...sourceBody(), version: ids.versions.source }),
    fields: [...keysOf(sourceBody()), "version"],
  },
  {
    name: "POST /api/session",
    method: "POST",
    handler: sessionRoute.POST,
    path: () => "/api/session",
    params: () => ({}),
    body: () => ({ email: "nobody@example.org", password: "not the password at all" }),
    fields: ["email", "password"],
  },
];

let exportJson: Record<string, unknown>;
let exportCsv: string;

beforeAll(async () => {
  await seedDatabase();
  const db = getDb();
  ids.ft = (await db.source.findUniqueOrThrow({ where: { name: "Financial Times" } })).id;
  ids.nyt = (await db.source.findUniqueOrThrow({ where: { name: "The New York Times" } })).id;
  const [event, report, incident, claim, source] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { slug: SLUG } }),
    db.report.findFirstOrThrow({ orderBy: { id: "asc" } }),
    db.incident.findFirstOrThrow({ orderBy: { id: "asc" } }),
    db.claim.findFirstOrThrow({ orderBy: { id: "asc" } }),
    db.source.findFirstOrThrow({ orderBy: { id: "asc" } }),
  ]);
  Object.assign(ids, { report: report.id, incident: incident.id, claim: claim.id, source: source.id });
  ids.versions = { event: event.version, report: report.version, incident: incident.version, claim: claim.version, source: source.version };
  exportJson = await (await exportRoute.GET(new Request(`${BASE}/api/export?format=json`))).json();
  exportCsv = await (await exportRoute.GET(new Request(`${BASE}/api/export?format=csv`))).text();
  // Server actions check the request came from the page's own origin.
  setRequestHeaders({ origin: "http://localhost" });
});

describe("JSON bodies: each field of every write route, given long and adversarial values", { timeout: 300_000 }, () => {
  // The write limit is per token; these routes make many calls.
  withOwnWriteToken();

  for (const route of bodyRoutes) {
    it(`${route.name} refuses each in time, naming the field, and changes nothing`, async () => {
      for (const field of route.fields) {
        for (const [what, value] of JSON_VALUES) {
          const body = withValue(route.body(), field, value);
          await expectProblem(
            route.name,
            `${field} = ${what}`,
            () => call(route.handler, jsonText(route.method, route.path(), body), route.params()),
            [400],
            namedFor(what, field, "_body"),
          );
        }
      }
    });
  }

  it("refuses a body of 80,000 unknown fields, and a claim of 100,000 stances, in time and briefly", async () => {
    const unknown = JSON.stringify({ ...eventBody(), ...Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`f${i}`, 1])) });
    await expectProblem(
      "POST /api/events",
      "80,000 unknown fields",
      () => call(eventsRoute.POST, jsonText("POST", "/api/events", unknown)),
      [400],
      "_body",
    );
    const stances = JSON.stringify({ ...claimBody(), stances: Array.from({ length: 100_000 }, () => ({})) });
    await expectProblem(
      "POST /api/events/:slug/claims",
      "100,000 stances",
      () => call(eventClaimsRoute.POST, jsonText("POST", `/api/events/${SLUG}/claims`, stances), { slug: SLUG }),
      [400],
      "stances",
    );
  });
});

describe("path parameters and query strings, given long and adversarial values", { timeout: 300_000 }, () => {
  withOwnWriteToken();

  const byId: [string, unknown, string, string][] = [
    ["GET /api/reports/:id", reportRoute.GET, "GET", "/api/reports"],
    ["PATCH /api/reports/:id", reportRoute.PATCH, "PATCH", "/api/reports"],
    ["DELETE /api/reports/:id", reportRoute.DELETE, "DELETE", "/api/reports"],
    ["GET /api/incidents/:id", incidentRoute.GET, "GET", "/api/incidents"],
    ["PATCH /api/incidents/:id", incidentRoute.PATCH, "PATCH", "/api/incidents"],
    ["DELETE /api/incidents/:id", incidentRoute.DELETE, "DELETE", "/api/incidents"],
    ["GET /api/claims/:id", claimRoute.GET, "GET", "/api/claims"],
    ["PATCH /api/claims/:id", claimRoute.PATCH, "PATCH", "/api/claims"],
    ["DELETE /api/claims/:id", claimRoute.DELETE, "DELETE", "/api/claims"],
    ["GET /api/sources/:id", sourceRoute.GET, "GET", "/api/sources"],
    ["PATCH /api/sources/:id", sourceRoute.PATCH, "PATCH", "/api/sources"],
    ["DELETE /api/sources/:id", sourceRoute.DELETE, "DELETE", "/api/sources"],
  ];
  const bySlug: [string, unknown, string, string, () => Record<string, unknown> | null][] = [
    ["GET /api/events/:slug", eventRoute.GET, "GET", "", () => null],
    ["PATCH /api/events/:slug", eventRoute.PATCH, "PATCH", "", () => ({ notes: "x" })],
    ["DELETE /api/events/:slug", eventRoute.DELETE, "DELETE", "", () => null],
    ["GET /api/events/:slug/export", eventExportRoute.GET, "GET", "/export", () => null],
    ["GET /api/events/:slug/reports", eventReportsRoute.GET, "GET", "/reports", () => null],
    ["POST /api/events/:slug/reports", eventReportsRoute.POST, "POST", "/reports", reportBody],
    ["GET /api/events/:slug/incidents", eventIncidentsRoute.GET, "GET", "/incidents", () => null],
    ["POST /api/events/:slug/incidents", eventIncidentsRoute.POST, "POST", "/incidents", incidentBody],
    ["GET /api/events/:slug/claims", eventClaimsRoute.GET, "GET", "/claims", () => null],
    ["POST /api/events/:slug/claims", eventClaimsRoute.POST, "POST", "/claims", claimBody],
  ];
  const request = (method: string, path: string, body: Record<string, unknown> | null) =>
    new Request(`${BASE}${path}`, {
      method,
      headers: { ...writeAuth(), "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("every route with an id answers 404 for an id that names no record, in time", async () => {
    for (const [name, handler, method, prefix] of byId) {
      for (const [what, id] of TEXTS) {
        await expectProblem(
          name,
          `id = ${what}`,
          () => call(handler, request(method, `${prefix}/1`, method === "PATCH" ? { version: 1 } : null), { id }),
          [404],
        );
      }
    }
  });

  it("every route with a slug answers 404 for a slug that names no event, in time", async () => {
    for (const [name, handler, method, suffix, body] of bySlug) {
      for (const [what, slug] of TEXTS) {
        await expectProblem(name, `slug = ${what}`, () => call(handler, request(method, `/api/events/x${suffix}`, body()), { slug }), [404]);
      }
    }
  });

  const lists: [string, unknown, string, Record<string, string>][] = [
    ["GET /api/events", eventsRoute.GET, "/api/events", {}],
    ["GET /api/sources", sourcesRoute.GET, "/api/sources", {}],
    ["GET /api/events/:slug/reports", eventReportsRoute.GET, `/api/events/${SLUG}/reports`, { slug: SLUG }],
    ["GET /api/events/:slug/incidents", eventIncidentsRoute.GET, `/api/events/${SLUG}/incidents`, { slug: SLUG }],
    ["GET /api/events/:slug/claims", eventClaimsRoute.GET, `/api/events/${SLUG}/claims`, { slug: SLUG }],
  ];

  it("refuses ?limit= and ?cursor= that are not page numbers, naming them", async () => {
    for (const [name, handler, path, p] of lists) {
      for (const param of ["limit", "cursor"]) {
        for (const [what, value] of TEXTS) {
          await expectProblem(
            name,
            `?${param}= ${what}`,
            () => call(handler, new Request(`${BASE}${path}?${param}=${encodeURIComponent(value)}`), p),
            [400],
            param,
          );
        }
      }
    }
  });

  it("refuses ?format= of every export, ?events= of the comparison and ?preview= of the import, naming them", async () => {
    const exports: [string, unknown, string, Record<string, string>][] = [
      ["GET /api/export", exportRoute.GET, "/api/export?", {}],
      ["GET /api/events/:slug/export", eventExportRoute.GET, `/api/events/${SLUG}/export?`, { slug: SLUG }],
      ["GET /api/compare", compareRoute.GET, `/api/compare?events=${SLUG}&`, {}],
    ];
    for (const [what, value] of TEXTS) {
      for (const [name, handler, path, p] of exports) {
        await expectProblem(
          name,
          `?format= ${what}`,
          () => call(handler, new Request(`${BASE}${path}format=${encodeURIComponent(value)}`), p),
          [400],
          "format",
        );
      }
      await expectProblem(
        "GET /api/compare",
        `?events= ${what}`,
        () => call(compareRoute.GET, new Request(`${BASE}/api/compare?events=${encodeURIComponent(value)}`)),
        [400, 404],
        "events",
      );
      const file = JSON.stringify(exportJson);
      await expectProblem(
        "POST /api/import",
        `?preview= ${what}`,
        () => call(importRoute.POST, jsonText("POST", `/api/import?preview=${encodeURIComponent(value)}`, file)),
        [400],
        "preview",
      );
    }
  });
});

describe("cookies and headers, given long and adversarial values", { timeout: 300_000 }, () => {
  withOwnWriteToken();
  const body = () => JSON.stringify(eventBody());
  const post = (headers: Record<string, string>) => new Request(`${BASE}/api/events`, { method: "POST", headers, body: body() });
  // Header values are single lines without NUL; none of the values holds one.
  const headerValues = TEXTS.map(([what, value]): [string, string] => [what, value]);

  it("refuses an Authorization that is no live token with 401, on writes and on reads", async () => {
    for (const [what, value] of headerValues) {
      for (const authorization of [`Bearer ${value}`, value, `Bearer ${value} x`]) {
        await expectProblem(
          "POST /api/events",
          `Authorization: ${authorization.slice(0, 12)}… (${what})`,
          () => call(eventsRoute.POST, post({ Authorization: authorization, "Content-Type": "application/json" })),
          [401],
        );
        await expectProblem(
          "GET /api/events",
          `Authorization: ${authorization.slice(0, 12)}… (${what})`,
          () => call(eventsRoute.GET, new Request(`${BASE}/api/events`, { headers: { Authorization: authorization } })),
          [401],
        );
      }
    }
  });

  it("refuses a Cookie that holds no live session with 401", async () => {
    for (const [what, value] of headerValues) {
      for (const cookie of [`${SESSION_COOKIE}=${value}`, value, `${SESSION_COOKIE}=%${value}`, `${value}=${value}`]) {
        await expectProblem(
          "POST /api/events",
          `Cookie: ${cookie.slice(0, 20)}… (${what})`,
          () => call(eventsRoute.POST, post({ Cookie: cookie, "Content-Type": "application/json" })),
          [401],
        );
        await expectProblem(
          "GET /api/session",
          `Cookie: ${cookie.slice(0, 20)}… (${what})`,
          () => call(sessionRoute.GET, new Request(`${BASE}/api/session`, { headers: { Cookie: cookie } })),
          [401],
        );
      }
    }
  });

  it("refuses a Content-Type that is not JSON (nor CSV, for the import) with 415", async () => {
    for (const [what, value] of headerValues) {
      for (const type of [value, `application/${value}`, `application/json${value}x`]) {
        await expectProblem(
          "POST /api/events",
          `Content-Type: ${type.slice(0, 20)}… (${what})`,
          () => call(eventsRoute.POST, post({ ...writeAuth(), "Content-Type": type })),
          [415],
        );
      }
      for (const type of [value, `application/${value}`]) {
        await expectProblem(
          "POST /api/import",
          `Content-Type: ${type.slice(0, 20)}… (${what})`,
          () => call(importRoute.POST, writeRequestTo("/api/import", { "Content-Type": type }, JSON.stringify(exportJson))),
          [415],
        );
      }
    }
  });

  it("refuses a cookie-carrying write whose Origin is not this site with 403", async () => {
    const secret = await signInAs("adversarial-editor@example.org", "editor");
    for (const [what, value] of headerValues) {
      // An empty Origin (all spaces, which headers drop) is no Origin: a program's request, refused for its body below.
      for (const origin of [`http://${value}`, `${value}x`, `http://localhost${value}x`]) {
        await expectProblem(
          "POST /api/events",
          `Origin: ${origin.slice(0, 20)}… (${what})`,
          () => call(eventsRoute.POST, post({ Cookie: `${SESSION_COOKIE}=${secret}`, Origin: origin, "Content-Type": "application/json" })),
          [403],
        );
      }
    }
  });

  it("reads any x-deadair-client as no local address: the health check tells only up or down, and sign-in refuses what it cannot check", async () => {
    for (const [what, value] of headerValues) {
      const response = await timed("GET /api/health", `x-deadair-client: ${what}`, () =>
        healthRoute.GET(new Request(`${BASE}/api/health`, { headers: { "x-deadair-client": value } })),
      );
      expect(Object.keys(await response.json())).toEqual(["status"]);
      await expectProblem(
        "POST /api/session",
        `x-deadair-client: ${what}`,
        () =>
          call(
            sessionRoute.POST,
            new Request(`${BASE}/api/session`, {
              method: "POST",
              headers: { "Content-Type": "application/json", "x-deadair-client": value },
              body: JSON.stringify({ email: "", password: "" }),
            }),
          ),
        [400],
        "email",
      );
    }
  });
});

function writeRequestTo(path: string, headers: Record<string, string>, body: string): Request {
  return new Request(`${BASE}${path}`, { method: "POST", headers: { ...writeAuth(), ...headers }, body });
}

// ---- Imports ------------------------------------------------------------------------------------------------------

/** The fields the import reads, per record of the export; the first record of each kind is where a value goes. */
const IMPORTED: Record<string, string[]> = {
  event: [
    "slug",
    "title",
    "platform",
    "hosts",
    "guests",
    "scheduledStart",
    "scheduledPrecision",
    "timeZone",
    "actualStart",
    "endedAt",
    "status",
    "notes",
  ],
  report: ["metric", "value", "unit", "qualifier", "source", "quote", "quoteLang", "quoteEnglish", "reportedOn", "url", "note"],
  incident: [
    "kind",
    "startOffsetMinutes",
    "durationMinutes",
    "qualifier",
    "description",
    "source",
    "quote",
    "quoteLang",
    "quoteEnglish",
    "reportedOn",
  ],
  claim: ["statement", "claimant", "status", "url", "incident", "quote", "quoteLang", "quoteEnglish", "reportedOn"],
  stance: ["source", "stance", "url", "quote", "quoteLang", "quoteEnglish", "reportedOn"],
  source: ["name", "kind", "leaning", "homeUrl"],
};

/** The JSON path of each field the import reads of a kind of record, in the first record of that kind. */
function importedPaths(doc: Record<string, unknown>, kind: string): string[] {
  type Rec = Record<string, unknown>;
  const events = doc.events as Rec[];
  const first = (list: string) => events.findIndex((e) => (e[list] as unknown[]).length > 0);
  const withStances = events
    .flatMap((e, i) => (e.claims as Rec[]).map((c, j) => [i, j, (c.stances as unknown[]).length] as const))
    .find(([, , n]) => n > 0)!;
  const where: Record<string, string> = {
    event: "events[0]",
    report: `events[${first("reports")}].reports[0]`,
    incident: `events[${first("incidents")}].incidents[0]`,
    claim: `events[${first("claims")}].claims[0]`,
    stance: `events[${withStances[0]}].claims[${withStances[1]}].stances[0]`,
    source: "sources[0]",
  };
  return IMPORTED[kind].map((f) => `${where[kind]}.${f}`);
}

/** The document as JSON text with the value at a path such as "events[0].reports[0].value" replaced by the JSON text `value`. */
function importWith(doc: Record<string, unknown>, path: string, value: string): string {
  const HOLE = "\u0001hole\u0001";
  const copy = structuredClone(doc);
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = HOLE;
  return JSON.stringify(copy).replace(JSON.stringify(HOLE), () => value);
}

/** The columns a CSV import reads, and the name its refusal gives each. */
const CSV_READ = [
  "event_slug",
  "event_title",
  "metric",
  "value",
  "unit",
  "qualifier",
  "source",
  "source_url",
  "quote",
  "reported_on",
  "derived",
  "report_url",
  "quote_lang",
  "quote_english",
  "note",
  "event_platform",
  "event_time_zone",
  "event_scheduled_start",
  "event_scheduled_precision",
  "event_actual_start",
  "event_ended_at",
  "event_status",
];

describe("imports, given long and adversarial values in every field", { timeout: 300_000 }, () => {
  withOwnWriteToken();
  const send = (body: string, type: string) => () => call(importRoute.POST, writeRequestTo("/api/import", { "Content-Type": type }, body));

  // One test per kind of record: each has a write token of its own, whose allowance the others have not spent.
  for (const kind of Object.keys(IMPORTED)) {
    it(`a JSON import refuses each in a ${kind}'s fields in time, naming the JSON path, and changes nothing`, async () => {
      for (const path of importedPaths(exportJson, kind)) {
        for (const [what, value] of [...TEXTS.map(([w, t]): [string, string] => [w, JSON.stringify(t)]), ...LITERALS]) {
          await expectProblem(
            "POST /api/import (JSON)",
            `${path} = ${what}`,
            send(importWith(exportJson, path, value), "application/json"),
            [400],
            namedFor(what, path, "file"),
          );
        }
      }
    });
  }

  it("a JSON import of 100,000 records, each wrong, is refused in time and briefly", async () => {
    for (const list of ["events", "sources"]) {
      const doc = { ...exportJson, [list]: Array.from({ length: 100_000 }, () => ({})) };
      const body = send(JSON.stringify(doc), "application/json");
      await expectProblem("POST /api/import (JSON)", `100,000 empty ${list}`, body, [400], undefined, RECORDS_LIMIT_MS);
    }
    const events = structuredClone(exportJson.events) as Record<string, unknown>[];
    events[0].reports = Array.from({ length: 100_000 }, () => ({ metric: "nonsense" }));
    await expectProblem(
      "POST /api/import (JSON)",
      "100,000 wrong reports",
      send(JSON.stringify({ ...exportJson, events }), "application/json"),
      [400],
      undefined,
      RECORDS_LIMIT_MS,
    );
  });

  it("a CSV import refuses each in the first figure's row in time, naming the row and column, and changes nothing", async () => {
    const [header, ...rows] = parseCsv(exportCsv);
    const row = rows.findIndex((r) => r[header.indexOf("derived")] === "no");
    for (const column of CSV_READ) {
      for (const [what, value] of TEXTS) {
        const changed = rows.map((r, i) => (i === row ? r.map((cell, k) => (header[k] === column ? value : cell)) : r));
        const csv = [header, ...changed].map((r) => csvRow(r)).join("");
        await expectProblem("POST /api/import (CSV)", `${column} = ${what}`, send(csv, "text/csv"), [400], `row ${row + 2}.${column}`);
      }
    }
  });

  it("a CSV of 1 MB of wrong rows, and one of a single 5 MB field, are refused in time and briefly", async () => {
    const [header, first] = parseCsv(exportCsv);
    const wrong = first.map((cell, k) => (header[k] === "value" ? "many" : cell));
    const body = csvRow(header) + csvRow(wrong).repeat(Math.floor(MB / Buffer.byteLength(csvRow(wrong))));
    await expectProblem("POST /api/import (CSV)", "1 MB of wrong rows", send(body, "text/csv"), [400]);
    await expectProblem("POST /api/import (CSV)", "a field of 5 MB", send(`${csvRow(header)}"${"x".repeat(5 * MB - 1000)}"`, "text/csv"), [400]);
  });
});

// ---- Form actions -------------------------------------------------------------------------------------------------

type Action = (state: FormState, data: FormData) => Promise<FormState>;

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  data.set("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

/** Runs an action that must refuse in time with a form error naming `field`, and change nothing. */
async function expectFormError(name: string, what: string, action: Action, values: Record<string, string>, field: string) {
  const before = await fingerprint();
  let state: FormState;
  try {
    state = await timed(name, what, () => action(initialFormState, form(values)));
  } catch (error) {
    throw new Error(`${name} with ${what} did not answer a form error: ${String((error as { digest?: string }).digest ?? error)}`);
  }
  const summary = `${name} with ${what}: ${state.message} ${JSON.stringify(state.errors).slice(0, 300)}`;
  expect(state.status, summary).toBe("error");
  expect(Object.keys(state.errors), summary).toContain(field);
  expect(JSON.stringify(state.errors).length, summary).toBeLessThan(ANSWER_MAX);
  expect(await fingerprint(), summary).toEqual(before);
}

const asForm = (body: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== "stances")
      .map(([k, v]) => [k, String(v)]),
  );

describe("form actions, given long and adversarial values in every field", { timeout: 300_000 }, () => {
  const editorActions: [string, () => Action, () => Record<string, string>][] = [
    ["createEventAction", () => eventActions.createEventAction, () => asForm(eventBody())],
    [
      "updateEventAction",
      () => (s, d) => eventActions.updateEventAction(SLUG, s, d),
      () => asForm({ ...eventBody(), slug: SLUG, version: ids.versions.event }),
    ],
    ["createReportAction", () => (s, d) => recordActions.createReportAction(SLUG, s, d), () => asForm(reportBody())],
    [
      "updateReportAction",
      () => (s, d) => recordActions.updateReportAction(SLUG, ids.report, s, d),
      () => asForm({ ...reportBody(), version: ids.versions.report }),
    ],
    ["createIncidentAction", () => (s, d) => recordActions.createIncidentAction(SLUG, s, d), () => asForm(incidentBody())],
    [
      "updateIncidentAction",
      () => (s, d) => recordActions.updateIncidentAction(SLUG, ids.incident, s, d),
      () => asForm({ ...incidentBody(), version: ids.versions.incident }),
    ],
    [
      "createClaimAction",
      () => (s, d) => recordActions.createClaimAction(SLUG, s, d),
      () => ({
        ...asForm(claimBody()),
        ...Object.fromEntries(Object.entries(claimBody().stances[0]).map(([k, v]) => [`stances.0.${k}`, String(v)])),
      }),
    ],
    [
      "updateClaimAction",
      () => (s, d) => recordActions.updateClaimAction(SLUG, ids.claim, s, d),
      () => ({
        ...asForm({ ...claimBody(), version: ids.versions.claim }),
        ...Object.fromEntries(Object.entries(claimBody().stances[0]).map(([k, v]) => [`stances.0.${k}`, String(v)])),
      }),
    ],
    ["createSourceAction", () => recordActions.createSourceAction, () => asForm(sourceBody())],
    [
      "updateSourceAction",
      () => (s, d) => recordActions.updateSourceAction(ids.source, s, d),
      () => asForm({ ...sourceBody(), version: ids.versions.source }),
    ],
    ["signInAction", () => signInAction, () => ({ email: "nobody@example.org", password: "not the password at all", next: "/" })],
  ];
  const formFields = (name: string, values: Record<string, string>) => {
    const fields = Object.keys(values).filter((f) => f !== "next" && f !== "stances.0.url");
    if (name.includes("Report")) fields.push("newSourceName");
    if (name.includes("Claim")) fields.push("newClaimantName");
    return fields;
  };

  for (const [name, action, base] of editorActions) {
    it(`${name} refuses each in time with a form error naming the field, and changes nothing`, async () => {
      await signInAs("adversarial-editor@example.org", "editor");
      for (const field of formFields(name, base())) {
        for (const [what, value] of TEXTS) {
          await expectFormError(name, `${field} = ${what}`, action(), { ...base(), [field]: value }, field);
        }
      }
    });
  }

  const adminActionsList: [string, Action, Record<string, string>][] = [
    [
      "createUserAction",
      adminActions.createUserAction,
      { email: "new@example.org", displayName: "New", role: "editor", password: "a long enough password" },
    ],
    ["createTokenAction", adminActions.createTokenAction, { name: "adversarial token", scope: "read" }],
    ["setRoleAction", (s, d) => adminActions.setRoleAction(1, s, d), { role: "admin" }],
  ];
  for (const [name, action, base] of adminActionsList) {
    it(`${name} (as an admin) refuses each in time with a form error naming the field, and changes nothing`, async () => {
      await signInAs("adversarial-admin@example.org", "admin");
      for (const field of Object.keys(base)) {
        for (const [what, value] of TEXTS) await expectFormError(name, `${field} = ${what}`, action, { ...base, [field]: value }, field);
      }
    });
  }

  it("changePasswordAction refuses each in time with a form error naming the field, and changes nothing", async () => {
    await signInAs("adversarial-editor@example.org", "editor");
    const base = { currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" };
    for (const field of Object.keys(base)) {
      for (const [what, value] of TEXTS)
        await expectFormError("changePasswordAction", `${field} = ${what}`, changePasswordAction, { ...base, [field]: value }, field);
    }
  });

  it("the target to go to after signing in is read in time, and anything but a path of this site goes home", async () => {
    for (const [what, value] of TEXTS) {
      for (const target of [value, `/${value}`, `//${value}`, `/\\${value}`]) {
        expect(await timed("localPath", `${target.slice(0, 3)}… (${what})`, async () => localPath(target, "http://localhost"))).toMatch(
          /^\/(?![/\\])/,
        );
      }
    }
  });
});
