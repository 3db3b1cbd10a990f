// Sources and claims through the JSON API: /api/sources, /api/sources/[id], /api/events/[slug]/claims and
// /api/claims/[id], called through the route handlers against a real SQLite file.
import { beforeAll, describe, expect, it } from "vitest";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as eventClaimsRoute from "@/app/api/events/[slug]/claims/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";
import { seedDatabase } from "@/lib/data/seed";
import { getDb, write } from "@/lib/db";

import { BASE, writeRequest, expectRefused, getRequest, jsonRequest, params } from "./api-helpers";

const MUSK = "musk-trump-x-spaces-2024";
const DESANTIS = "desantis-twitter-spaces-2023";
const MUSK_TITLE = "Elon Musk interviews Donald Trump on X Spaces";

const postSource = (body: unknown) => sourcesRoute.POST(jsonRequest("POST", "/api/sources", body));
const patchSource = (id: number | string, body: unknown) =>
  sourceRoute.PATCH(jsonRequest("PATCH", `/api/sources/${id}`, body), params({ id: String(id) }));
const deleteSource = (id: number | string) =>
  sourceRoute.DELETE(writeRequest(`${BASE}/api/sources/${id}`, { method: "DELETE" }), params({ id: String(id) }));
const postClaim = (slug: string, body: unknown) => eventClaimsRoute.POST(jsonRequest("POST", `/api/events/${slug}/claims`, body), params({ slug }));
const patchClaim = (id: number | string, body: unknown) =>
  claimRoute.PATCH(jsonRequest("PATCH", `/api/claims/${id}`, body), params({ id: String(id) }));
const textRequest = (method: string, path: string, body: unknown) =>
  writeRequest(`${BASE}${path}`, { method, headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body) });

async function sourceId(name: string) {
  return (await getDb().source.findUniqueOrThrow({ where: { name } })).id;
}
async function revisionsOf(entity: string, entityId: number) {
  return getDb().revision.findMany({ where: { entity, entityId }, orderBy: { id: "asc" } });
}
const fieldChanges = (rows: { action: string; field: string | null; before: string | null; after: string | null }[]) =>
  rows.filter((r) => r.action === "update").map(({ field, before, after }) => ({ field, before, after }));

let seq = 0;
async function createSource(overrides: Record<string, unknown> = {}) {
  const response = await postSource({ name: `Test outlet ${++seq}`, ...overrides });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

let elon: number;
let nyt: number;
let ft: number;
let cnn: number;
let muskLateStart: number; // the Musk event's incident
let desantisCrash: number; // an incident of the other event

function aClaim(overrides: Record<string, unknown> = {}) {
  return {
    statement: "The servers were overloaded by the number of listeners.",
    quote: "too many people",
    claimantId: elon,
    status: "disputed",
    url: "https://example.com/claim",
    incidentId: muskLateStart,
    stances: [{ sourceId: nyt, stance: "disputes", quote: "No sign of it", url: "https://example.com/nyt" }],
    ...overrides,
  };
}
async function createClaim(overrides: Record<string, unknown> = {}) {
  const response = await postClaim(MUSK, aClaim(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

beforeAll(async () => {
  await seedDatabase();
  [elon, nyt, ft, cnn] = await Promise.all(["Elon Musk", "The New York Times", "Financial Times", "CNN"].map(sourceId));
  const db = getDb();
  muskLateStart = (await db.incident.findFirstOrThrow({ where: { event: { slug: MUSK }, kind: "late_start" } })).id;
  desantisCrash = (await db.incident.findFirstOrThrow({ where: { event: { slug: DESANTIS }, kind: "crash" } })).id;
});

// ---------------------------------------------------------------------------------------------------------------

describe("GET /api/sources", () => {
  it("lists the sources as { items, nextCursor }", async () => {
    const response = await sourcesRoute.GET(getRequest("/api/sources"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["items", "nextCursor"]);
    expect(body.items.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining(["Financial Times", "The New York Times", "CNN", "Los Angeles Times"]),
    );
  });

  it.each(["abc", "0", "ten"])("refuses ?limit=%s naming limit", async (limit) => {
    await expectRefused(() => sourcesRoute.GET(getRequest(`/api/sources?limit=${limit}`)), 400, ["limit"]);
  });
});

describe("POST /api/sources", () => {
  it("creates the source (kind newspaper unless told), answers 201 with its Location, and logs a create revision", async () => {
    const response = await postSource({ name: "The Guardian", leaning: "centre-left", homeUrl: "https://www.theguardian.com" });
    expect(response.status).toBe(201);
    const source = await response.json();
    expect(response.headers.get("location")).toBe(`/api/sources/${source.id}`);
    expect(source).toMatchObject({
      name: "The Guardian",
      kind: "newspaper",
      leaning: "centre-left",
      homeUrl: "https://www.theguardian.com",
      version: 1,
    });
    const revisions = await revisionsOf("source", source.id);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ action: "create", eventId: null, field: null, before: null });
    expect(JSON.parse(revisions[0].after!)).toMatchObject({ name: "The Guardian" });
  });

  it("refuses a name another source has with 409, naming name", async () => {
    await expectRefused(() => postSource({ name: "CNN" }), 409, ["name"]);
  });

  it.each([
    ["no name", { name: undefined }],
    ["a blank name", { name: "  " }],
    ["a name over 200 characters", { name: "n".repeat(201) }],
    ["an unknown kind", { kind: "blog" }],
    ["a javascript: home page", { homeUrl: "javascript:alert(1)" }],
    ["a field that is not part of the input", { country: "UK" }],
    ["an unknown field named like an object method", { hasOwnProperty: "yes" }],
  ])("refuses %s with 400 naming the field", async (_label, overrides) => {
    await expectRefused(() => postSource({ name: "Some outlet", ...overrides }), 400, Object.keys(overrides));
  });

  it("refuses a body that is not JSON with 415 and one over 1 MB with 413", async () => {
    await expectRefused(() => sourcesRoute.POST(textRequest("POST", "/api/sources", { name: "Plain text" })), 415);
    await expectRefused(() => postSource({ name: "Huge", leaning: "l".repeat(1024 * 1024 + 1) }), 413);
  });
});

describe("GET, PATCH and DELETE /api/sources/[id]", () => {
  it("gives the source", async () => {
    const response = await sourceRoute.GET(getRequest(`/api/sources/${ft}`), params({ id: String(ft) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: ft, name: "Financial Times", homeUrl: "https://www.ft.com" });
  });

  it.each(["abc", "0", "-3", "4.2", "999999"])("answers 404 for the id %s", async (id) => {
    await expectRefused(() => sourceRoute.GET(getRequest(`/api/sources/${id}`), params({ id })), 404);
    await expectRefused(() => patchSource(id, { leaning: "x", version: 1 }), 404);
    await expectRefused(() => deleteSource(id), 404);
  });

  it("merges a PATCH over the source, bumps the version and logs the changed field", async () => {
    const source = await createSource({ kind: "broadcaster", homeUrl: "https://example.com" });
    const response = await patchSource(source.id, { leaning: "centrist", version: 1 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: source.name,
      kind: "broadcaster",
      homeUrl: "https://example.com",
      leaning: "centrist",
      version: 2,
    });
    expect(fieldChanges(await revisionsOf("source", source.id))).toEqual([{ field: "leaning", before: null, after: '"centrist"' }]);
  });

  it("refuses a stale version with 409 and the newer values in `current`", async () => {
    const source = await createSource();
    expect((await patchSource(source.id, { leaning: "first", version: 1 })).status).toBe(200);
    const problem = await expectRefused(() => patchSource(source.id, { leaning: "second", version: 1 }), 409);
    expect(problem.current).toMatchObject({ leaning: "first", version: 2 });
  });

  it("refuses a rename to a name another source has (409) and bad input (400), naming the field", async () => {
    const source = await createSource();
    await expectRefused(() => patchSource(source.id, { name: "CNN", version: 1 }), 409, ["name"]);
    await expectRefused(() => patchSource(source.id, { homeUrl: "javascript:alert(1)", version: 1 }), 400, ["homeUrl"]);
    await expectRefused(() => patchSource(source.id, { name: "", version: 1 }), 400, ["name"]);
    await expectRefused(() => patchSource(source.id, { reach: 10, version: 1 }), 400, ["reach"]);
    await expectRefused(() => patchSource(source.id, { leaning: "no version" }), 400, ["version"]);
  });

  describe("a source still cited cannot be deleted", () => {
    it("refuses with 409 naming the event where it reports a figure", async () => {
      const problem = await expectRefused(() => deleteSource(ft), 409);
      expect(problem.detail).toContain("Financial Times");
      expect(problem.detail).toContain(MUSK_TITLE);
    });

    it("refuses with 409 when it only takes a stance on a claim, naming the claim", async () => {
      const problem = await expectRefused(() => deleteSource(nyt), 409);
      expect(problem.detail).toContain("The late start was caused by a distributed denial-of-service (DDoS) attack on X.");
      expect(problem.detail).toContain(MUSK_TITLE);
    });

    it("refuses with 409 when it only made a claim", async () => {
      const fox = await sourceId("Fox News");
      const problem = await expectRefused(() => deleteSource(fox), 409);
      expect(problem.detail).toContain("A relaxed interview.");
    });
  });

  it("deletes a source cited nowhere (204), logs a delete revision, and the id names nothing afterwards", async () => {
    const source = await createSource({ leaning: "none" });
    const response = await deleteSource(source.id);
    expect(response.status).toBe(204);
    expect(await getDb().source.count({ where: { id: source.id } })).toBe(0);
    const deletion = (await revisionsOf("source", source.id)).find((r) => r.action === "delete");
    expect(deletion).toMatchObject({ eventId: null, after: null });
    expect(JSON.parse(deletion!.before!)).toMatchObject({ name: source.name, leaning: "none" });
    await expectRefused(() => sourceRoute.GET(getRequest(`/api/sources/${source.id}`), params({ id: String(source.id) })), 404);
  });
});

describe("GET /api/events/[slug]/claims", () => {
  it("lists the event's claims with their claimant and stances", async () => {
    const response = await eventClaimsRoute.GET(getRequest(`/api/events/${MUSK}/claims`), params({ slug: MUSK }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.nextCursor).toBeNull();
    const ddos = body.items.find((c: { statement: string }) => c.statement.includes("DDoS"));
    expect(ddos).toMatchObject({
      status: "disputed",
      claimant: { id: elon, name: "Elon Musk" },
      stances: [expect.objectContaining({ stance: "disputes", source: { id: nyt, name: "The New York Times" } })],
    });
  });

  it("answers 404 for an unknown event and 400 naming limit for ?limit=abc", async () => {
    await expectRefused(() => eventClaimsRoute.GET(getRequest("/api/events/nope/claims"), params({ slug: "nope" })), 404);
    await expectRefused(() => eventClaimsRoute.GET(getRequest(`/api/events/${MUSK}/claims?limit=abc`), params({ slug: MUSK })), 400, ["limit"]);
  });
});

describe("POST /api/events/[slug]/claims", () => {
  it("records the claim with its stances, answers 201 with its Location, and logs a create revision", async () => {
    const response = await postClaim(MUSK, aClaim());
    expect(response.status).toBe(201);
    const claim = await response.json();
    expect(response.headers.get("location")).toBe(`/api/claims/${claim.id}`);
    expect(claim).toMatchObject({ claimantId: elon, status: "disputed", incidentId: muskLateStart, version: 1 });
    expect(claim.stances).toEqual([expect.objectContaining({ sourceId: nyt, stance: "disputes", quote: "No sign of it" })]);
    const revisions = await revisionsOf("claim", claim.id);
    expect(revisions.map((r) => r.action)).toEqual(["create"]);
    expect(JSON.parse(revisions[0].after!)).toMatchObject({ statement: aClaim().statement, stances: [{ sourceId: nyt, stance: "disputes" }] });
  });

  it("creates its claimant in place from newClaimantName", async () => {
    const claim = await createClaim({ claimantId: undefined, newClaimantName: "Linda Yaccarino", stances: [] });
    const claimant = await getDb().source.findUniqueOrThrow({ where: { name: "Linda Yaccarino" } });
    expect(claim.claimantId).toBe(claimant.id);
    expect((await revisionsOf("source", claimant.id)).map((r) => r.action)).toEqual(["create"]);
  });

  // The overrides are functions: the ids they use are known only once beforeAll has run.
  it.each<[string, () => Record<string, unknown>, string[]]>([
    ["no claimant", () => ({ claimantId: undefined }), ["claimantId"]],
    ["both a claimant and a new one", () => ({ newClaimantName: "Someone" }), ["newClaimantName"]],
    ["a claimant that does not exist", () => ({ claimantId: 999_999 }), ["claimantId"]],
    ["no statement", () => ({ statement: undefined }), ["statement"]],
    ["a statement over 1,000 characters", () => ({ statement: "s".repeat(1001) }), ["statement"]],
    ["an unknown status", () => ({ status: "rumoured" }), ["status"]],
    ["a javascript: URL", () => ({ url: "javascript:alert(1)" }), ["url"]],
    ["an incident of another event", () => ({ incidentId: desantisCrash }), ["incidentId"]],
    [
      "two stances from one source",
      () => ({
        stances: [
          { sourceId: nyt, stance: "disputes" },
          { sourceId: nyt, stance: "confirms" },
        ],
      }),
      ["stances.1.sourceId"],
    ],
    ["a stance from a source that does not exist", () => ({ stances: [{ sourceId: 999_999, stance: "confirms" }] }), ["stances.0.sourceId"]],
    ["an unknown stance", () => ({ stances: [{ sourceId: cnn, stance: "likes" }] }), ["stances.0.stance"]],
    ["a javascript: URL on a stance", () => ({ stances: [{ sourceId: cnn, stance: "confirms", url: "javascript:alert(1)" }] }), ["stances.0.url"]],
    ["an unknown field on a stance", () => ({ stances: [{ sourceId: cnn, stance: "confirms", weight: 2 }] }), ["stances.0.weight"]],
    ["stances that are not a list", () => ({ stances: "all of them" }), ["stances"]],
    ["a field that is not part of the input", () => ({ verdict: "true" }), ["verdict"]],
  ])("refuses %s with 400 naming the field", async (_label, overrides, fields) => {
    await expectRefused(() => postClaim(MUSK, aClaim(overrides())), 400, fields);
  });

  it("answers 404 for an unknown event, 415 for a body that is not JSON, 413 for one over 1 MB", async () => {
    await expectRefused(() => postClaim("nope", aClaim({ incidentId: null })), 404);
    await expectRefused(() => eventClaimsRoute.POST(textRequest("POST", `/api/events/${MUSK}/claims`, aClaim()), params({ slug: MUSK })), 415);
    await expectRefused(() => postClaim(MUSK, aClaim({ quote: "q".repeat(1024 * 1024 + 1) })), 413);
  });
});

describe("GET, PATCH and DELETE /api/claims/[id]", () => {
  it("gives the claim with its stances and event", async () => {
    const claim = await createClaim();
    const response = await claimRoute.GET(getRequest(`/api/claims/${claim.id}`), params({ id: String(claim.id) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: claim.id,
      statement: aClaim().statement,
      event: { slug: MUSK, title: MUSK_TITLE },
      stances: [expect.objectContaining({ sourceId: nyt, stance: "disputes" })],
    });
  });

  it.each(["abc", "0", "1.0", "999999"])("answers 404 for the id %s", async (id) => {
    await expectRefused(() => claimRoute.GET(getRequest(`/api/claims/${id}`), params({ id })), 404);
    await expectRefused(() => patchClaim(id, { status: "confirmed", version: 1 }), 404);
    await expectRefused(() => claimRoute.DELETE(writeRequest(`${BASE}/api/claims/${id}`, { method: "DELETE" }), params({ id })), 404);
  });

  it("merges a PATCH over the claim, keeping its stances, bumps the version and logs the changed field", async () => {
    const claim = await createClaim();
    const response = await patchClaim(claim.id, { status: "refuted", version: 1 });
    expect(response.status).toBe(200);
    const updated = await response.json();
    expect(updated).toMatchObject({
      statement: aClaim().statement,
      quote: "too many people",
      claimantId: elon,
      url: "https://example.com/claim",
      incidentId: muskLateStart,
      status: "refuted",
      version: 2,
    });
    expect(updated.stances).toEqual([
      expect.objectContaining({ sourceId: nyt, stance: "disputes", quote: "No sign of it", url: "https://example.com/nyt" }),
    ]);
    expect(fieldChanges(await revisionsOf("claim", claim.id))).toEqual([{ field: "status", before: '"disputed"', after: '"refuted"' }]);
  });

  it("replaces the stances when a PATCH sends them, and logs the change", async () => {
    const claim = await createClaim();
    const stances = [{ sourceId: cnn, stance: "refutes", quote: null, url: null }];
    const response = await patchClaim(claim.id, { stances, version: 1 });
    expect(response.status).toBe(200);
    expect((await response.json()).stances).toEqual([expect.objectContaining({ sourceId: cnn, stance: "refutes" })]);
    expect(await getDb().claimSource.findMany({ where: { claimId: claim.id } })).toEqual([expect.objectContaining({ sourceId: cnn })]);
    const changes = fieldChanges(await revisionsOf("claim", claim.id));
    expect(changes.map((c) => c.field)).toEqual(["stances"]);
    expect(JSON.parse(changes[0].after!)).toEqual(stances.map((s) => ({ ...s, quoteLang: null, quoteEnglish: null, reportedOn: null })));
  });

  it("refuses a stale version with 409 and the newer values in `current`", async () => {
    const claim = await createClaim();
    expect((await patchClaim(claim.id, { status: "confirmed", version: 1 })).status).toBe(200);
    const problem = await expectRefused(() => patchClaim(claim.id, { status: "refuted", version: 1 }), 409);
    expect(problem.current).toMatchObject({ status: "confirmed", version: 2 });
  });

  it("refuses bad input in a PATCH, naming the field", async () => {
    const claim = await createClaim();
    await expectRefused(() => patchClaim(claim.id, { status: "rumoured", version: 1 }), 400, ["status"]);
    await expectRefused(() => patchClaim(claim.id, { url: "javascript:alert(1)", version: 1 }), 400, ["url"]);
    await expectRefused(() => patchClaim(claim.id, { statement: "", version: 1 }), 400, ["statement"]);
    await expectRefused(() => patchClaim(claim.id, { incidentId: desantisCrash, version: 1 }), 400, ["incidentId"]);
    await expectRefused(() => patchClaim(claim.id, { eventId: 2, version: 1 }), 400, ["eventId"]);
    await expectRefused(() => patchClaim(claim.id, { status: "confirmed" }), 400, ["version"]);
    await expectRefused(
      () => claimRoute.PATCH(textRequest("PATCH", `/api/claims/${claim.id}`, { status: "confirmed", version: 1 }), params({ id: String(claim.id) })),
      415,
    );
  });

  it("deletes the claim and its stances (204), logging a delete revision", async () => {
    const claim = await createClaim();
    const response = await claimRoute.DELETE(writeRequest(`${BASE}/api/claims/${claim.id}`, { method: "DELETE" }), params({ id: String(claim.id) }));
    expect(response.status).toBe(204);
    expect(await getDb().claim.count({ where: { id: claim.id } })).toBe(0);
    expect(await getDb().claimSource.count({ where: { claimId: claim.id } })).toBe(0);
    const deletion = (await revisionsOf("claim", claim.id)).find((r) => r.action === "delete");
    expect(deletion).toMatchObject({ after: null });
    expect(JSON.parse(deletion!.before!)).toMatchObject({ statement: aClaim().statement, stances: [{ sourceId: nyt, stance: "disputes" }] });
  });
});

describe("paging through /api/sources", () => {
  beforeAll(async () => {
    await write((tx) => tx.source.createMany({ data: Array.from({ length: 215 }, (_, i) => ({ name: `Paged outlet ${i}` })) }));
  });

  it("returns at most 200 items however large ?limit= is", async () => {
    const body = await (await sourcesRoute.GET(getRequest("/api/sources?limit=500"))).json();
    expect(body.items).toHaveLength(200);
    expect(body.nextCursor).toBe(body.items[199].id);
  });

  it("reaches every source exactly once by following nextCursor", async () => {
    const all = await getDb().source.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const seen: number[] = [];
    let cursor: number | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query: string = cursor === null ? "?limit=23" : `?limit=23&cursor=${cursor}`;
      const page: { items: { id: number }[]; nextCursor: number | null } = await (await sourcesRoute.GET(getRequest(`/api/sources${query}`))).json();
      expect(page.items.length).toBeLessThanOrEqual(23);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(all.map((s) => s.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
