// `npm start`: checks and migrates the database, seeds a new one, builds if needed, then serves the app.
import { announceFirstAdmin } from "../lib/auth/first-admin";
import { disconnectDb } from "../lib/db";
import { parsePublicOrigin } from "../lib/http/origin";
import { seedDatabase } from "../lib/data/seed";
import { isPostgresUrl, redactedUrl } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare";
import { databaseUrl } from "../lib/sqlite";
import { buildIfStale } from "./build-if-stale";
import { serveArgs, spawnNode } from "./serve-command";

process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  const dev = process.argv.includes("--dev");
  let fresh: boolean;
  let origin: string;
  try {
    origin = parsePublicOrigin(process.env);
    ({ fresh } = await prepareDatabase());
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (fresh) {
    const { eventsCreated } = await seedDatabase();
    // A PostgreSQL URL may carry a password, which has no place in a log.
    const url = isPostgresUrl(databaseUrl()) ? redactedUrl(databaseUrl()) : databaseUrl();
    console.log(`Dead Air: new database at ${url}, seeded with ${eventsCreated} reference events.`);
  }
  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "127.0.0.1";
  try {
    await announceFirstAdmin(origin);
  } catch (error) {
    console.error(`Dead Air: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  await disconnectDb();
  if (!dev) buildIfStale();

  const child = spawnNode(serveArgs({ port, host, dev }), { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();
