import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { seedDatabase } from "@/lib/data/seed";
import { instantToLocal } from "@/lib/domain/time";

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

describe("seedDatabase", () => {
  it("writes both reference events and the outlets, then changes nothing on a second run", async () => {
    expect(await seedDatabase()).toEqual({ eventsCreated: 2, sourcesCreated: 8 });
    const first = await snapshot();
    expect(first.events.map((e) => e.slug).sort()).toEqual(["desantis-twitter-spaces-2023", "musk-trump-x-spaces-2024"]);

    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0 });
    expect(await snapshot()).toEqual(first);
  });

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
      where: { quote: "massive cyber attack" },
      include: { claimant: true, stances: { include: { source: true } }, incident: true },
    });
    expect(claim.claimant.name).toBe("Elon Musk");
    expect(claim.status).toBe("disputed");
    expect(claim.stances.map((s) => [s.source.name, s.stance])).toEqual([["The New York Times", "disputes"]]);
    expect(claim.incident?.kind).toBe("late_start");
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
