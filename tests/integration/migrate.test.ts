import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { applyMigrations, getMigrationState, MigrationError, MIGRATIONS_DIR, readMigrations } from "@/lib/migrate";
import { prepareDatabase } from "@/lib/prepare";
import { DatabaseOpenError, openDatabase } from "@/lib/sqlite";
import { onPostgresTests } from "../backend";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "deadair-migrate-"));
}

/** A copy of the committed migrations plus `extra`, as a migrations folder of its own. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir();
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);

// SQLite's migrations and files; PostgreSQL's migrations are tested in tests/postgres/backend.test.ts.
describe.skipIf(onPostgresTests)("migrations", () => {
  it("migrates a new database, and a second run applies nothing", async () => {
    const file = path.join(tempDir(), "fresh.db");
    const first = await prepareDatabase(`file:${file}`);
    expect(first.fresh).toBe(true);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect(await prepareDatabase(`file:${file}`)).toEqual({ fresh: false, applied: [] });
    const db = new Database(file);
    expect(tables(db)).toEqual(expect.arrayContaining(["Event", "Source", "Report", "Incident", "Claim", "ClaimSource", "Revision"]));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("keeps Prisma's bookkeeping, so that the Prisma CLI finds the database up to date", async () => {
    const file = path.join(tempDir(), "cli.db");
    await prepareDatabase(`file:${file}`);
    const out = execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
    });
    expect(out).toContain("Database schema is up to date");
  });

  it("applies a pending migration to a database that has data, keeping the data", async () => {
    const file = path.join(tempDir(), "pending.db");
    await prepareDatabase(`file:${file}`);
    const db = openDatabase(`file:${file}`);
    db.prepare("INSERT INTO Event (slug, title, platform, updatedAt) VALUES ('a', 'A', 'Twitch', 0)").run();
    const dir = migrationsWith({ "29990101000000_add_column": 'ALTER TABLE "Event" ADD COLUMN "extra" TEXT;' });
    expect(getMigrationState(db, dir).pending).toEqual(["29990101000000_add_column"]);
    expect(applyMigrations(db, dir)).toEqual(["29990101000000_add_column"]);
    expect(db.prepare("SELECT slug, extra FROM Event").all()).toEqual([{ slug: "a", extra: null }]);
    db.close();
  });

  it("rolls back a migration that fails half way, leaving no trace of it", async () => {
    const file = path.join(tempDir(), "broken.db");
    await prepareDatabase(`file:${file}`);
    const db = openDatabase(`file:${file}`);
    const before = tables(db);
    const dir = migrationsWith({
      "29990101000000_broken": 'CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;',
    });
    expect(() => applyMigrations(db, dir)).toThrow(/29990101000000_broken failed and was rolled back/);
    expect(tables(db)).toEqual(before);
    expect(getMigrationState(db, dir).pending).toEqual(["29990101000000_broken"]);
    db.close();
  });

  it("refuses to go on when an applied migration's file was changed", () => {
    const file = path.join(tempDir(), "changed.db");
    const dir = migrationsWith({ "29990101000000_extra": 'CREATE TABLE "Extra" ("id" INTEGER);' });
    const db = openDatabase(`file:${file}`);
    applyMigrations(db, dir);
    fs.writeFileSync(path.join(dir, "29990101000000_extra", "migration.sql"), 'CREATE TABLE "Other" ("id" INTEGER);');
    expect(() => applyMigrations(db, dir)).toThrow(MigrationError);
    db.close();
  });
});

describe.skipIf(onPostgresTests)("opening DATABASE_URL", () => {
  it("names the URL and the reason in one line when the folder is missing", () => {
    const url = `file:${path.join(tempDir(), "missing", "x.db")}`;
    expect(() => openDatabase(url)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(url)).toThrow(/^Cannot open the database DATABASE_URL=file:.*: the folder .*missing does not exist\.$/);
  });

  it("says so when the file is not a SQLite database", () => {
    const file = path.join(tempDir(), "text.db");
    fs.writeFileSync(file, "x".repeat(4096));
    expect(() => openDatabase(`file:${file}`)).toThrow(`${file} is not a SQLite database`);
  });

  it("refuses a URL that is not a SQLite file URL", () => {
    expect(() => openDatabase("postgres://localhost/deadair")).toThrow(/must be a SQLite file URL/);
  });

  it("stops `npm start` with that one line and no stack trace", () => {
    const file = path.join(tempDir(), "text.db");
    fs.writeFileSync(file, "x".repeat(4096));
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, PORT: "1" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Dead Air: Cannot open the database DATABASE_URL=file:${file}: ${file} is not a SQLite database.`);
  });
});
