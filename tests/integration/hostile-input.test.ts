// Property tests: thousands of generated bodies, query strings, path parameters and form submissions, hostile by
// design, sent to every write route and form action. Whatever arrives, the answer is never a 500: a route answers
// problem details and an action a form error, and a refusal changes nothing in the database.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as compareRoute from "@/app/api/compare/route";
import * as eventClaimsRoute from "@/app/api/events/[slug]/claims/route";
import * as eventExportRoute from "@/app/api/events/[slug]/export/route";
import * as eventIncidentsRoute from "@/app/api/events/[slug]/incidents/route";
import * as eventReportsRoute from "@/app/api/events/[slug]/reports/route";
import * as eventRoute from "@/app/api/events/[slug]/route";
import * as eventsRoute from "@/app/api/events/route";
import * as exportRoute from "@/app/api/export/route";
import * as importRoute from "@/app/api/import/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as reportRoute from "@/app/api/reports/[id]/route";
import * as sessionRoute from "@/app/api/session/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";
import * as adminActions from "@/lib/actions/admin";
import { signInAction } from "@/lib/actions/auth";
import * as eventActions from "@/lib/actions/events";
import * as recordActions from "@/lib/actions/records";
import { getDb } from "@/lib/db";
import { seedDatabase } from "@/lib/data/seed";
import { initialFormState, type FormState } from "@/lib/validation/form-state";
import { SESSION_COOKIE } from "@/lib/data/sessions";
import { BASE, writeAuth } from "./api-helpers";
import { signInAs } from "./auth-helpers";
import { setRequestHeaders } from "./next-request";
import { withOwnDatabase, withOwnWriteToken } from "./own-database";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

/** Runs per route or action; PROPERTY_RUNS raises it for a longer search. */
const RUNS = Number(process.env.PROPERTY_RUNS) || 120;
/** Fewer where each run hashes a password (scrypt costs about 100 ms by design). */
const HASHING_RUNS = Math.ceil(RUNS / 4);
const HASHING = new Set(["POST /api/session", "signInAction", "createUserAction", "resetPasswordAction"]);
const SLUG = "musk-trump-x-spaces-2024";

// ---- What the generators make -------------------------------------------------------------------------------------

const awkwardStrings = [
  "",
  " ",
  "\u0000",
  "\uD800", // a lone surrogate
  "\uFEFF",
  "\u202Eevil",
  "𝕏 🎙️ 👩‍👩‍👧",
  "e\u0301",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e308",
  "1e309",
  "-1e308",
  "0x1F",
  "1_000",
  "9".repeat(400),
  "2024-02-30",
  "0000-01-01",
  "9999-12-31T23:59",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-19T00:00:00.000Z",
  "2024-13-45T25:61",
  "javascript:alert(1)",
  "<script>alert(1)</script>",
  "'; DROP TABLE Event; --",
  "Etc/GMT+99",
  "../../etc/passwd",
];
const awkwardNumbers = [0, -0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), Number.MAX_SAFE_INTEGER];

const scalarText = fc.oneof(
  fc.constantFrom(...awkwardStrings).map((s) => JSON.stringify(s)),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: "grapheme", maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(...awkwardNumbers).map(String),
  // Number literals that JSON reads as Infinity, -0 or a rounded integer.
  fc.constantFrom("1e400", "-1e400", "-0", "-0.0", "123456789012345678901234567890", "1E-400"),
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : "null")),
  fc.integer().map(String),
  fc.constantFrom("true", "false", "null"),
  fc.nat({ max: 2_000_000 }).map((n) => JSON.stringify("x".repeat(n % 7 === 0 ? n : n % 300))),
);

const keyText = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "", "version", "id"),
  fc.string({ unit: "binary", maxLength: 12 }),
);

/** Any JSON text, nested, with awkward keys (including "__proto__" as an own key) and values. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarText,
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc
      .array(fc.tuple(keyText, tie("value")), { maxLength: 5 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`),
  ),
})).value;

/** Nesting far deeper than any record: parsers that recurse must not fall over. */
const deepText = fc
  .tuple(fc.integer({ min: 50, max: 200_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));

const brokenText = fc.oneof(
  fc.constantFrom("", "{", "}", "NaN", '{"value": NaN}', '{"value": Infinity}', "{'a': 1}", '{"a":1,}', "\u0000", "undefined", '{"a":1}{"b":2}'),
  fc.string({ unit: "binary", maxLength: 200 }),
);

/** A valid body with one field replaced by something awkward, and perhaps extra keys. */
function nearValid(base: Record<string, unknown>) {
  const keys = Object.keys(base);
  return fc
    .tuple(fc.constantFrom(...keys), fc.oneof(scalarText, jsonText), fc.array(fc.tuple(keyText, scalarText), { maxLength: 2 }))
    .map(([field, value, extra]) => {
      const entries: [string, string][] = Object.entries(base).map(([k, v]) => [k, k === field ? value : JSON.stringify(v)]);
      return `{${[...entries, ...extra].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`;
    });
}

/** The seeded database's own export (read in beforeAll) with one value anywhere in it replaced by something awkward. */
let exportDocument: unknown = null;
const HOLE = "\u0001hole\u0001";
const nearValidImport = fc.tuple(fc.nat(), fc.oneof(scalarText, jsonText)).map(([pick, value]) => {
  const leaves: { parent: Record<string, unknown>; key: string }[] = [];
  const walk = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      if (child !== null && typeof child === "object") walk(child);
      else leaves.push({ parent: node as Record<string, unknown>, key });
    }
  };
  const copy = structuredClone(exportDocument);
  walk(copy);
  const leaf = leaves[pick % leaves.length];
  leaf.parent[leaf.key] = HOLE;
  return JSON.stringify(copy).replace(JSON.stringify(HOLE), value);
});

function bodyFor(base: Record<string, unknown> | null) {
  const kinds = [jsonText, deepText, brokenText];
  return base ? fc.oneof(nearValid(base), nearValid(base), ...kinds) : fc.oneof(...kinds);
}

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "text/csv",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  null,
);

const queryString = fc.oneof(
  fc.constant(""),
  fc
    .array(
      fc.tuple(
        fc.constantFrom("limit", "cursor", "preview", "events", "format", "__proto__", "page", "q"),
        fc.constantFrom(...awkwardStrings, "1", "200", "201", "abc"),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => "?" + new URLSearchParams(pairs).toString()),
  fc.string({ unit: "binary", maxLength: 30 }).map((s) => "?" + encodeURIComponent(s)),
);

const idText = fc.oneof(
  fc.constantFrom("1", "2", "3"),
  fc.constantFrom("0", "-1", "1.5", "1e3", "0x1", "NaN", "Infinity", "9".repeat(40), "", "%00", "__proto__"),
  fc.nat().map(String),
);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A path segment decodes from UTF-8, so it never holds an unpaired surrogate (a body's JSON can, and does above).
const slugText = fc
  .oneof(fc.constant(SLUG), fc.constantFrom(...awkwardStrings), fc.string({ unit: "binary", maxLength: 30 }))
  .map((s) => s.replace(LONE_SURROGATE, "\uFFFD"));

// ---- What a refusal must leave alone ------------------------------------------------------------------------------

/** Every row that a write could touch, condensed: equal before and after means nothing was written. */
async function fingerprint(): Promise<unknown> {
  const tables = ["Event", "Source", "Report", "Incident", "Claim"];
  // In the SQL SQLite and PostgreSQL share: quoted names, string_agg, instants cast to text.
  const parts = [
    ...tables.map((t) => `SELECT '${t} ' || count(*) || ' ' || coalesce(max("id"), 0) || ' ' || coalesce(sum("version"), 0) AS f FROM "${t}"`),
    ...["ClaimSource", "Revision"].map((t) => `SELECT '${t} ' || count(*) || ' ' || coalesce(max("id"), 0) AS f FROM "${t}"`),
    `SELECT 'User ' || count(*) || ' ' || coalesce(string_agg("role" || coalesce(CAST("disabledAt" AS TEXT), '') || "passwordHash", ',' ORDER BY "id"), '') AS f FROM "User"`,
    `SELECT 'ApiToken ' || count(*) || ' ' || coalesce(string_agg(coalesce(CAST("revokedAt" AS TEXT), '-'), ',' ORDER BY "id"), '') AS f FROM "ApiToken"`,
  ];
  return getDb().$queryRawUnsafe(parts.join(" UNION ALL "));
}

// ---- Routes -------------------------------------------------------------------------------------------------------

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface RouteCase {
  name: string;
  method: string;
  handler: Handler;
  path: (p: Record<string, string>) => string;
  params: fc.Arbitrary<Record<string, string>>;
  base: Record<string, unknown> | null;
}

const byId = fc.record({ id: idText });
const bySlug = fc.record({ slug: slugText });
const none = fc.constant({});

const eventBody = {
  title: "Hostile",
  platform: "X Spaces",
  timeZone: "America/New_York",
  scheduledStart: "2024-08-12T20:00",
  status: "ended",
  notes: "n",
};
const reportBody = { metric: "average_audience", value: 1000, sourceId: 1, note: "n", reportedOn: "2024-08-13" };
const incidentBody = { kind: "dead_air", startOffsetMinutes: 1, durationMinutes: 2, description: "d" };
const claimBody = { statement: "It was a DDoS", claimantId: 1, status: "claimed", stances: [{ sourceId: 2, stance: "disputes" }] };
const sourceBody = { name: "Hostile outlet", kind: "newspaper", homeUrl: "https://example.org" };

const routes: RouteCase[] = [
  { name: "POST /api/events", method: "POST", handler: eventsRoute.POST as Handler, path: () => "/api/events", params: none, base: eventBody },
  {
    name: "PATCH /api/events/:slug",
    method: "PATCH",
    handler: eventRoute.PATCH as Handler,
    path: (p) => `/api/events/${p.slug}`,
    params: bySlug,
    base: { ...eventBody, version: 1 },
  },
  {
    name: "DELETE /api/events/:slug",
    method: "DELETE",
    handler: eventRoute.DELETE as Handler,
    path: (p) => `/api/events/${p.slug}`,
    params: bySlug,
    base: { version: 99 },
  },
  {
    name: "POST /api/events/:slug/reports",
    method: "POST",
    handler: eventReportsRoute.POST as Handler,
    path: (p) => `/api/events/${p.slug}/reports`,
    params: bySlug,
    base: reportBody,
  },
  {
    name: "POST /api/events/:slug/incidents",
    method: "POST",
    handler: eventIncidentsRoute.POST as Handler,
    path: (p) => `/api/events/${p.slug}/incidents`,
    params: bySlug,
    base: incidentBody,
  },
  {
    name: "POST /api/events/:slug/claims",
    method: "POST",
    handler: eventClaimsRoute.POST as Handler,
    path: (p) => `/api/events/${p.slug}/claims`,
    params: bySlug,
    base: claimBody,
  },
  {
    name: "PATCH /api/reports/:id",
    method: "PATCH",
    handler: reportRoute.PATCH as Handler,
    path: (p) => `/api/reports/${p.id}`,
    params: byId,
    base: { ...reportBody, version: 1 },
  },
  {
    name: "DELETE /api/reports/:id",
    method: "DELETE",
    handler: reportRoute.DELETE as Handler,
    path: (p) => `/api/reports/${p.id}`,
    params: byId,
    base: { version: 99 },
  },
  {
    name: "PATCH /api/incidents/:id",
    method: "PATCH",
    handler: incidentRoute.PATCH as Handler,
    path: (p) => `/api/incidents/${p.id}`,
    params: byId,
    base: { ...incidentBody, version: 1 },
  },
  {
    name: "DELETE /api/incidents/:id",
    method: "DELETE",
    handler: incidentRoute.DELETE as Handler,
    path: (p) => `/api/incidents/${p.id}`,
    params: byId,
    base: { version: 99 },
  },
  {
    name: "PATCH /api/claims/:id",
    method: "PATCH",
    handler: claimRoute.PATCH as Handler,
    path: (p) => `/api/claims/${p.id}`,
    params: byId,
    base: { ...claimBody, version: 1 },
  },
  {
    name: "DELETE /api/claims/:id",
    method: "DELETE",
    handler: claimRoute.DELETE as Handler,
    path: (p) => `/api/claims/${p.id}`,
    params: byId,
    base: { version: 99 },
  },
  { name: "POST /api/sources", method: "POST", handler: sourcesRoute.POST as Handler, path: () => "/api/sources", params: none, base: sourceBody },
  {
    name: "PATCH /api/sources/:id",
    method: "PATCH",
    handler: sourceRoute.PATCH as Handler,
    path: (p) => `/api/sources/${p.id}`,
    params: byId,
    base: { ...sourceBody, version: 1 },
  },
  {
    name: "DELETE /api/sources/:id",
    method: "DELETE",
    handler: sourceRoute.DELETE as Handler,
    path: (p) => `/api/sources/${p.id}`,
    params: byId,
    base: { version: 99 },
  },
  { name: "POST /api/import", method: "POST", handler: importRoute.POST as Handler, path: () => "/api/import", params: none, base: null },
  {
    name: "POST /api/session",
    method: "POST",
    handler: sessionRoute.POST as Handler,
    path: () => "/api/session",
    params: none,
    base: { email: "nobody@example.org", password: "not the password at all" },
  },
  { name: "DELETE /api/session", method: "DELETE", handler: sessionRoute.DELETE as Handler, path: () => "/api/session", params: none, base: null },
];

const reads: RouteCase[] = [
  { name: "GET /api/events", method: "GET", handler: eventsRoute.GET as Handler, path: () => "/api/events", params: none, base: null },
  {
    name: "GET /api/events/:slug",
    method: "GET",
    handler: eventRoute.GET as Handler,
    path: (p) => `/api/events/${p.slug}`,
    params: bySlug,
    base: null,
  },
  {
    name: "GET /api/events/:slug/reports",
    method: "GET",
    handler: eventReportsRoute.GET as Handler,
    path: (p) => `/api/events/${p.slug}/reports`,
    params: bySlug,
    base: null,
  },
  {
    name: "GET /api/events/:slug/incidents",
    method: "GET",
    handler: eventIncidentsRoute.GET as Handler,
    path: (p) => `/api/events/${p.slug}/incidents`,
    params: bySlug,
    base: null,
  },
  {
    name: "GET /api/events/:slug/claims",
    method: "GET",
    handler: eventClaimsRoute.GET as Handler,
    path: (p) => `/api/events/${p.slug}/claims`,
    params: bySlug,
    base: null,
  },
  {
    name: "GET /api/events/:slug/export",
    method: "GET",
    handler: eventExportRoute.GET as Handler,
    path: (p) => `/api/events/${p.slug}/export`,
    params: bySlug,
    base: null,
  },
  { name: "GET /api/reports/:id", method: "GET", handler: reportRoute.GET as Handler, path: (p) => `/api/reports/${p.id}`, params: byId, base: null },
  {
    name: "GET /api/incidents/:id",
    method: "GET",
    handler: incidentRoute.GET as Handler,
    path: (p) => `/api/incidents/${p.id}`,
    params: byId,
    base: null,
  },
  { name: "GET /api/claims/:id", method: "GET", handler: claimRoute.GET as Handler, path: (p) => `/api/claims/${p.id}`, params: byId, base: null },
  { name: "GET /api/sources/:id", method: "GET", handler: sourceRoute.GET as Handler, path: (p) => `/api/sources/${p.id}`, params: byId, base: null },
  { name: "GET /api/sources", method: "GET", handler: sourcesRoute.GET as Handler, path: () => "/api/sources", params: none, base: null },
  { name: "GET /api/compare", method: "GET", handler: compareRoute.GET as Handler, path: () => "/api/compare", params: none, base: null },
  { name: "GET /api/export", method: "GET", handler: exportRoute.GET as Handler, path: () => "/api/export", params: none, base: null },
];

async function expectProblem(response: Response, what: string) {
  if (response.status >= 500) expect.fail(`${what} answered ${response.status}: ${await response.text()}`);
  // A body not read holds what it streams from (a download's slot among the few allowed at once): let it go.
  if (response.status < 400) {
    await response.body?.cancel();
    return;
  }
  expect(response.headers.get("content-type"), what).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { status: number; title: string; detail: string };
  expect(body, what).toMatchObject({ status: response.status, title: expect.any(String), detail: expect.any(String) });
}

function requestFor(route: RouteCase, p: Record<string, string>, query: string, body: string | null, type: string | null): Request {
  // A path that the URL parser would refuse cannot arrive at a handler.
  const url = `${BASE}${route.path(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, encodeURIComponent(v)])))}${query}`;
  const headers: Record<string, string> = { ...writeAuth() };
  if (type) headers["Content-Type"] = type;
  return new Request(url, { method: route.method, headers, body: route.method === "GET" ? undefined : body });
}

beforeAll(async () => {
  await seedDatabase();
  exportDocument = await (await exportRoute.GET(new Request(`${BASE}/api/export?format=json`))).json();
  // Server actions check the request came from the page's own origin.
  setRequestHeaders({ origin: "http://localhost" });
});

describe("every write route, given hostile requests", { timeout: 300_000 }, () => {
  // The write limit is per token: with one token for all, the routes that ran later would only ever hear 429.
  withOwnWriteToken();

  for (const route of routes) {
    it(`${route.name} never answers 500, answers problem details, and a refusal changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(
          route.params,
          queryString,
          route.name === "POST /api/import" ? fc.oneof(nearValidImport, bodyFor(null)) : bodyFor(route.base),
          contentType,
          async (p, query, body, type) => {
            const before = await fingerprint();
            const response = await route.handler(requestFor(route, p, query, body, type), { params: Promise.resolve(p) });
            const what = `${route.name} ${JSON.stringify(p)} ${query} ${type} ${body.slice(0, 300)}`;
            await expectProblem(response, what);
            if (response.status >= 400) expect(await fingerprint(), what).toEqual(before);
          },
        ),
        { numRuns: HASHING.has(route.name) ? HASHING_RUNS : RUNS },
      );
    });
  }
});

describe("the read routes, given hostile query strings", { timeout: 300_000 }, () => {
  for (const route of reads) {
    it(`${route.name} never answers 500`, async () => {
      await fc.assert(
        fc.asyncProperty(route.params, queryString, async (p, query) => {
          const response = await route.handler(requestFor(route, p, query, null, null), { params: Promise.resolve(p) });
          await expectProblem(response, `${route.name} ${JSON.stringify(p)} ${query}`);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

// ---- Form actions -------------------------------------------------------------------------------------------------

type Action = (state: FormState, data: FormData) => Promise<FormState>;

/**
 * Form fields as a browser sends them (text only), with awkward values and extra fields. Ids bound to an action on
 * the server (the user an admin acts on, say) are not the client's to choose, and are not generated.
 */
function formFor(base: Record<string, string>) {
  const value = fc.oneof(
    fc.constantFrom(...awkwardStrings),
    fc.string({ unit: "binary", maxLength: 60 }),
    fc.nat({ max: 300_000 }).map((n) => "y".repeat(n)),
  );
  return fc
    .tuple(
      fc.subarray(Object.keys(base)),
      fc.array(value, { minLength: Object.keys(base).length, maxLength: Object.keys(base).length }),
      fc.array(fc.tuple(keyText, value), { maxLength: 3 }),
    )
    .map(([replaced, values, extra]) => {
      const data = new FormData();
      data.set("$ACTION_ID_abc", "");
      Object.entries(base).forEach(([k, v], i) => data.set(k, replaced.includes(k) ? values[i] : v));
      for (const [k, v] of extra) data.append(k, v);
      return data;
    });
}

/** Runs an action: its state, or null when it redirected (a success). Anything else thrown fails the property. */
async function submit(action: Action, data: FormData): Promise<FormState | null> {
  try {
    return await action(initialFormState, data);
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT")) return null;
    throw error;
  }
}

const eventForm = {
  title: "Hostile form",
  platform: "X Spaces",
  timeZone: "America/New_York",
  scheduledStart: "2024-08-12T20:00",
  status: "ended",
  version: "1",
};
const reportForm = { metric: "average_audience", value: "1000", sourceId: "1", note: "n", version: "1" };
const incidentForm = { kind: "dead_air", startOffsetMinutes: "1", durationMinutes: "2", version: "1" };
const claimForm = { statement: "It was a DDoS", claimantId: "1", status: "claimed", version: "1" };
const sourceForm = { name: "Hostile form outlet", kind: "newspaper", version: "1" };

const editorActions: [string, Action, Record<string, string>][] = [
  ["createEventAction", eventActions.createEventAction, eventForm],
  ["updateEventAction", (s, d) => eventActions.updateEventAction(SLUG, s, d), eventForm],
  ["deleteEventAction", (s, d) => eventActions.deleteEventAction("no-such-event", s, d), { version: "1" }],
  ["createReportAction", (s, d) => recordActions.createReportAction(SLUG, s, d), reportForm],
  ["updateReportAction", (s, d) => recordActions.updateReportAction(SLUG, 1, s, d), reportForm],
  ["deleteReportAction", (s, d) => recordActions.deleteReportAction(SLUG, 1, s, d), { version: "99" }],
  ["createIncidentAction", (s, d) => recordActions.createIncidentAction(SLUG, s, d), incidentForm],
  ["updateIncidentAction", (s, d) => recordActions.updateIncidentAction(SLUG, 1, s, d), incidentForm],
  ["deleteIncidentAction", (s, d) => recordActions.deleteIncidentAction(SLUG, 1, s, d), { version: "99" }],
  ["createClaimAction", (s, d) => recordActions.createClaimAction(SLUG, s, d), claimForm],
  ["updateClaimAction", (s, d) => recordActions.updateClaimAction(SLUG, 1, s, d), claimForm],
  ["deleteClaimAction", (s, d) => recordActions.deleteClaimAction(SLUG, 1, s, d), { version: "99" }],
  ["createSourceAction", recordActions.createSourceAction, sourceForm],
  ["updateSourceAction", (s, d) => recordActions.updateSourceAction(1, s, d), sourceForm],
  ["deleteSourceAction", (s, d) => recordActions.deleteSourceAction(1, s, d), { version: "99" }],
  ["signInAction", signInAction, { email: "nobody@example.org", password: "not the password at all", next: "/" }],
];

const adminOnly: [string, Action, Record<string, string>][] = [
  ["createUserAction", adminActions.createUserAction, { email: "new@example.org", role: "editor", password: "a long enough password" }],
  ["createTokenAction", adminActions.createTokenAction, { name: "hostile token", scope: "read" }],
  ["setRoleAction", (s, d) => adminActions.setRoleAction(999, s, d), { role: "admin" }],
  ["resetPasswordAction", (s, d) => adminActions.resetPasswordAction(999, s, d), {}],
  ["setDisabledAction", (s, d) => adminActions.setDisabledAction(999, true, s, d), {}],
  ["revokeSessionsAction", (s, d) => adminActions.revokeSessionsAction(999, s, d), {}],
  ["revokeTokenAction", (s, d) => adminActions.revokeTokenAction(999, s, d), {}],
];

function checkAction(name: string, action: Action, base: Record<string, string>) {
  return fc.assert(
    fc.asyncProperty(formFor(base), async (data) => {
      const before = await fingerprint();
      const state = await submit(action, data);
      const what = `${name} ${JSON.stringify([...data.entries()].map(([k, v]) => [k, String(v).slice(0, 80)]))}`;
      if (state === null || state.status === "success") return;
      expect(state.status, what).toBe("error");
      expect(state.message, what).not.toBe("");
      expect(await fingerprint(), what).toEqual(before);
    }),
    { numRuns: HASHING.has(name) ? HASHING_RUNS : RUNS },
  );
}

describe("every form action, given hostile submissions", { timeout: 300_000 }, () => {
  for (const [name, action, base] of editorActions) {
    it(`${name} answers a form error or succeeds, and a refusal changes nothing`, async () => {
      await signInAs("hostile-editor@example.org", "editor");
      await checkAction(name, action, base);
    });
  }
  for (const [name, action, base] of adminOnly) {
    it(`${name} (as an admin) answers a form error or succeeds, and a refusal changes nothing`, async () => {
      await signInAs("hostile-admin@example.org", "admin");
      await checkAction(name, action, base);
    });
  }

  it("the import page's request (a signed-in editor's cookie to /api/import) answers problem details for any text, and changes nothing when it refuses", async () => {
    const secret = await signInAs("hostile-editor@example.org", "editor");
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nearValidImport, nearValidImport, jsonText, deepText, brokenText),
        fc.constantFrom("application/json", "text/csv", "text/plain"),
        fc.boolean(),
        async (text, type, apply) => {
          const before = await fingerprint();
          const response = await importRoute.POST(
            new Request(`${BASE}/api/import${apply ? "" : "?preview=1"}`, {
              method: "POST",
              headers: { "Content-Type": type, Cookie: `${SESSION_COOKIE}=${secret}`, "Sec-Fetch-Site": "same-origin" },
              body: text,
            }),
          );
          expect(response.status === 200 || response.status === 400, `${response.status}: ${await response.clone().text()}`).toBe(true);
          if (response.status === 400) expect(((await response.json()) as { detail: string }).detail).not.toBe("");
          if (response.status !== 200 || !apply) expect(await fingerprint()).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---- What the properties found, kept as plain examples ------------------------------------------------------------

describe("inputs the properties found", () => {
  // The seeded records as they were (the properties above may delete some), and a write allowance not yet spent.
  withOwnDatabase({ seed: true, each: true });

  const post = (path: string, body: string, handler: Handler, p: Record<string, string> = {}) =>
    handler(new Request(`${BASE}${path}`, { method: "POST", headers: { ...writeAuth(), "Content-Type": "application/json" }, body }), {
      params: Promise.resolve(p),
    });

  it("refuses a time that falls outside the years 1900 to 2199 (Prisma cannot store year 10000), naming the field", async () => {
    const before = await fingerprint();
    const response = await post("/api/events", JSON.stringify({ ...eventBody, scheduledStart: "9999-12-31T23:59" }), eventsRoute.POST as Handler);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.scheduledStart).toEqual(["Scheduled start must be in the years 1900 to 2199."]);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses text holding an unpaired surrogate (which JSON can carry) with a message naming the field", async () => {
    const before = await fingerprint();
    const response = await post("/api/sources", '{"name":"Broken \\ud800 outlet"}', sourcesRoute.POST as Handler);
    expect(response.status).toBe(400);
    expect((await response.json()).errors.name).toEqual(["Name holds a broken character (an unpaired UTF-16 surrogate)."]);
    expect(await fingerprint()).toEqual(before);
  });

  it("imports a figure from a source that is in the database but not listed in the file", async () => {
    const doc = structuredClone(exportDocument) as { events: { reports: { source: string }[] }[]; sources: { name: string }[] };
    doc.sources = doc.sources.filter((s) => s.name !== "Financial Times");
    const response = await post("/api/import?preview=1", JSON.stringify(doc), importRoute.POST as Handler);
    expect(response.status).toBe(200);
    expect((await response.json()).summary.counts.source.create).toBe(0);
  });

  it("refuses a claim whose incident is not text, naming where it is", async () => {
    const doc = structuredClone(exportDocument) as { events: { claims: Record<string, unknown>[] }[] };
    doc.events[0].claims[0].incident = [{ toString: 0 }];
    const response = await post("/api/import", JSON.stringify(doc), importRoute.POST as Handler);
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).errors)).toContain("events[0].claims[0].incident");
  });
});
