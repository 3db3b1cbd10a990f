// `npm run db:migrate`: applies pending migrations to DATABASE_URL, each in one transaction.
import { prepareDatabase } from "../lib/prepare";
import { databaseUrl } from "../lib/sqlite";

try {
  const { applied } = prepareDatabase();
  console.log(applied.length ? `Applied ${applied.join(", ")} to ${databaseUrl()}.` : `${databaseUrl()} is up to date.`);
} catch (error) {
  console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
