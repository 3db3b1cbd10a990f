// Backups of a PostgreSQL database and restoring one, while the app servers may be running and writing: PostgreSQL's
// own pg_dump (one snapshot, however many writes go on) in its custom format, and a restore that replaces every
// table in one transaction, so that the servers see the old data or the restored data, never half of each.
import "server-only";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { BackupError, type BackupSummary, backupTarget, REQUIRED_TABLES, syncFile, temporaryName } from "./backup-files";
import { readMigrations } from "./migrate";
import { applyPostgresMigrations, POSTGRES_MIGRATIONS_DIR, redactedUrl } from "./postgres";

/** Runs one of PostgreSQL's tools on `url`, the password in the environment rather than on the command line. */
function run(tool: string, args: string[], url?: string): { ok: boolean; stdout: string; error: string } {
  const env = { ...process.env };
  const connection: string[] = [];
  if (url) {
    const u = new URL(url);
    if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = "";
    connection.push(`--dbname=${u.toString()}`);
  }
  const result = spawnSync(tool, [...args, ...connection], { env, encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    return { ok: false, stdout: "", error: missing ? `${tool} is missing (Debian: apt-get install postgresql-client)` : result.error.message };
  }
  const error =
    (result.stderr ?? "")
      .trim()
      .split("\n")
      .at(-1)
      ?.replace(/^\S+: error: /, "") ?? "";
  return { ok: result.status === 0, stdout: result.stdout ?? "", error: error || `${tool} exited with ${result.status}` };
}

/** The rows of one table's data in a dump, as columns by name. */
function dumpedRows(file: string, table: string): Record<string, string>[] {
  const { ok, stdout } = run("pg_restore", ["--data-only", `--table=${table}`, "--file=-", file]);
  if (!ok) return [];
  const copy = /^COPY \S+ \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(stdout);
  if (!copy) return [];
  const columns = copy[1].split(", ").map((c) => c.replace(/^"|"$/g, ""));
  return copy[2]
    .split("\n")
    .filter(Boolean)
    .map((line) => Object.fromEntries(line.split("\t").map((value, i) => [columns[i], value])));
}

/** Why `file` cannot be restored, or null when it is a whole Dead Air dump that this version can read. */
export function checkPostgresDump(file: string): string | null {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  const list = run("pg_restore", ["--list", file]);
  if (!list.ok) return `${file} is not a PostgreSQL dump in pg_dump's custom format (${list.error})`;
  const missing = REQUIRED_TABLES.filter((t) => !new RegExp(`^\\d+; \\d+ \\d+ TABLE public "?${t}"? `, "m").test(list.stdout));
  if (missing.length) return `${file} is not a Dead Air database (it has no ${missing.join(", ")} table${missing.length > 1 ? "s" : ""})`;
  const known = new Set(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name));
  const unknown = dumpedRows(file, "_prisma_migrations")
    .map((r) => r.migration_name)
    .filter((name) => !known.has(name));
  if (unknown.length) return `${file} was made by a newer Dead Air (it has migration ${unknown[0]}, which this version does not know)`;
  return null;
}

function dumpSummary(file: string): BackupSummary {
  return {
    file,
    bytes: fs.statSync(file).size,
    events: dumpedRows(file, "Event").length,
    migrations: dumpedRows(file, "_prisma_migrations").length,
  };
}

/**
 * Dumps the database of `url` to `target` with pg_dump (custom format, without owners or privileges, so that it
 * restores into a database owned by another role). Written under a temporary name, checked, flushed and only then
 * renamed, so `target` is either absent or whole.
 */
export function backupPostgres(target: string, url: string, options: { overwrite?: boolean } = {}): BackupSummary {
  const file = backupTarget(target, options);
  const temporary = temporaryName(file);
  const dumped = run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${temporary}`], url);
  if (!dumped.ok) {
    fs.rmSync(temporary, { force: true });
    throw new BackupError(`could not dump ${redactedUrl(url)}: ${dumped.error}`);
  }
  const problem = checkPostgresDump(temporary);
  if (problem) {
    fs.rmSync(temporary, { force: true });
    throw new BackupError(`the dump failed its check, so it was not kept: ${problem.replace(temporary, "the dump")}`);
  }
  syncFile(temporary);
  fs.renameSync(temporary, file);
  return dumpSummary(file);
}

export interface PostgresRestoreSummary extends BackupSummary {
  /** A dump of the database as it was before the restore. */
  previous: string;
  migrated: string[];
}

/** Drops every table of the public schema: the first statement of a restore's transaction. */
const DROP_ALL_TABLES = `DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE format('DROP TABLE %I CASCADE', t.tablename); END LOOP;
END $$;`;

/**
 * Puts the dump `source` in place of the database of `url`. Refuses a file that is not a whole Dead Air dump. Dumps
 * the live database first, beside `source` (`before-restore-<database>-<time>.dump`); refuses to go on when that
 * fails. Then, in one transaction (psql --single-transaction), every table is dropped and the dump's are created
 * and filled: the running servers' statements wait on the locks and then see the restored data. Newer migrations
 * are applied last.
 */
export async function restorePostgres(source: string, url: string): Promise<PostgresRestoreSummary> {
  const file = path.resolve(source);
  const problem = checkPostgresDump(file);
  if (problem) throw new BackupError(`${problem}; the live database was not changed`);
  const database = new URL(url).pathname.slice(1) || "postgres";
  const previous = path.join(path.dirname(file), `before-restore-${database}-${new Date().toISOString().replace(/[:.]/g, "-")}.dump`);
  try {
    backupPostgres(previous, url);
  } catch (error) {
    throw new BackupError(`could not keep a copy of the live database first (${(error as Error).message}); the live database was not changed`);
  }
  const script = path.join(path.dirname(file), `.restore-${process.pid}-${Date.now()}.sql`);
  try {
    const sql = run("pg_restore", ["--no-owner", "--no-privileges", `--file=${script}.body`, file]);
    if (!sql.ok) throw new BackupError(`could not read ${file}: ${sql.error}; the live database was not changed`);
    fs.writeFileSync(script, `${DROP_ALL_TABLES}\n\\i ${script}.body\n`);
    const restored = run("psql", ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", `--file=${script}`], url);
    if (!restored.ok) throw new BackupError(`the restore failed and was rolled back (${restored.error}); the live database was not changed`);
  } finally {
    fs.rmSync(script, { force: true });
    fs.rmSync(`${script}.body`, { force: true });
  }
  const migrated = await applyPostgresMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const events = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "Event"')).rows[0].n);
    const migrations = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM "_prisma_migrations"')).rows[0].n);
    return { file, bytes: fs.statSync(file).size, events, migrations, previous, migrated };
  } finally {
    await client.end();
  }
}
