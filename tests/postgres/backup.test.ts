// Backups of a PostgreSQL database (lib/backup-postgres.ts, through `npm run db:backup` and `db:restore` as people
// run them): a dump taken while writes go on is one moment, restoring it brings that moment back in one
// transaction and keeps a dump of what was there, and a file that is not a whole Dead Air dump changes nothing.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIncident } from "@/lib/data/incident-writes";
import { seedDatabase } from "@/lib/data/seed";
import { systemActor } from "@/lib/domain/actor";
import { applyPostgresMigrations } from "@/lib/postgres";

const CONSOLE = { actor: systemActor("console") };
const EVENT = "musk-trump-x-spaces-2024";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-pg-backup-"));
const url = () => process.env.DATABASE_URL!;

async function query<T extends pg.QueryResultRow>(sql: string, on = url()): Promise<T[]> {
  const client = new pg.Client({ connectionString: on });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** `npm run db:backup` or `db:restore` as a person runs it, while this process goes on writing. */
function script(name: "db-backup" | "db-restore", file: string) {
  return promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", `scripts/${name}.ts`, file], {
    env: { ...process.env, DATABASE_URL: url() },
  });
}

const incidents = async () =>
  new Map(
    (await query<{ id: number; description: string }>(`SELECT "id", "description" FROM "Incident" WHERE "description" LIKE 'stream %'`)).map((r) => [
      r.id,
      r.description,
    ]),
  );

beforeAll(async () => {
  await applyPostgresMigrations(url());
  await seedDatabase();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a PostgreSQL backup taken while writes go on", () => {
  it("is one moment, and restoring it brings back exactly that moment, keeping a dump of what was there", async () => {
    const acknowledged = new Map<number, string>();
    let writing = true;
    const stream = (async () => {
      for (let n = 0; writing; n++) {
        const description = `stream ${n}`;
        const incident = await createIncident({ ctx: CONSOLE, slug: EVENT, input: { kind: "other", description } });
        acknowledged.set(incident.id, description);
      }
    })();
    while (acknowledged.size < 20) await new Promise((r) => setTimeout(r, 20));
    const before = new Map(acknowledged);
    const backup = path.join(dir, "live.dump");
    const { stdout } = await script("db-backup", backup);
    const during = acknowledged.size;
    while (acknowledged.size < during + 20) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await stream;
    const events = Number((await query<{ n: string }>('SELECT count(*) AS n FROM "Event"'))[0].n);
    expect(stdout).toMatch(new RegExp(`Backed up postgresql://.* to .*live\\.dump: ${events} events, .*checked`));

    const restored = await script("db-restore", backup);
    expect(restored.stdout).toMatch(new RegExp(`Restored .* ${events} events, in one transaction`));
    const previous = /kept in (\S+)\.$/m.exec(restored.stdout)![1];
    expect(fs.existsSync(previous)).toBe(true);

    // What was acknowledged before the dump began is back; what came after it is gone; the dump was one moment, so
    // every incident in it has its correction-log entry.
    const now = await incidents();
    for (const [id, text] of before) expect(now.get(id)).toBe(text);
    const later = [...acknowledged.keys()].filter((id) => !now.has(id));
    expect(later.length).toBeGreaterThanOrEqual(20);
    const logged = await query<{ id: number }>(`SELECT "entityId" AS "id" FROM "Revision" WHERE "entity" = 'incident' AND "action" = 'create'`);
    expect(logged.filter((r) => now.has(r.id))).toHaveLength(now.size);
    // The sequences came back too: a new write after the restore gets a new id, not one the dump already holds.
    const next = await createIncident({ ctx: CONSOLE, slug: EVENT, input: { kind: "other", description: "stream after the restore" } });
    expect(now.has(next.id)).toBe(false);
    expect((await incidents()).size).toBe(now.size + 1);

    // The dump kept before the restore holds everything acknowledged.
    const scratch = await scratchDatabase();
    await promisify(execFile)("pg_restore", ["--no-owner", `--dbname=${scratch}`, previous]);
    const kept = await query<{ id: number }>(`SELECT "id" FROM "Incident" WHERE "description" LIKE 'stream %'`, scratch);
    expect(kept.map((r) => r.id).sort((a, b) => a - b)).toEqual([...acknowledged.keys()].sort((a, b) => a - b));
  });
});

const scratches: string[] = [];
/** A new empty database beside the test's own. */
async function scratchDatabase(): Promise<string> {
  const name = `${new URL(url()).pathname.slice(1)}_s${scratches.length}`;
  await query(`CREATE DATABASE "${name}"`);
  scratches.push(name);
  return Object.assign(new URL(url()), { pathname: `/${name}` }).toString();
}
afterAll(async () => {
  for (const name of scratches) await query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("restoring a PostgreSQL database", () => {
  it("refuses files that are not whole Dead Air dumps, and leaves the live database as it was", async () => {
    const text = path.join(dir, "text.dump");
    fs.writeFileSync(text, "not a dump at all");
    const otherDb = await scratchDatabase();
    await query("CREATE TABLE notes (body TEXT)", otherDb);
    const other = path.join(dir, "other.dump");
    await promisify(execFile)("pg_dump", ["--format=custom", `--file=${other}`, `--dbname=${otherDb}`]);
    // A dump from a newer Dead Air: a migration this version does not know.
    const newerDb = await scratchDatabase();
    const good = path.join(dir, "good.dump");
    await script("db-backup", good);
    await promisify(execFile)("pg_restore", ["--no-owner", `--dbname=${newerDb}`, good]);
    await query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ('x', 'x', '29991231000000_from_the_future')`, newerDb);
    const newer = path.join(dir, "newer.dump");
    await promisify(execFile)("pg_dump", ["--format=custom", `--file=${newer}`, `--dbname=${newerDb}`]);

    const live = JSON.stringify(await query(`SELECT "id", "description" FROM "Incident" ORDER BY "id"`));
    const files = fs.readdirSync(dir);
    for (const [candidate, reason] of [
      [text, /is not a PostgreSQL dump in pg_dump's custom format/],
      [other, /is not a Dead Air database \(it has no _prisma_migrations, Event, Source, Report, Incident, Claim tables\)/],
      [newer, /was made by a newer Dead Air \(it has migration 29991231000000_from_the_future/],
      [path.join(dir, "absent.dump"), /does not exist/],
    ] as const) {
      const failure = await script("db-restore", candidate).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(reason);
      expect(failure?.stderr).toMatch(/the live database was not changed/);
    }
    expect(JSON.stringify(await query(`SELECT "id", "description" FROM "Incident" ORDER BY "id"`))).toBe(live);
    expect(fs.readdirSync(dir).filter((f) => !files.includes(f))).toEqual([]);
  });
});
