import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, write } from "@/lib/db";
import { logChanges } from "@/lib/data/revisions";
import { seedDatabase } from "@/lib/data/seed";
import { instantToLocal } from "@/lib/domain/time";
import { switchToNewDatabase, withOwnDatabase } from "./own-database";

/** The text of the French press review that every seeded quote is taken from, word for word. */
const REVIEW = fs.readFileSync(path.join(import.meta.dirname, "../../prisma/press-review-2024-08-13.fr.txt"), "utf8");
const REVIEW_DAY = "2024-08-13";

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

async function snapshot() {
  const db = getDb();
  return {
    events: await db.event.findMany({ orderBy: { id: "asc" } }),
    sources: await db.source.findMany({ orderBy: { id: "asc" } }),
    reports: await db.report.findMany({ orderBy: { id: "asc" } }),
    incidents: await db.incident.findMany({ orderBy: { id: "asc" } }),
    claims: await db.claim.findMany({ orderBy: { id: "asc" } }),
    stances: await db.claimSource.findMany({ orderBy: { id: "asc" } }),
    revisions: await db.revision.findMany({ orderBy: { id: "asc" } }),
  };
}

describe("seedDatabase on an empty database", () => {
  withOwnDatabase({ each: true });

  it("writes both reference events and the outlets, then changes nothing on a second run", async () => {
    expect(await seedDatabase()).toEqual({ eventsCreated: 2, sourcesCreated: 8, recordsFilled: 0 });
    const first = await snapshot();
    expect(first.events.map((e) => e.slug).sort()).toEqual(["desantis-twitter-spaces-2023", "musk-trump-x-spaces-2024"]);

    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0, recordsFilled: 0 });
    expect(await snapshot()).toEqual(first);
  });
});

describe("the seeded records", () => {
  // Each test reads a seeded database of its own, whatever ran before it.
  withOwnDatabase({ seed: true, each: true });

  it("keeps the 2024 start as 20:00 on 2024-08-12 in New York, and 42 minutes later as the actual start", async () => {
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: "musk-trump-x-spaces-2024" } });
    expect(event.timeZone).toBe("America/New_York");
    expect(instantToLocal(event.scheduledStart!, event.timeZone)).toBe("2024-08-12T20:00");
    expect(instantToLocal(event.actualStart!, event.timeZone)).toBe("2024-08-12T20:42");
  });

  it("attributes every figure of FACTS.md to its outlet with its qualifier", async () => {
    const reports = await getDb().report.findMany({ include: { source: true, event: true } });
    const rows = reports
      .map((r) => [r.event.slug, r.metric, r.value, r.unit, r.qualifier, r.source.name])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(rows).toEqual([
      ["musk-trump-x-spaces-2024", "average_audience", 1_100_000, "listeners", "exact", "Financial Times"],
      ["musk-trump-x-spaces-2024", "duration", 120, "minutes", "approximate", "CNN"],
      ["musk-trump-x-spaces-2024", "expected_audience", 8_000_000, "listeners", "exact", "Financial Times"],
      ["desantis-twitter-spaces-2023", "silence_before_failure", 20, "minutes", "approximate", "Los Angeles Times"],
      ["musk-trump-x-spaces-2024", "start_delay", 42, "minutes", "exact", "Financial Times"],
    ]);
  });

  it("records the DDoS claim as Elon Musk's, disputed by The New York Times", async () => {
    const claim = await getDb().claim.findFirstOrThrow({
      where: { quoteEnglish: "massive cyber attack" },
      include: { claimant: true, stances: { include: { source: true } }, incident: true },
    });
    expect(claim.claimant.name).toBe("Elon Musk");
    expect(claim.status).toBe("disputed");
    expect(claim.stances.map((s) => [s.source.name, s.stance])).toEqual([["The New York Times", "disputes"]]);
    expect(claim.incident?.kind).toBe("late_start");
  });

  it("quotes every figure in the review's own French, with the English beside it and the review's date as the date reported", async () => {
    const reports = await getDb().report.findMany({ include: { source: true }, orderBy: { metric: "asc" } });
    expect(reports.map((r) => [r.metric, r.source.name, r.quote, r.quoteLang, r.quoteEnglish, day(r.reportedOn)])).toEqual([
      [
        "average_audience",
        "Financial Times",
        "seul 1,1 million d’utilisateurs en moyenne ont assisté au Twitter Space",
        "fr",
        "only 1.1 million users on average attended the Twitter Space",
        REVIEW_DAY,
      ],
      ["duration", "CNN", "l’échange long de deux heures", "fr", "the two-hour-long exchange", REVIEW_DAY],
      [
        "expected_audience",
        "Financial Times",
        "avait prévu que huit millions de personnes rejoindraient l’entretien avec l’ancien président",
        "fr",
        "had expected eight million people to join the interview with the former president",
        REVIEW_DAY,
      ],
      [
        "silence_before_failure",
        "Los Angeles Times",
        "les dysfonctionnements sur son chat en direct sur Twitter Spaces, qui avait planté après environ 20 minutes de silence",
        "fr",
        "the malfunctions of his live chat on Twitter Spaces, which had crashed after about 20 minutes of silence",
        REVIEW_DAY,
      ],
      [
        "start_delay",
        "Financial Times",
        "les échanges ne démarrent que quarante-deux minutes plus tard",
        "fr",
        "the exchanges only begin forty-two minutes later",
        REVIEW_DAY,
      ],
    ]);
    for (const r of reports) expect(REVIEW).toContain(r.quote);
  });

  it("quotes every claim, stance and incident in the review's own French, with the English beside it and the review's date", async () => {
    const db = getDb();
    const claims = await db.claim.findMany({ include: { claimant: true, stances: { include: { source: true } } }, orderBy: { id: "asc" } });
    expect(claims.map((c) => [c.claimant.name, c.quote, c.quoteLang, c.quoteEnglish, day(c.reportedOn)])).toEqual([
      ["Elon Musk", "attaque informatique massive", "fr", "massive cyber attack", REVIEW_DAY],
      ["Fox News", "interview décontractée", "fr", "relaxed interview", REVIEW_DAY],
      ["The Wall Street Journal", "conversation téléphonique souvent décousue", "fr", "often rambling phone conversation", REVIEW_DAY],
      [
        "Donald Trump",
        "Wow ! Le lancement de DeSantis sur TWITTER est un DÉSASTRE ! […] A SUIVRE !",
        "fr",
        "Wow! The DeSantis launch on TWITTER is a DISASTER! [...] STAY TUNED!",
        REVIEW_DAY,
      ],
    ]);
    const stances = claims.flatMap((c) => c.stances);
    expect(stances.map((s) => [s.source.name, s.quote, s.quoteLang, s.quoteEnglish, day(s.reportedOn)])).toEqual([
      [
        "The New York Times",
        "il n’est pas impossible que ces problèmes techniques soient de la même nature que ceux “survenus lors d’un autre événement politique organisé par Musk en 2023”",
        "fr",
        'it is not impossible that these technical problems are of the same nature as those "that occurred during another political event organised by Musk in 2023"',
        REVIEW_DAY,
      ],
    ]);
    const incidents = await db.incident.findMany({ orderBy: { id: "asc" } });
    expect(incidents.map((i) => [i.kind, i.quote, i.quoteLang, i.quoteEnglish, day(i.reportedOn)])).toEqual([
      [
        "late_start",
        "les échanges ne démarrent que quarante-deux minutes plus tard",
        "fr",
        "the exchanges only begin forty-two minutes later",
        REVIEW_DAY,
      ],
      ["dead_air", "environ 20 minutes de silence", "fr", "about 20 minutes of silence", REVIEW_DAY],
      ["crash", "qui avait planté après environ 20 minutes de silence", "fr", "which had crashed after about 20 minutes of silence", REVIEW_DAY],
    ]);
    for (const quoted of [...claims, ...stances, ...incidents]) expect(REVIEW).toContain(quoted.quote);
  });

  it("gives the outlets the leaning the review gives them", async () => {
    const sources = await getDb().source.findMany({ orderBy: { name: "asc" } });
    expect(Object.fromEntries(sources.map((s) => [s.name, s.leaning]))).toMatchObject({
      "Financial Times": "liberal",
      "The New York Times": "centre-left",
      CNN: "centre-left",
      "Los Angeles Times": null,
      "Fox News": "conservative, pro-Republican",
      "The Wall Street Journal": "conservative",
    });
  });

  it("logs the creation of every seeded record in the correction log", async () => {
    const db = getDb();
    const counts = await Promise.all([db.event.count(), db.source.count(), db.report.count(), db.incident.count(), db.claim.count()]);
    const created = await db.revision.count({ where: { action: "create", actor: "seed" } });
    expect(created).toBe(counts.reduce((a, b) => a + b, 0));
  });

  it("leaves an edited seeded record as people corrected it", async () => {
    const db = getDb();
    await db.event.update({ where: { slug: "desantis-twitter-spaces-2023" }, data: { notes: "corrected" } });
    await seedDatabase();
    expect((await db.event.findUniqueOrThrow({ where: { slug: "desantis-twitter-spaces-2023" } })).notes).toBe("corrected");
  });
});

describe("seedDatabase over a database seeded before the quotes", () => {
  let restore: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await restore?.();
    restore = undefined;
  });

  /** A new database seeded as the seed did before it carried quotes: English or no quotes, no language, no date. */
  async function seededBeforeQuotes() {
    restore = await switchToNewDatabase();
    await seedDatabase();
    await write(async (tx) => {
      await tx.report.updateMany({ data: { quote: null, quoteLang: null, quoteEnglish: null, reportedOn: null } });
      await tx.incident.updateMany({ data: { quote: null, quoteLang: null, quoteEnglish: null, reportedOn: null } });
      await tx.incident.updateMany({ where: { kind: "crash" }, data: { quote: "had crashed" } });
      // The old seed quoted claims in the English that is now their rendering.
      await tx.$executeRawUnsafe('UPDATE "Claim" SET "quote" = "quoteEnglish", "quoteLang" = NULL, "quoteEnglish" = NULL, "reportedOn" = NULL');
      await tx.claimSource.updateMany({
        data: {
          quote: 'The problems were possibly "of the same nature" as those during another political event Musk organised in 2023.',
          quoteLang: null,
          quoteEnglish: null,
          reportedOn: null,
        },
      });
    });
  }

  it("gives the records only the seed ever changed their French quotes, logged as the seed's, then changes nothing", async () => {
    await seededBeforeQuotes();
    const db = getDb();
    // 5 figures, 3 incidents and 4 claims.
    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0, recordsFilled: 12 });

    const claim = await db.claim.findFirstOrThrow({ where: { statement: { contains: "DDoS" } }, include: { stances: true } });
    expect([claim.quote, claim.quoteLang, claim.quoteEnglish, day(claim.reportedOn), claim.version]).toEqual([
      "attaque informatique massive",
      "fr",
      "massive cyber attack",
      REVIEW_DAY,
      2,
    ]);
    expect(claim.stances[0]).toMatchObject({ quoteLang: "fr", quoteEnglish: expect.stringContaining("of the same nature") });
    expect(REVIEW).toContain(claim.stances[0].quote);
    const logged = await db.revision.findMany({ where: { entity: "claim", entityId: claim.id, action: "update" }, orderBy: { id: "asc" } });
    expect(logged.map((r) => [r.field, r.actor])).toEqual(
      expect.arrayContaining([
        ["quote", "seed"],
        ["quoteEnglish", "seed"],
        ["quoteLang", "seed"],
        ["reportedOn", "seed"],
        ["stances", "seed"],
      ]),
    );
    expect(logged.find((r) => r.field === "quote")).toMatchObject({
      before: JSON.stringify("massive cyber attack"),
      after: JSON.stringify("attaque informatique massive"),
    });

    const delay = await db.report.findFirstOrThrow({ where: { metric: "start_delay" } });
    expect([delay.quote, delay.quoteLang, delay.quoteEnglish, day(delay.reportedOn)]).toEqual([
      "les échanges ne démarrent que quarante-deux minutes plus tard",
      "fr",
      "the exchanges only begin forty-two minutes later",
      REVIEW_DAY,
    ]);
    const crash = await db.incident.findFirstOrThrow({ where: { kind: "crash" } });
    expect([crash.quote, crash.quoteEnglish]).toEqual([
      "qui avait planté après environ 20 minutes de silence",
      "which had crashed after about 20 minutes of silence",
    ]);

    const filled = await snapshot();
    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0, recordsFilled: 0 });
    expect(await snapshot()).toEqual(filled);
  });

  it("leaves a seeded record that anyone else changed as they left it, quotes and all", async () => {
    await seededBeforeQuotes();
    const db = getDb();
    const fox = await db.claim.findFirstOrThrow({ where: { statement: "A relaxed interview." } });
    const duration = await db.report.findFirstOrThrow({ where: { metric: "duration" } });
    await write(async (tx) => {
      const after = await tx.claim.update({ where: { id: fox.id }, data: { quote: "a relaxed chat, said Fox News", version: { increment: 1 } } });
      await logChanges(tx, "claim", fox.id, fox.eventId, fox, after, "editor@example.com");
      // A change made before sign-in has no actor: it is still someone's.
      const changed = await tx.report.update({ where: { id: duration.id }, data: { note: "Corrected by hand.", version: { increment: 1 } } });
      await logChanges(tx, "report", duration.id, duration.eventId, duration, changed, null);
    });
    const before = {
      fox: await db.claim.findUniqueOrThrow({ where: { id: fox.id } }),
      duration: await db.report.findUniqueOrThrow({ where: { id: duration.id } }),
    };

    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0, recordsFilled: 10 });
    expect(await db.claim.findUniqueOrThrow({ where: { id: fox.id } })).toEqual(before.fox);
    expect(await db.report.findUniqueOrThrow({ where: { id: duration.id } })).toEqual(before.duration);
    expect(before.fox).toMatchObject({ quote: "a relaxed chat, said Fox News", quoteLang: null, quoteEnglish: null, reportedOn: null });
    expect(
      await db.revision.count({
        where: {
          actor: "seed",
          action: "update",
          OR: [
            { entity: "claim", entityId: fox.id },
            { entity: "report", entityId: duration.id },
          ],
        },
      }),
    ).toBe(0);
    // The records nobody else touched got their quotes all the same.
    const wsj = await db.claim.findFirstOrThrow({ where: { statement: "An often rambling phone conversation." } });
    expect([wsj.quote, wsj.quoteEnglish]).toEqual(["conversation téléphonique souvent décousue", "often rambling phone conversation"]);
  });
});
