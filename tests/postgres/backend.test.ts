// Dead Air on PostgreSQL (issue 20, under way): the derived migrations applied by exactly one of several starting
// servers, and the data layer's writes and reads on a real PostgreSQL 15 database (tests/postgres/setup.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createReport } from "@/lib/data/report-writes";
import { ValidationError } from "@/lib/errors";
import { postgresDialect, readSql, writeSql } from "@/lib/data/sql";
import { getEventDetail } from "@/lib/data/reads";
import { seedDatabase } from "@/lib/data/seed";
import { getDb, write } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { readMigrations } from "@/lib/migrate";
import { applyPostgresMigrations, createPostgresPool, noted, POSTGRES_MIGRATIONS_DIR, transactionClient } from "@/lib/postgres";
import { prepareDatabase } from "@/lib/prepare";

const url = () => process.env.DATABASE_URL!;
/** A lookup in plain SQL, as the data layer's hot paths make them. */
const postgresLookup = (slug: string) => readSql().one('SELECT "id" FROM "Event" WHERE "slug" = ?', slug);
const CONSOLE = { actor: systemActor("console") };

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL migrations", () => {
  it("are applied once when three servers start at the same moment, and then by nobody", async () => {
    const names = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    const runs = await Promise.all([1, 2, 3].map(() => applyPostgresMigrations(url())));
    // One server took the lock and applied everything; the others waited, then found nothing to do.
    expect(runs.flat().sort()).toEqual(names);
    expect(runs.filter((r) => r.length > 0)).toHaveLength(1);
    expect(await applyPostgresMigrations(url())).toEqual([]);
    expect(await tables()).toEqual(expect.arrayContaining(["Event", "Report", "Source", "Revision", "Monitor", "_prisma_migrations"]));
  });

  it("refuses to go on when an applied migration's file has changed since", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-pg-migrations-"));
    try {
      fs.cpSync(POSTGRES_MIGRATIONS_DIR, dir, { recursive: true });
      await applyPostgresMigrations(url(), dir);
      const first = readMigrations(dir)[0].name;
      fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited afterwards\n");
      await expect(applyPostgresMigrations(url(), dir)).rejects.toThrow(`migration ${first} was changed after it was applied`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the server it cannot reach, without its password", async () => {
    await expect(applyPostgresMigrations("postgresql://someone:secret@127.0.0.1:1/nothing")).rejects.toThrow(
      /cannot connect to PostgreSQL at postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing/,
    );
  });
});

describe("prepareDatabase on PostgreSQL", () => {
  it("finds a new database fresh in exactly one of three servers starting at once, and then in none", async () => {
    // A database of this test's own: the file's is migrated by the tests above.
    const admin = new pg.Client({ connectionString: url() });
    const name = `${new URL(url()).pathname.slice(1)}_prepare`;
    const own = new URL(url());
    own.pathname = `/${name}`;
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      try {
        const runs = await Promise.all([1, 2, 3].map(() => prepareDatabase(own.toString())));
        expect(runs.filter((r) => r.fresh)).toEqual([{ fresh: true, applied: readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name) }]);
        expect(await prepareDatabase(own.toString())).toEqual({ fresh: false, applied: [] });
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  });
});

describe("the data layer on PostgreSQL", () => {
  it("seeds the founding case and reads it back as on SQLite", async () => {
    await applyPostgresMigrations(url());
    expect(await seedDatabase()).toEqual({ eventsCreated: 2, sourcesCreated: 8, recordsFilled: 0 });
    const event = (await getEventDetail("musk-trump-x-spaces-2024"))!;
    expect(event.timeZone).toBe("America/New_York");
    expect(event.actualStart!.getTime() - event.scheduledStart!.getTime()).toBe(42 * 60_000);
    const average = event.reports.find((r) => r.metric === "average_audience");
    expect(average).toMatchObject({ value: 1_100_000, source: { name: "Financial Times" } });
    // A second run finds everything there.
    expect(await seedDatabase()).toEqual({ eventsCreated: 0, sourcesCreated: 0, recordsFilled: 0 });
  });

  it("keeps every one of many figures posted at once, each with its correction log entry, and refuses a twin", async () => {
    await applyPostgresMigrations(url());
    await seedDatabase();
    const source = await getDb().source.findFirstOrThrow({ where: { name: "CNN" } });
    const slug = "desantis-twitter-spaces-2023";
    const posted = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createReport({
          ctx: CONSOLE,
          slug,
          input: { metric: "peak_audience", value: 1000 + i, qualifier: "exact", sourceId: source.id, scope: `burst ${i}` },
        }),
      ),
    );
    const stored = await getDb().report.findMany({ where: { scope: { startsWith: "burst " } } });
    expect(stored.map((r) => r.value).sort()).toEqual(posted.map((r) => r.value).sort());
    expect(new Set(stored.map((r) => r.id)).size).toBe(40);
    const logged = await getDb().revision.count({ where: { entity: "report", entityId: { in: stored.map((r) => r.id) }, action: "create" } });
    expect(logged).toBe(40);
    await expect(
      createReport({ ctx: CONSOLE, slug, input: { metric: "peak_audience", value: 5, qualifier: "exact", sourceId: source.id, scope: "burst 3" } }),
    ).rejects.toThrow(/CNN already reported peak audience with no date for burst 3/i);
  });
});

describe("writes side by side on PostgreSQL", () => {
  it("stores a figure posted ten times at once exactly once: the twin check of each holds until it commits", async () => {
    await applyPostgresMigrations(url());
    await seedDatabase();
    const source = await getDb().source.findFirstOrThrow({ where: { name: "CNN" } });
    const input = { metric: "peak_audience", value: 7, qualifier: "exact", sourceId: source.id, scope: "the same figure, ten times" };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => createReport({ ctx: CONSOLE, slug: "desantis-twitter-spaces-2023", input })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected")) expect(String(o.reason)).toMatch(/CNN already reported peak audience/i);
    expect(await getDb().report.count({ where: { scope: input.scope } })).toBe(1);
  });
});

describe("a write's plain SQL on PostgreSQL", () => {
  /** A figure with every kind of column: text, integer, float, instant, boolean-free key, and a count (int8). */
  const FIGURE = `SELECT r.*, (SELECT COUNT(*) FROM "Report") AS "reports" FROM "Report" r WHERE r."scope" = ?`;

  it("goes to the write's own connection: it sees what the write did, and nothing of it stays when the write fails", async () => {
    await applyPostgresMigrations(url());
    await seedDatabase();
    const source = await getDb().source.findFirstOrThrow({ where: { name: "CNN" } });
    const slug = "desantis-twitter-spaces-2023";
    const failed = write(async (tx) => {
      expect(transactionClient()).not.toBeNull();
      await createReport({
        ctx: { ...CONSOLE, tx },
        slug,
        input: { metric: "duration", value: 20, qualifier: "exact", sourceId: source.id, scope: "direct" },
      });
      // Through the client's transaction and sent to the connection itself: the same uncommitted figure.
      const viaClient = await tx.report.findFirst({ where: { scope: "direct" } });
      const direct = await writeSql(tx).one<{ id: number; value: number }>(FIGURE, "direct");
      expect(direct).toMatchObject({ id: viaClient!.id, value: 20 });
      throw new Error("the write fails after its figure");
    });
    await expect(failed).rejects.toThrow("the write fails after its figure");
    expect(transactionClient()).toBeNull();
    expect(await getDb().report.count({ where: { scope: "direct" } })).toBe(0);
  });

  it("stops going to the connection once the transaction gives it back (a write that outlived Prisma's timeout)", async () => {
    const pool = createPostgresPool(url(), 2);
    try {
      const slot = { client: null, taken: false, verified: false };
      await noted(slot, async () => {
        // What Prisma does to start a transaction: a connection asked for with connect(), inside the write.
        const connection = await pool.connect();
        expect(slot.client).toBe(connection);
        slot.verified = true;
        expect(transactionClient()).toBe(connection);
        connection.release();
        expect(transactionClient()).toBeNull();
        // Asked for again by anyone, it is theirs: the write does not take it back.
        const next = await pool.connect();
        expect(slot.client).toBeNull();
        next.release();
      });
    } finally {
      await pool.end();
    }
  });

  it("reads values as the client's raw queries do: instants as Dates in UTC, counts as bigints, numbers as numbers", async () => {
    await applyPostgresMigrations(url());
    await seedDatabase();
    const source = await getDb().source.findFirstOrThrow({ where: { name: "CNN" } });
    const made = await createReport({
      ctx: CONSOLE,
      slug: "desantis-twitter-spaces-2023",
      input: { metric: "peak_audience", value: 1234, qualifier: "exact", sourceId: source.id, scope: "typed", reportedOn: "2023-05-25" },
    });
    const direct = await write((tx) => writeSql(tx).one<Record<string, unknown>>(FIGURE, "typed"));
    const viaClient = (await getDb().$queryRawUnsafe<Record<string, unknown>[]>(postgresDialect(FIGURE), "typed"))[0];
    expect(direct).toEqual(viaClient);
    expect(direct).toMatchObject({ id: made.id, value: 1234, reportedOn: new Date("2023-05-25T00:00:00Z"), createdAt: made.createdAt });
    expect(typeof direct!.reports).toBe("bigint");
  });
});

describe("text holding U+0000 on PostgreSQL", () => {
  it("is refused as input when looked up (the forms and API refuse control characters before they are stored)", async () => {
    await applyPostgresMigrations(url());
    // SQLite finds no such event; PostgreSQL cannot compare text holding NUL at all.
    const lookup = getDb().event.findUnique({ where: { slug: "a\u0000b" } });
    await expect(lookup).rejects.toThrow(ValidationError);
    await expect(lookup).rejects.toThrow(/U\+0000/);
    await expect(postgresLookup("a\u0000b")).rejects.toThrow(ValidationError);
    // Sent to a write's own connection as well.
    await expect(write((tx) => writeSql(tx).one('SELECT "id" FROM "Event" WHERE "slug" = ?', "a\u0000b"))).rejects.toThrow(ValidationError);
  });
});

describe("postgresDialect", () => {
  it("numbers the placeholders and leaves question marks in quoted text and names alone", () => {
    expect(postgresDialect(`SELECT "a?" FROM "T" WHERE x = ? AND y IN (?, ?) AND z = 'why?' AND w = 'it''s ?' AND v = ?`)).toBe(
      `SELECT "a?" FROM "T" WHERE x = $1 AND y IN ($2, $3) AND z = 'why?' AND w = 'it''s ?' AND v = $4`,
    );
  });
});
