// Applies the committed Prisma migrations at start, one transaction each, keeping Prisma's own bookkeeping table.
// The migrations are read from the project folder the server runs in, so the build need not trace them.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The table `prisma migrate deploy` keeps, so that the CLI and this migrator agree on what is applied.
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export class MigrationError extends Error {
  name = "MigrationError";
}

export interface MigrationState {
  applied: string[];
  pending: string[];
}

export function getMigrationState(db: Database.Database, dir: string = MIGRATIONS_DIR): MigrationState {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  const applied = exists
    ? (
        db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as {
          migration_name: string;
        }[]
      ).map((r) => r.migration_name)
    : [];
  const pending = readMigrations(dir)
    .map((m) => m.name)
    .filter((n) => !applied.includes(n));
  return { applied, pending };
}

/**
 * Applies every pending migration in order, each in one transaction, so that a database is never left half
 * migrated. Returns the names applied. Refuses to go on past a migration that an earlier run left failed, or one
 * whose file changed after it was applied.
 */
export function applyMigrations(db: Database.Database, dir: string = MIGRATIONS_DIR): string[] {
  db.exec(BOOKKEEPING);
  const rows = db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all() as {
    migration_name: string;
    checksum: string;
    finished_at: string | null;
    rolled_back_at: string | null;
  }[];
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(`migration ${failed.migration_name} failed in an earlier run; resolve it with "npx prisma migrate resolve"`);
  }
  const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
  const appliedNow: string[] = [];
  for (const m of readMigrations(dir)) {
    const checksum = done.get(m.name);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) throw new MigrationError(`migration ${m.name} was changed after it was applied`);
      continue;
    }
    // Foreign keys stay off while tables are rebuilt (a DROP TABLE would otherwise cascade), and are checked
    // before the commit instead. The pragma has no effect inside a transaction, hence outside it.
    db.pragma("foreign_keys = OFF");
    try {
      const started = new Date().toISOString();
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length > 0) throw new MigrationError(`migration ${m.name} leaves ${broken.length} broken foreign keys`);
        db.prepare(
          "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)",
        ).run(crypto.randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      }).immediate();
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
    } finally {
      db.pragma("foreign_keys = ON");
    }
    appliedNow.push(m.name);
  }
  return appliedNow;
}
