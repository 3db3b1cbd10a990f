// Backups of the live database, and restoring one, while the server may be running and writing.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, getMigrationState, readMigrations } from "./migrate";
import { BackupError, type BackupSummary, backupTarget, REQUIRED_TABLES, syncFile, temporaryName } from "./backup-files";
import { backupPostgres, restorePostgres } from "./backup-postgres";
import { isPostgresUrl } from "./postgres";
import { databasePath, databaseUrl, openDatabase } from "./sqlite";

export { BackupError, type BackupSummary } from "./backup-files";

/** Why `file` cannot be restored, or null when it is a whole Dead Air database that this version can read. */
export function checkBackupFile(file: string): string | null {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma("schema_version");
  } catch {
    db?.close();
    return `${file} is not a SQLite database`;
  }
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length) return `${file} is not a Dead Air database (it has no ${missing.join(", ")} table${missing.length > 1 ? "s" : ""})`;
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `${file} fails its integrity check: ${String(integrity).replace(/\s*\n\s*/g, " ")}`;
    const known = new Set(readMigrations().map((m) => m.name));
    const unknown = getMigrationState(db).applied.filter((name) => !known.has(name));
    if (unknown.length) return `${file} was made by a newer Dead Air (it has migration ${unknown[0]}, which this version does not know)`;
    return null;
  } catch (error) {
    return `${file} cannot be read: ${(error as Error).message}`;
  } finally {
    db.close();
  }
}

function summary(file: string): BackupSummary {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare('SELECT count(*) AS n FROM "Event"').get() as { n: number }).n;
    return { file, bytes: fs.statSync(file).size, events, migrations: getMigrationState(db).applied.length };
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `target`. VACUUM INTO reads one snapshot (a single read transaction, which in WAL
 * mode does not hold writers up), so the copy is consistent however many writes go on meanwhile. The copy is written
 * under a temporary name, checked, flushed to disk and only then renamed, so `target` is either absent or whole.
 */
export function backupDatabase(target: string, url: string = databaseUrl(), options: { overwrite?: boolean } = {}): BackupSummary {
  // PostgreSQL: pg_dump's own snapshot (lib/backup-postgres.ts).
  if (isPostgresUrl(url)) return backupPostgres(target, url, options);
  if (!fs.existsSync(databasePath(url))) throw new BackupError(`there is no database at ${databasePath(url)} to back up`);
  if (path.resolve(target) === databasePath(url)) throw new BackupError("the backup must go to another file than the live database");
  const file = backupTarget(target, options);
  const temporary = temporaryName(file);
  const live = openDatabase(url);
  try {
    live.prepare("VACUUM INTO ?").run(temporary);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new BackupError(`could not copy the database: ${(error as Error).message}`);
  } finally {
    live.close();
  }
  const problem = checkBackupFile(temporary);
  if (problem) {
    fs.rmSync(temporary, { force: true });
    throw new BackupError(`the copy failed its check, so it was not kept: ${problem.replace(temporary, "the copy")}`);
  }
  syncFile(temporary);
  fs.renameSync(temporary, file);
  return summary(file);
}

/** Tries over about ten seconds while a running server holds the write lock. */
const RESTORE_ATTEMPTS = 100;

/**
 * Keeps the live database as it is before a restore: a checked copy when it is whole, and otherwise (a damaged
 * database is often why one restores) the file and its WAL as they are.
 */
function keepAside(livePath: string, previous: string, url: string): void {
  try {
    backupDatabase(previous, url);
  } catch {
    fs.copyFileSync(livePath, previous);
    if (fs.existsSync(`${livePath}-wal`)) fs.copyFileSync(`${livePath}-wal`, `${previous}-wal`);
  }
}

export interface RestoreSummary extends BackupSummary {
  /** The live database as it was before the restore. */
  previous: string | null;
  migrated: string[];
}

/**
 * Puts the backup `source` in place of the live database. Refuses a file that is not a whole Dead Air database.
 * Keeps a copy of the live database first (`<live>.before-restore-<time>`). The backup's pages are written into the
 * live file through SQLite's backup API, under its locks, so a running server's connections see the restored data
 * at their next transaction rather than a file swapped from under them; then any newer migrations are applied.
 */
export async function restoreDatabase(source: string, url: string = databaseUrl()): Promise<RestoreSummary> {
  if (isPostgresUrl(url)) return restorePostgres(source, url);
  const file = path.resolve(source);
  const problem = checkBackupFile(file);
  if (problem) throw new BackupError(`${problem}; the live database was not changed`);
  const livePath = databasePath(url);
  if (file === livePath) throw new BackupError("that file is the live database itself");

  let previous: string | null = null;
  if (fs.existsSync(livePath)) {
    previous = `${livePath}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    keepAside(livePath, previous, url);
  }
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step after the first: a write lock on the live file throughout, no restart half way. A
    // server that is writing just then holds that lock for milliseconds: try again for a while.
    for (let attempt = 1; ; attempt++) {
      try {
        await backup.backup(livePath, { progress: () => 1 << 30 });
        break;
      } catch (error) {
        const code = (error as { code?: string }).code ?? "";
        if (!/^SQLITE_(BUSY|LOCKED)/.test(code) || attempt >= RESTORE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    throw new BackupError(`could not write the live database: ${(error as Error).message}; the copy made before is ${previous}`);
  } finally {
    backup.close();
  }
  const live = openDatabase(url);
  let migrated: string[];
  try {
    migrated = applyMigrations(live);
    const integrity = live.pragma("integrity_check", { simple: true });
    if (integrity !== "ok")
      throw new BackupError(`the restored database fails its integrity check (${String(integrity)}); the copy made before is ${previous}`);
  } finally {
    live.close();
  }
  return { ...summary(livePath), previous, migrated };
}
