// An import stores what its checks gave back: names, slugs and descriptions trimmed, matched as trimmed, each name
// capped and without control characters, or the whole file refused naming the JSON path or the CSV row and column.
import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/import/route";
import { getDb } from "@/lib/db";
import { csvRow } from "@/lib/export/csv";
import { CSV_COLUMNS } from "@/lib/export/serialise";
import { BASE, snapshotDb, writeRequest } from "./api-helpers";
import { withOwnDatabase } from "./own-database";

const importOf = (body: string, type = "application/json") =>
  importRoute(writeRequest(`${BASE}/api/import`, { method: "POST", headers: { "Content-Type": type }, body }));

const quote = { quote: null, quoteLang: null, quoteEnglish: null, reportedOn: null };

/** The file as the tests change it: records of the export, any field set to anything. */
type Doc = {
  format: string;
  version: number;
  events: (Record<string, unknown> & Record<"reports" | "incidents" | "claims", Record<string, unknown>[]>)[];
  sources: Record<string, unknown>[];
};

/** A file of one event with a figure, an incident and a claim with a stance, and the sources it lists. */
function file(change: (doc: Doc) => void = () => {}) {
  const doc: Doc = {
    format: "deadair.comparison",
    version: 1,
    events: [
      {
        slug: "\t stored-as-checked \n",
        title: "  Stored as checked  ",
        platform: " X Spaces ",
        hosts: " A, B ",
        guests: "",
        scheduledStart: " 2024-08-13T00:00:00.000Z ",
        scheduledPrecision: "minute",
        timeZone: " America/New_York ",
        actualStart: null,
        endedAt: null,
        status: "ended",
        notes: "  a note  ",
        reports: [
          { metric: "start_delay", value: 42, unit: "minutes", qualifier: "exact", source: "  Untrimmed Outlet  ", url: null, note: "", ...quote },
        ],
        incidents: [
          {
            kind: "crash",
            startOffsetMinutes: 5,
            durationMinutes: 1,
            qualifier: "exact",
            description: "  The stream crashed  ",
            source: " Financial Times ",
            ...quote,
          },
        ],
        claims: [
          {
            statement: "  It was a DDoS  ",
            claimant: "  Elon Musk ",
            status: "disputed",
            url: null,
            incident: "The stream crashed   ",
            stances: [{ source: "  The New York Times  ", stance: "disputes", url: null, ...quote }],
            ...quote,
          },
        ],
      },
    ],
    sources: [{ name: "  Untrimmed Outlet ", kind: "newspaper", leaning: "  none  ", homeUrl: " https://untrimmed.example.org " }],
  };
  change(doc);
  return JSON.stringify(doc);
}

describe("an import stores the checked values", () => {
  withOwnDatabase({ seed: true });

  it("stores names, slugs and descriptions trimmed, matches the records it names by them, and a second import changes nothing", async () => {
    const response = await importOf(file());
    expect(response.status, await response.clone().text()).toBe(200);
    const db = getDb();
    const event = await db.event.findUniqueOrThrow({ where: { slug: "stored-as-checked" } });
    expect([event.title, event.platform, event.hosts, event.notes, event.timeZone]).toEqual([
      "Stored as checked",
      "X Spaces",
      "A, B",
      "a note",
      "America/New_York",
    ]);

    const outlet = await db.source.findMany({ where: { name: { contains: "Untrimmed" } } });
    expect(outlet.map((s) => [s.name, s.leaning, s.homeUrl])).toEqual([["Untrimmed Outlet", "none", "https://untrimmed.example.org"]]);
    const report = await db.report.findFirstOrThrow({ where: { eventId: event.id }, include: { source: true } });
    expect(report.source.name).toBe("Untrimmed Outlet");

    // The sources the seed has are matched by the trimmed name, not created again.
    const incident = await db.incident.findFirstOrThrow({ where: { eventId: event.id }, include: { source: true } });
    expect([incident.description, incident.source?.name]).toEqual(["The stream crashed", "Financial Times"]);
    const claim = await db.claim.findFirstOrThrow({
      where: { eventId: event.id },
      include: { claimant: true, stances: { include: { source: true } } },
    });
    expect([claim.statement, claim.claimant.name, claim.incidentId]).toEqual(["It was a DDoS", "Elon Musk", incident.id]);
    expect(claim.stances.map((s) => s.source.name)).toEqual(["The New York Times"]);
    for (const name of ["Financial Times", "Elon Musk", "The New York Times"]) expect(await db.source.count({ where: { name } })).toBe(1);

    const before = await snapshotDb();
    const again = await importOf(file());
    expect((await again.json()).summary.changes).toEqual([]);
    expect(await snapshotDb()).toEqual(before);
  });
});

describe("an import refuses names over their cap and control characters, naming where they are", () => {
  withOwnDatabase({ seed: true });

  const long = (n: number) => "n".repeat(n);
  const stances = (d: Doc) => d.events[0].claims[0].stances as Record<string, unknown>[];
  const cases: [string, (doc: Doc) => void, string][] = [
    ["a figure's source of 201 characters", (d) => (d.events[0].reports[0].source = long(201)), "events[0].reports[0].source"],
    ["an incident's source of 201 characters", (d) => (d.events[0].incidents[0].source = long(201)), "events[0].incidents[0].source"],
    ["a claimant of 201 characters", (d) => (d.events[0].claims[0].claimant = long(201)), "events[0].claims[0].claimant"],
    ["a stance's source of 201 characters", (d) => (stances(d)[0].source = long(201)), "events[0].claims[0].stances[0].source"],
    ["a listed source's name of 201 characters", (d) => (d.sources[0].name = long(201)), "sources[0].name"],
    ["a title of 201 characters", (d) => (d.events[0].title = long(201)), "events[0].title"],
    ["a platform of 101 characters", (d) => (d.events[0].platform = long(101)), "events[0].platform"],
    ["a slug holding a NUL", (d) => (d.events[0].slug = "stored\u0000as-checked"), "events[0].slug"],
    ["a slug with a line break inside", (d) => (d.events[0].slug = "stored\nas-checked"), "events[0].slug"],
    ["a title holding a line break", (d) => (d.events[0].title = "Stored\nas checked"), "events[0].title"],
    ["a platform holding a C1 control (NEL)", (d) => (d.events[0].platform = "X\u0085Spaces"), "events[0].platform"],
    ["a figure's source holding a BEL", (d) => (d.events[0].reports[0].source = "Untrimmed\u0007Outlet"), "events[0].reports[0].source"],
    ["a claimant holding an escape sequence", (d) => (d.events[0].claims[0].claimant = "\u001b[31mElon Musk"), "events[0].claims[0].claimant"],
    ["a stance's source holding a DEL", (d) => (stances(d)[0].source = "The New York Times\u007f"), "events[0].claims[0].stances[0].source"],
    ["a listed source's name holding a tab", (d) => (d.sources[0].name = "Untrimmed\tOutlet"), "sources[0].name"],
    ["an incident's source holding a NUL", (d) => (d.events[0].incidents[0].source = "Financial\u0000Times"), "events[0].incidents[0].source"],
    [
      "a note holding a NUL (text keeps tabs and line breaks only)",
      (d) => (d.events[0].reports[0].note = "line one\nline\u0000two"),
      "events[0].reports[0].note",
    ],
    ["a claim's incident of 2,001 characters", (d) => (d.events[0].claims[0].incident = long(2001)), "events[0].claims[0].incident"],
    [
      "two stances of one source, the same once trimmed",
      (d) => stances(d).push({ source: "The New York Times  ", stance: "confirms", url: null, ...quote }),
      "events[0].claims[0].stances[1].source",
    ],
  ];

  for (const [what, change, where] of cases) {
    it(`refuses ${what}, naming ${where}, and changes nothing`, async () => {
      const before = await snapshotDb();
      const response = await importOf(file(change));
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(body.errors), JSON.stringify(body.errors)).toContain(where);
      expect(await snapshotDb()).toEqual(before);
    });
  }
});

describe("a CSV import stores the checked values", () => {
  withOwnDatabase({ seed: true });

  const row = (values: Partial<Record<(typeof CSV_COLUMNS)[number], string>>) =>
    csvRow(
      CSV_COLUMNS.map(
        (c) => values[c] ?? { unit: "minutes", qualifier: "exact", derived: "no", event_time_zone: "UTC", event_status: "ended" }[c as string] ?? "",
      ),
    );
  const csv = (...rows: Partial<Record<(typeof CSV_COLUMNS)[number], string>>[]) => csvRow(CSV_COLUMNS) + rows.map(row).join("");
  const figure = {
    event_slug: " csv-stored ",
    event_title: " CSV stored ",
    event_platform: "X Spaces",
    metric: "start_delay",
    value: "5",
    source: " Untrimmed CSV Outlet ",
    source_url: " https://csv.example.org ",
  };

  it("groups rows by the trimmed slug, lists a source once by its trimmed name, and stores both trimmed", async () => {
    const response = await importOf(
      csv(figure, { ...figure, event_slug: "csv-stored", metric: "silence_before_failure", source: "Untrimmed CSV Outlet" }),
      "text/csv",
    );
    expect(response.status, await response.clone().text()).toBe(200);
    const db = getDb();
    const event = await db.event.findUniqueOrThrow({
      where: { slug: "csv-stored" },
      include: { reports: { include: { source: true }, orderBy: { id: "asc" } } },
    });
    expect(event.title).toBe("CSV stored");
    expect(event.reports.map((r) => [r.metric, r.source.name])).toEqual([
      ["start_delay", "Untrimmed CSV Outlet"],
      ["silence_before_failure", "Untrimmed CSV Outlet"],
    ]);
    expect((await db.source.findMany({ where: { name: { contains: "CSV Outlet" } } })).map((s) => [s.name, s.homeUrl])).toEqual([
      ["Untrimmed CSV Outlet", "https://csv.example.org"],
    ]);
  });

  it("refuses over-long names, control characters and a derived column that is neither yes nor no, naming the row and column", async () => {
    const refusals: [Partial<Record<(typeof CSV_COLUMNS)[number], string>>, string][] = [
      [{ source: "n".repeat(201) }, "row 2.source"],
      [{ source: "Bad\u0007Outlet" }, "row 2.source"],
      [{ event_title: "t".repeat(201) }, "row 2.event_title"],
      [{ event_platform: "X\u0000Spaces" }, "row 2.event_platform"],
      [{ event_slug: "csv\u0001stored" }, "row 2.event_slug"],
      [{ source_url: "https://csv.example.org/\u0000" }, "row 2.source_url"],
      [{ derived: "maybe" }, "row 2.derived"],
    ];
    for (const [change, where] of refusals) {
      const before = await snapshotDb();
      const response = await importOf(csv({ ...figure, event_slug: "csv-refused", ...change }), "text/csv");
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(body.errors), JSON.stringify(body.errors)).toContain(where);
      expect(await snapshotDb()).toEqual(before);
    }
  });
});
