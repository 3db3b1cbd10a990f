// The search of events over the whole database (lib/data/event-search.ts), on a real SQLite file of its own: every
// word must match, in any of the searched fields, whatever its case and accents; % and _ are plain characters.
import { beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/events/route";
import { findPickerEvents } from "@/lib/actions/search";
import { createEvent } from "@/lib/data/event-writes";
import { searchEventList, searchEvents } from "@/lib/data/event-search";
import { write } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { parseSearch } from "@/lib/domain/search";
import { expectRefused, getRequest } from "./api-helpers";
import { withOwnDatabase } from "./own-database";

withOwnDatabase();

const ctx = { actor: systemActor("console") };
const FILLER = 150;

/** The slugs `searchEvents` finds for `q`, every page of them (newest first). */
async function slugsFor(q: string): Promise<string[]> {
  const first = await searchEvents({ q, pageSize: 500 });
  return first.items.map((e) => e.slug);
}

beforeAll(async () => {
  // 150 events in one write, newest first from 2025-06-01 back one day each: the ones searched for below come after them.
  await write(async (tx) => {
    for (let i = 0; i < FILLER; i++) {
      await tx.event.create({
        data: {
          slug: `filler-${i}`,
          title: `Weekly stream number ${i}`,
          platform: "YouTube Live",
          hosts: "Ana Host",
          scheduledStart: new Date(Date.UTC(2025, 5, 1) - i * 86_400_000),
        },
      });
    }
  });
  // Through the one write operation, as the forms and the API make them.
  const events = [
    {
      slug: "tyson-paul-netflix-2024",
      title: "Jake Paul vs. Mike Tyson",
      platform: "Netflix",
      hosts: "Mauro Ranallo",
      guests: "",
      scheduledStart: "2024-11-16T01:00Z",
    },
    {
      slug: "zoe-muller-concert",
      title: "Zoë Müller live at the Élysée",
      platform: "Twitch",
      hosts: "",
      guests: "Björk",
      scheduledStart: "2019-03-02T20:00Z",
    },
    { slug: "half-off-sale", title: "100% off_sale stream", platform: "Kick", hosts: "", guests: "", scheduledStart: "2018-01-01T12:00Z" },
    { slug: "hundred-off-sale", title: "100 off sale stream", platform: "Kick", hosts: "", guests: "", scheduledStart: "2018-01-02T12:00Z" },
    {
      slug: "undated-town-hall",
      title: "Town hall",
      platform: "X Spaces",
      hosts: "",
      guests: "Grace Hopper, Ada Lovelace",
      actualStart: "2012-05-05T18:00Z",
    },
    { slug: "no-date-at-all", title: "A stream with no date", platform: "X Spaces", hosts: "", guests: "" },
  ];
  for (const e of events) await createEvent({ ctx, input: { timeZone: "UTC", ...e } });
});

describe("searchEvents", () => {
  it("matches every word, in any field, whatever the case: title and platform", async () => {
    expect(await slugsFor("TYSON netflix")).toEqual(["tyson-paul-netflix-2024"]);
    expect(await slugsFor("tyson twitch")).toEqual([]);
  });

  it("matches the slug, the hosts and the guests", async () => {
    expect(await slugsFor("paul-netflix")).toEqual(["tyson-paul-netflix-2024"]);
    expect(await slugsFor("ranallo")).toEqual(["tyson-paul-netflix-2024"]);
    expect(await slugsFor("lovelace grace")).toEqual(["undated-town-hall"]);
  });

  it("matches without the accents, and with them, either way round", async () => {
    expect(await slugsFor("zoe muller elysee")).toEqual(["zoe-muller-concert"]);
    expect(await slugsFor("ZOË BJÖRK")).toEqual(["zoe-muller-concert"]);
    expect(await slugsFor("bjork")).toEqual(["zoe-muller-concert"]);
    // An accent typed where the record has none still finds it.
    expect(await slugsFor("Tysön")).toEqual(["tyson-paul-netflix-2024"]);
  });

  it("matches a 4-digit word to the year of the scheduled start, or of the actual start when none was scheduled", async () => {
    expect(await slugsFor("2019")).toEqual(["zoe-muller-concert"]);
    expect(await slugsFor("2012 town")).toEqual(["undated-town-hall"]);
    expect(await slugsFor("2025")).toHaveLength(FILLER);
    expect(await slugsFor("2024 paul")).toEqual(["tyson-paul-netflix-2024"]);
  });

  it("reads % and _ as themselves, not as wildcards", async () => {
    expect(await slugsFor("100%")).toEqual(["half-off-sale"]);
    expect(await slugsFor("off_sale")).toEqual(["half-off-sale"]);
    expect(await slugsFor("%")).toEqual(["half-off-sale"]);
    expect(await slugsFor("_")).toEqual(["half-off-sale"]);
    expect(await slugsFor("\\")).toEqual([]);
  });

  it("counts every match and pages beyond the first hundred, newest first", async () => {
    const first = await searchEvents({ q: "weekly stream", pageSize: 50 });
    expect({ total: first.total, pageCount: first.pageCount, page: first.page }).toEqual({ total: FILLER, pageCount: 3, page: 1 });
    expect(first.items[0].slug).toBe("filler-0");
    const third = await searchEvents({ q: "weekly stream", page: 3, pageSize: 50 });
    expect(third.items.map((e) => e.slug)).toEqual(Array.from({ length: 50 }, (_, i) => `filler-${100 + i}`));
    // A page past the last is the last.
    expect((await searchEvents({ q: "weekly stream", page: 99, pageSize: 50 })).page).toBe(3);
    // The event searched for is older than the first hundred listed, and found all the same.
    expect(await slugsFor("muller")).toEqual(["zoe-muller-concert"]);
    const all = await searchEvents({ q: "", pageSize: 100 });
    expect(all.total).toBe(FILLER + 6);
    expect(all.items.map((e) => e.slug)).not.toContain("zoe-muller-concert");
  });

  it("lists events with no date last", async () => {
    const found = await slugsFor("stream");
    expect(found.at(-1)).toBe("no-date-at-all");
    // With no words, the plain list (getEventPage) orders them the same way: both with no scheduled start, newest first.
    const all = await searchEvents({ q: "", pageSize: 1_000 });
    expect(all.items.slice(-2).map((e) => e.slug)).toEqual(["no-date-at-all", "undated-town-hall"]);
  });

  it("says what it searched, and that words past the limit were left out", async () => {
    const result = await searchEvents({ q: "  tyson   netflix " });
    expect(result.query).toBe("tyson netflix");
    expect(result.clipped).toBe(false);
    const long = await searchEvents({ q: "tyson a b c d e f g h i j" });
    expect(long.clipped).toBe(true);
    expect(long.total).toBe(0);
  });
});

describe("searchEventList (the API's list)", () => {
  it("pages the matches in id order by cursor, with the total", async () => {
    const terms = parseSearch("weekly");
    const first = await searchEventList(terms, 100, null);
    expect(first.total).toBe(FILLER);
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toBe(first.items[99].id);
    const second = await searchEventList(terms, 100, first.nextCursor);
    expect(second.items).toHaveLength(FILLER - 100);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0].id).toBeGreaterThan(first.items[99].id);
    expect(new Set([...first.items, ...second.items].map((e) => e.slug)).size).toBe(FILLER);
  });
});

describe("GET /api/events?q=", () => {
  async function list(query: string) {
    const response = await eventsRoute.GET(getRequest(`/api/events?${query}`));
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as { items: { id: number; slug: string; hosts: string }[]; nextCursor: number | null; total: number };
  }

  it("narrows the list to the matches, whole records, with their total", async () => {
    const body = await list(`q=${encodeURIComponent("Zoë müller")}`);
    expect(Object.keys(body).sort()).toEqual(["items", "nextCursor", "total"]);
    expect(body.total).toBe(1);
    expect(body.nextCursor).toBeNull();
    expect(body.items).toEqual([
      expect.objectContaining({ slug: "zoe-muller-concert", guests: "Björk", scheduledStart: "2019-03-02T20:00:00.000Z" }),
    ]);
  });

  it("keeps the cursor and limit of the list", async () => {
    const first = await list("q=weekly&limit=120");
    expect(first.items).toHaveLength(120);
    expect(first.total).toBe(FILLER);
    const second = await list(`q=weekly&limit=120&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.slug)).toHaveLength(FILLER - 120);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(FILLER);
  });

  it("answers an empty list for no match, and the whole list (without a total) for an empty q", async () => {
    expect(await list("q=nothing-is-called-this")).toEqual({ items: [], nextCursor: null, total: 0 });
    const whole = await list("q=%20&limit=200");
    expect(Object.keys(whole).sort()).toEqual(["items", "nextCursor"]);
    expect(whole.items).toHaveLength(FILLER + 6);
    // A query of separators alone (control characters) has no word to look for: every event, with its count (on
    // PostgreSQL it was a syntax error, found by the hostile-input property test).
    const separators = await list("q=%01%02&limit=200");
    expect(separators.items).toHaveLength(FILLER + 6);
    expect(separators.total).toBe(FILLER + 6);
  });

  it("refuses a search longer than a search takes, naming q, and a bad limit with it", async () => {
    await expectRefused(() => eventsRoute.GET(getRequest(`/api/events?q=${"x".repeat(201)}`)), 400, ["q"]);
    await expectRefused(() => eventsRoute.GET(getRequest("/api/events?q=a+b+c+d+e+f+g+h+i&limit=0")), 400, ["q", "limit"]);
  });
});

describe("findPickerEvents (the compare picker's search, a server action anyone may call)", () => {
  it("gives pages of 20 with the year each event started or was to start", async () => {
    expect(await findPickerEvents("town hall", 1)).toEqual({
      query: "town hall",
      items: [{ slug: "undated-town-hall", title: "Town hall", year: 2012 }],
      total: 1,
      page: 1,
      pageCount: 1,
    });
    const second = await findPickerEvents("weekly", 2);
    expect({ page: second.page, pageCount: second.pageCount, total: second.total }).toEqual({ page: 2, pageCount: 8, total: FILLER });
    expect(second.items.map((o) => o.slug)).toEqual(Array.from({ length: 20 }, (_, i) => `filler-${20 + i}`));
  });

  it("reads arguments that are not a string and a page number as no search, page 1", async () => {
    const found = await findPickerEvents({ toString: () => "tyson" }, "2");
    expect({ query: found.query, page: found.page, total: found.total }).toEqual({ query: "", page: 1, total: FILLER + 6 });
    expect((await findPickerEvents("weekly", Number.NaN)).page).toBe(1);
  });
});
