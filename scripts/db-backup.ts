// `npm run db:backup -- FILE [--force]`: a consistent copy of DATABASE_URL, taken while the app may be writing (a
// PostgreSQL database: a dump in pg_dump's custom format).
import { backupDatabase } from "../lib/backup";
import { isPostgresUrl, redactedUrl } from "../lib/postgres";
import { databaseUrl } from "../lib/sqlite";

/** The database as messages name it: a PostgreSQL URL without its password. */
const shownUrl = isPostgresUrl(databaseUrl()) ? redactedUrl(databaseUrl()) : databaseUrl();

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith("--"));
if (!target) {
  console.error("Usage: npm run db:backup -- FILE [--force]   (--force replaces an existing FILE)");
  process.exit(2);
}
try {
  const started = performance.now();
  const copy = backupDatabase(target, databaseUrl(), { overwrite: args.includes("--force") });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(
    `Backed up ${shownUrl} to ${copy.file}: ${copy.events} events, ${(copy.bytes / 1024).toFixed(0)} KiB, ${isPostgresUrl(databaseUrl()) ? "pg_dump's custom format, checked" : "integrity ok"}, in ${seconds} s.`,
  );
} catch (error) {
  console.error(`Dead Air: backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
