// `npm run db:restore -- FILE`: puts a backup in place of DATABASE_URL, keeping a copy of what was there.
import { restoreDatabase } from "../lib/backup";
import { isPostgresUrl, redactedUrl } from "../lib/postgres";
import { databaseUrl } from "../lib/sqlite";

/** The database as messages name it: a PostgreSQL URL without its password. */
const shownUrl = isPostgresUrl(databaseUrl()) ? redactedUrl(databaseUrl()) : databaseUrl();

const source = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!source) {
  console.error("Usage: npm run db:restore -- FILE");
  process.exit(2);
}
try {
  const restored = await restoreDatabase(source, databaseUrl());
  const checked = isPostgresUrl(databaseUrl()) ? "in one transaction" : "integrity ok";
  console.log(`Restored ${source} into ${shownUrl}: ${restored.events} events, ${checked}.`);
  if (restored.migrated.length) console.log(`Brought it up to date: ${restored.migrated.join(", ")}.`);
  if (restored.previous) console.log(`The database as it was before is kept in ${restored.previous}.`);
} catch (error) {
  console.error(`Dead Air: restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
