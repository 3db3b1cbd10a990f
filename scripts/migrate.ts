// `npm run db:migrate`: applies pending migrations to DATABASE_URL, each in one transaction: SQLite's for a `file:`
// URL, PostgreSQL's (prisma/postgres/migrations, under an advisory lock) for a `postgresql://` one.
import { prepareDatabase } from "../lib/prepare";
import { isPostgresUrl, redactedUrl } from "../lib/postgres";
import { databaseUrl } from "../lib/sqlite";

try {
  const url = databaseUrl();
  const postgres = isPostgresUrl(url);
  const { applied } = await prepareDatabase(url);
  const named = postgres ? redactedUrl(url) : url;
  console.log(applied.length ? `Applied ${applied.join(", ")} to ${named}.` : `${named} is up to date.`);
} catch (error) {
  console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
