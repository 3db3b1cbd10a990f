// The events JSON API as a caller sees it: /api/events and /api/events/[slug], called through the route handlers
// against a real SQLite file. Every refusal is checked to be a problem detail that left the database untouched.
import { beforeAll, describe, expect, it } from "vitest";
import * as eventRoute from "@/app/api/events/[slug]/route";
import * as claimsRoute from "@/app/api/events/[slug]/claims/route";
import * as incidentsRoute from "@/app/api/events/[slug]/incidents/route";
import * as reportsRoute from "@/app/api/events/[slug]/reports/route";
import * as eventsRoute from "@/app/api/events/route";
import { seedDatabase } from "@/lib/data/seed";
import { getDb, write } from "@/lib/db";

import { BASE, writeRequest, expectRefused, getRequest, jsonRequest, params } from "./api-helpers";
import { withOwnDatabase } from "./own-database";

const MUSK = "musk-trump-x-spaces-2024";
const DESANTIS = "desantis-twitter-spaces-2023";

function postEvent(body: unknown) {
  return eventsRoute.POST(jsonRequest("POST", "/api/events", body));
}
function patchEvent(slug: string, body: unknown) {
  return eventRoute.PATCH(jsonRequest("PATCH", `/api/events/${slug}`, body), params({ slug }));
}
function newEvent(overrides: Record<string, unknown> = {}) {
  return { title: "A test broadcast", platform: "YouTube Live", timeZone: "UTC", ...overrides };
}
async function createEvent(overrides: Record<string, unknown> = {}) {
  const response = await postEvent(newEvent(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

beforeAll(async () => {
  await seedDatabase();
});

// ---------------------------------------------------------------------------------------------------------------

describe("GET /api/events", () => {
  it("lists the events as { items, nextCursor }", async () => {
    const response = await eventsRoute.GET(getRequest("/api/events"));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["items", "nextCursor"]);
    expect(body.items.map((e: { slug: string }) => e.slug)).toEqual(expect.arrayContaining([MUSK, DESANTIS]));
    expect(body.nextCursor).toBeNull();
  });

  it.each(["abc", "0", "-1", "1.5"])("refuses ?limit=%s naming limit", async (limit) => {
    await expectRefused(() => eventsRoute.GET(getRequest(`/api/events?limit=${limit}`)), 400, ["limit"]);
  });

  it("refuses a cursor that is not a previous nextCursor, naming cursor", async () => {
    await expectRefused(() => eventsRoute.GET(getRequest("/api/events?cursor=abc")), 400, ["cursor"]);
  });
});

describe("GET /api/events/[slug]", () => {
  it("gives the event with its reports, incidents and claims", async () => {
    const response = await eventRoute.GET(getRequest(`/api/events/${MUSK}`), params({ slug: MUSK }));
    expect(response.status).toBe(200);
    const event = await response.json();
    expect(event).toMatchObject({ slug: MUSK, title: "Elon Musk interviews Donald Trump on X Spaces", timeZone: "America/New_York" });
    expect(event.scheduledStart).toBe("2024-08-13T00:00:00.000Z");
    expect(event.reports.length).toBeGreaterThan(0);
    expect(event.incidents.length).toBeGreaterThan(0);
    expect(event.claims.length).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown slug", async () => {
    const problem = await expectRefused(() => eventRoute.GET(getRequest("/api/events/no-such-event"), params({ slug: "no-such-event" })), 404);
    expect(problem.detail).toContain("no-such-event");
  });
});

describe("POST /api/events", () => {
  it("creates the event, answers 201 with its Location, and logs a create revision", async () => {
    const response = await postEvent(
      newEvent({ title: "Launch stream", slug: "launch-stream", hosts: "Ada, Grace", notes: "First try", status: "scheduled" }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/api/events/launch-stream");
    const event = await response.json();
    expect(event).toMatchObject({
      slug: "launch-stream",
      title: "Launch stream",
      hosts: "Ada, Grace",
      notes: "First try",
      status: "scheduled",
      version: 1,
    });

    const stored = await getDb().event.findUniqueOrThrow({ where: { slug: "launch-stream" } });
    expect(stored.id).toBe(event.id);
    const revisions = await getDb().revision.findMany({ where: { entity: "event", entityId: event.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ action: "create", eventId: event.id, field: null, before: null });
    expect(JSON.parse(revisions[0].after!)).toMatchObject({ title: "Launch stream", slug: "launch-stream" });
  });

  it("reads a local time in the event's zone: 20:00 on 2024-08-12 in New York is 00:00 UTC the next day", async () => {
    const event = await createEvent({ title: "New York evening", timeZone: "America/New_York", scheduledStart: "2024-08-12T20:00" });
    expect(event.scheduledStart).toBe("2024-08-13T00:00:00.000Z");
    const stored = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.scheduledStart?.toISOString()).toBe("2024-08-13T00:00:00.000Z");
    expect(stored.timeZone).toBe("America/New_York");
  });

  it("refuses a local time inside a daylight-saving gap, saying the clocks moved forward", async () => {
    const problem = await expectRefused(
      () => postEvent(newEvent({ title: "In the gap", timeZone: "America/New_York", scheduledStart: "2024-03-10T02:30" })),
      400,
      ["scheduledStart"],
    );
    expect(problem.errors.scheduledStart.join(" ")).toMatch(/clocks moved forward/);
  });

  describe("slugs", () => {
    it("derives a URL-safe slug from the title when none is given", async () => {
      const event = await createEvent({ title: "Café Talk: Live & Loud!" });
      expect(event.slug).toBe("cafe-talk-live-loud");
    });

    it("adds -2, then -3, when the derived slug is taken", async () => {
      const first = await createEvent({ title: "Weekly Town Hall" });
      const second = await createEvent({ title: "Weekly Town Hall" });
      const third = await createEvent({ title: "Weekly town hall" });
      expect([first.slug, second.slug, third.slug]).toEqual(["weekly-town-hall", "weekly-town-hall-2", "weekly-town-hall-3"]);
    });

    it("refuses an explicit slug that is not URL-safe, naming slug", async () => {
      await expectRefused(() => postEvent(newEvent({ slug: "Bad Slug!" })), 400, ["slug"]);
    });

    it("refuses a slug another event has with 409, naming slug", async () => {
      const problem = await expectRefused(() => postEvent(newEvent({ slug: MUSK })), 409, ["slug"]);
      expect(problem.title).toBe("Conflict");
    });
  });

  describe("refuses bad input with 400, naming the field", () => {
    it("a missing title", async () => {
      const { title: _title, ...noTitle } = newEvent();
      await expectRefused(() => postEvent(noTitle), 400, ["title"]);
    });

    it("a blank title", async () => {
      await expectRefused(() => postEvent(newEvent({ title: "   " })), 400, ["title"]);
    });

    it("a title over 200 characters (200 are fine)", async () => {
      await expectRefused(() => postEvent(newEvent({ title: "t".repeat(201) })), 400, ["title"]);
      const event = await createEvent({ title: "t".repeat(200) });
      expect(event.title).toHaveLength(200);
    });

    it("an end that is not after the start", async () => {
      await expectRefused(() => postEvent(newEvent({ scheduledStart: "2024-08-12T20:00", endedAt: "2024-08-12T19:00" })), 400, ["endedAt"]);
      await expectRefused(() => postEvent(newEvent({ scheduledStart: "2024-08-12T20:00", endedAt: "2024-08-12T20:00" })), 400, ["endedAt"]);
      await expectRefused(
        () => postEvent(newEvent({ scheduledStart: "2024-08-12T20:00", actualStart: "2024-08-12T20:42", endedAt: "2024-08-12T20:30" })),
        400,
        ["endedAt"],
      );
      const event = await createEvent({ title: "Ends later", scheduledStart: "2024-08-12T20:00", endedAt: "2024-08-12T22:00" });
      expect(event.endedAt).toBe("2024-08-12T22:00:00.000Z");
    });

    it("an unknown time zone and an unknown status", async () => {
      await expectRefused(() => postEvent(newEvent({ timeZone: "Mars/Olympus_Mons", status: "exploded" })), 400, ["timeZone", "status"]);
    });

    it("a field that is not part of the input", async () => {
      await expectRefused(() => postEvent(newEvent({ viewers: 12, id: 1 })), 400, ["viewers", "id"]);
    });

    // Names that plain JavaScript objects already carry must be reported like any other unknown field.
    it.each(["constructor", "toString", "__proto__"])("an unknown field named %s", async (field) => {
      const body = `{"title":"Odd field","platform":"Twitch","timeZone":"UTC","${field}":"x"}`;
      const request = writeRequest(`${BASE}/api/events`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      await expectRefused(() => eventsRoute.POST(request), 400, [field]);
    });

    it.each([
      ["a number as title", { title: 42 }],
      ["null as title", { title: null }],
      ["a list as platform", { platform: ["X"] }],
      ["an object as scheduled start", { scheduledStart: { at: "now" } }],
      ["a date that does not exist", { scheduledStart: "2024-02-30T20:00" }],
      ["a time that is not a time", { scheduledStart: "tomorrow evening" }],
    ])("%s, never a 500", async (_label, overrides) => {
      await expectRefused(() => postEvent(newEvent(overrides)), 400, Object.keys(overrides));
    });
  });

  describe("refuses a body it cannot read", () => {
    it("415 for a body that is not JSON", async () => {
      const request = writeRequest(`${BASE}/api/events`, {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify(newEvent()),
      });
      const problem = await expectRefused(() => eventsRoute.POST(request), 415);
      expect(problem.detail).toMatch(/JSON/);
    });

    it("413 for a body over 1 MB", async () => {
      await expectRefused(() => postEvent(newEvent({ title: "Too long", notes: "n".repeat(1024 * 1024 + 1) })), 413);
    });

    it("400 for JSON that does not parse, or that is not an object", async () => {
      const broken = writeRequest(`${BASE}/api/events`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"title": ' });
      await expectRefused(() => eventsRoute.POST(broken), 400);
      await expectRefused(() => postEvent([newEvent()]), 400);
      await expectRefused(() => postEvent(null), 400);
    });
  });
});

describe("PATCH /api/events/[slug]", () => {
  it("merges the fields sent over the record, bumps the version and logs each changed field", async () => {
    const created = await createEvent({
      title: "Patch me",
      slug: "patch-me",
      platform: "Twitch",
      hosts: "Host A",
      timeZone: "America/New_York",
      scheduledStart: "2024-08-12T20:00",
      notes: "before",
    });

    const response = await patchEvent("patch-me", { notes: "x", version: 1 });
    expect(response.status).toBe(200);
    const updated = await response.json();
    expect(updated).toMatchObject({
      slug: "patch-me",
      title: "Patch me",
      platform: "Twitch",
      hosts: "Host A",
      timeZone: "America/New_York",
      scheduledStart: "2024-08-13T00:00:00.000Z",
      notes: "x",
      version: 2,
    });

    const revisions = await getDb().revision.findMany({ where: { entity: "event", entityId: created.id, action: "update" } });
    expect(revisions.map(({ field, before, after }) => ({ field, before, after }))).toEqual([{ field: "notes", before: '"before"', after: '"x"' }]);
  });

  it("refuses a stale version with 409 and the newer values in `current`", async () => {
    await createEvent({ title: "Edited twice", slug: "edited-twice", notes: "original" });
    expect((await patchEvent("edited-twice", { notes: "first edit", version: 1 })).status).toBe(200);

    const problem = await expectRefused(() => patchEvent("edited-twice", { notes: "second edit", version: 1 }), 409);
    expect(problem.current).toMatchObject({ slug: "edited-twice", notes: "first edit", version: 2 });
    const stored = await getDb().event.findUniqueOrThrow({ where: { slug: "edited-twice" } });
    expect(stored).toMatchObject({ notes: "first edit", version: 2 });
  });

  it("renames the slug when asked, and refuses a slug another event has with 409", async () => {
    await createEvent({ title: "Renamed", slug: "old-name" });
    const renamed = await patchEvent("old-name", { slug: "new-name", version: 1 });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).slug).toBe("new-name");

    await expectRefused(() => patchEvent("new-name", { slug: MUSK, version: 2 }), 409, ["slug"]);
  });

  it("refuses bad input naming the field, and the record stays as it was", async () => {
    await createEvent({ title: "Guarded", slug: "guarded", scheduledStart: "2024-08-12T20:00" });
    await expectRefused(() => patchEvent("guarded", { title: "", version: 1 }), 400, ["title"]);
    await expectRefused(() => patchEvent("guarded", { title: "u".repeat(201), version: 1 }), 400, ["title"]);
    await expectRefused(() => patchEvent("guarded", { slug: "Bad Slug!", version: 1 }), 400, ["slug"]);
    await expectRefused(() => patchEvent("guarded", { endedAt: "2024-08-12T19:59", version: 1 }), 400, ["endedAt"]);
    await expectRefused(() => patchEvent("guarded", { popularity: "high", version: 1 }), 400, ["popularity"]);
    await expectRefused(() => patchEvent("guarded", { timeZone: "America/New_York", scheduledStart: "2024-03-10T02:30", version: 1 }), 400, [
      "scheduledStart",
    ]);
  });

  it("refuses an unknown field named constructor like any other unknown field", async () => {
    await createEvent({ title: "Odd patch", slug: "odd-patch" });
    await expectRefused(() => patchEvent("odd-patch", { constructor: "x", version: 1 }), 400, ["constructor"]);
  });

  it("refuses an update without the version it was read at, naming version", async () => {
    await createEvent({ title: "Versionless", slug: "versionless" });
    await expectRefused(() => patchEvent("versionless", { notes: "no version" }), 400, ["version"]);
  });

  it("answers 404 for an unknown slug, 415 for a body that is not JSON and 413 for one over 1 MB", async () => {
    await expectRefused(() => patchEvent("no-such-event", { notes: "x", version: 1 }), 404);
    const text = writeRequest(`${BASE}/api/events/${MUSK}`, {
      method: "PATCH",
      headers: { "Content-Type": "text/plain" },
      body: '{"notes":"x","version":1}',
    });
    await expectRefused(() => eventRoute.PATCH(text, params({ slug: MUSK })), 415);
    await expectRefused(() => patchEvent(MUSK, { notes: "n".repeat(1024 * 1024 + 1), version: 1 }), 413);
  });
});

describe("a time the event's clocks show twice (the hour they go back)", () => {
  const night = { platform: "Twitch", timeZone: "America/New_York", scheduledStart: "2024-11-03T01:30" };

  it("is refused when sent as a wall clock alone, naming the field and both instants", async () => {
    const problem = await expectRefused(() => postEvent(newEvent({ ...night, title: "Twice, refused" })), 400, ["scheduledStart"]);
    expect(problem.errors.scheduledStart).toEqual([
      "Scheduled start: 01:30 on 3 November 2024 happens twice in America/New_York (clocks go back): choose the first (EDT, UTC\u22124) or the second (EST, UTC\u22125).",
    ]);
  });

  it.each([
    ["with its fold", { scheduledStartFold: "later" }, "2024-11-03T06:30:00.000Z"],
    ["with its offset", { scheduledStart: "2024-11-03T01:30-05:00" }, "2024-11-03T06:30:00.000Z"],
    ["as an instant in UTC", { scheduledStart: "2024-11-03T05:30:00Z" }, "2024-11-03T05:30:00.000Z"],
  ])("is taken %s, and the fold is not stored", async (how, given, instant) => {
    const created = await createEvent({ ...night, title: `Twice, ${how}`, ...given });
    expect(created.scheduledStart).toBe(instant);
    expect(created).not.toHaveProperty("scheduledStartFold");
  });

  it("is taken in a PATCH with its fold, and a PATCH of another field leaves the stored instant as it is", async () => {
    const created = await createEvent({ ...night, title: "Twice, patched", scheduledStart: "2024-11-03T05:30:00Z" });
    await expectRefused(() => patchEvent(created.slug, { actualStart: "2024-11-03T01:10", version: 1 }), 400, ["actualStart"]);
    const response = await patchEvent(created.slug, { actualStart: "2024-11-03T01:10", actualStartFold: "later", version: 1 });
    expect(response.status).toBe(200);
    const patched = await response.json();
    expect([patched.scheduledStart, patched.actualStart]).toEqual(["2024-11-03T05:30:00.000Z", "2024-11-03T06:10:00.000Z"]);
    const again = await (await patchEvent(created.slug, { notes: "40 minutes late", version: 2 })).json();
    expect([again.scheduledStart, again.actualStart]).toEqual(["2024-11-03T05:30:00.000Z", "2024-11-03T06:10:00.000Z"]);
  });
});

describe("an event's time zone", () => {
  it("is taken by its old name or its current one, and kept by the current one", async () => {
    const old = await createEvent({ title: "Kyiv, old name", timeZone: "Europe/Kiev", scheduledStart: "2024-07-01T20:00" });
    const current = await createEvent({ title: "Kyiv, current name", timeZone: "Europe/Kyiv", scheduledStart: "2024-07-01T20:00" });
    expect([old.timeZone, current.timeZone]).toEqual(["Europe/Kyiv", "Europe/Kyiv"]);
    expect(old.scheduledStart).toBe("2024-07-01T17:00:00.000Z");
    expect(current.scheduledStart).toBe(old.scheduledStart);
  });
});

describe("DELETE /api/events/[slug]", () => {
  // The seeded event it deletes is read by the other tests: each test here has a seeded database of its own.
  withOwnDatabase({ seed: true, each: true });

  it("removes the event with its incidents, reports and claims, logging a delete revision for each", async () => {
    const db = getDb();
    const event = await db.event.findUniqueOrThrow({ where: { slug: MUSK }, include: { reports: true, incidents: true, claims: true } });
    expect(event.reports.length).toBeGreaterThan(0);
    expect(event.incidents.length).toBeGreaterThan(0);
    expect(event.claims.length).toBeGreaterThan(0);
    const otherBefore = await db.event.findUniqueOrThrow({ where: { slug: DESANTIS }, include: { reports: true, incidents: true, claims: true } });

    const response = await eventRoute.DELETE(writeRequest(`${BASE}/api/events/${MUSK}`, { method: "DELETE" }), params({ slug: MUSK }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");

    expect(await db.event.count({ where: { id: event.id } })).toBe(0);
    expect(await db.report.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.incident.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.claim.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.claimSource.count({ where: { claimId: { in: event.claims.map((c) => c.id) } } })).toBe(0);

    const deletions = await db.revision.findMany({ where: { eventId: event.id, action: "delete" } });
    const logged = (entity: string) =>
      deletions
        .filter((r) => r.entity === entity)
        .map((r) => r.entityId)
        .sort((a, b) => a - b);
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
    expect(logged("event")).toEqual([event.id]);
    expect(logged("report")).toEqual(ids(event.reports));
    expect(logged("incident")).toEqual(ids(event.incidents));
    expect(logged("claim")).toEqual(ids(event.claims));
    const eventRow = deletions.find((r) => r.entity === "event")!;
    expect(eventRow.after).toBeNull();
    expect(JSON.parse(eventRow.before!)).toMatchObject({ slug: MUSK, title: event.title });

    // The other event is untouched, and the slug names nothing any more.
    const otherAfter = await db.event.findUniqueOrThrow({ where: { slug: DESANTIS }, include: { reports: true, incidents: true, claims: true } });
    expect(otherAfter).toEqual(otherBefore);
    await expectRefused(() => eventRoute.GET(getRequest(`/api/events/${MUSK}`), params({ slug: MUSK })), 404);
    for (const list of [reportsRoute, incidentsRoute, claimsRoute]) {
      await expectRefused(() => list.GET(getRequest(`/api/events/${MUSK}/x`), params({ slug: MUSK })), 404);
    }
  });

  it("answers 404 for an unknown slug", async () => {
    await expectRefused(() => eventRoute.DELETE(writeRequest(`${BASE}/api/events/nope`, { method: "DELETE" }), params({ slug: "nope" })), 404);
  });
});

describe("paging through /api/events", () => {
  // Its 230 events would push the other lists past one page.
  withOwnDatabase();
  beforeAll(async () => {
    await write((tx) =>
      tx.event.createMany({
        data: Array.from({ length: 230 }, (_, i) => ({ slug: `paged-${i}`, title: `Paged ${i}`, platform: "Twitch" })),
      }),
    );
  });

  it("returns at most 200 items however large ?limit= is", async () => {
    const body = await (await eventsRoute.GET(getRequest("/api/events?limit=1000"))).json();
    expect(body.items).toHaveLength(200);
    expect(body.nextCursor).toBe(body.items[199].id);
  });

  it("reaches every event exactly once by following nextCursor", async () => {
    const all = await getDb().event.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? "?limit=37" : `?limit=37&cursor=${cursor}`;
      const response = await eventsRoute.GET(getRequest(`/api/events${query}`));
      expect(response.status).toBe(200);
      const page: { items: { id: number }[]; nextCursor: number | null } = await response.json();
      expect(page.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);
    expect(seen).toEqual(all.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
