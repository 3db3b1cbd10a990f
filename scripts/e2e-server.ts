// The server the end-to-end tests run against: a new seeded database (SQLite or PostgreSQL), a production build,
// 127.0.0.1 only.
import { announceFirstAdmin } from "../lib/auth/first-admin";
import { disconnectDb } from "../lib/db";
import { seedDatabase } from "../lib/data/seed";
import { isPostgresUrl } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare";
import { createPostgresDatabase, dropPostgresDatabase } from "../tests/backend";
import { buildIfStale } from "./build-if-stale";
import { serveArgs, spawnNode } from "./serve-command";

async function main() {
  if (!process.env.DATABASE_URL || !process.env.PORT) throw new Error("e2e-server needs DATABASE_URL and PORT");
  // A PostgreSQL database of the run's own (playwright.config.ts names it; dropped below when the server stops).
  if (isPostgresUrl(process.env.DATABASE_URL)) await createPostgresDatabase(process.env.DATABASE_URL);
  await prepareDatabase();
  await seedDatabase();
  await announceFirstAdmin(`http://127.0.0.1:${process.env.PORT}`);
  await disconnectDb();
  buildIfStale();
  const child = spawnNode(serveArgs({ port: process.env.PORT }), { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => {
    // A PostgreSQL database of the run's own goes once its server has stopped (SIGTERM from Playwright at the end).
    const dropped = isPostgresUrl(process.env.DATABASE_URL!) ? dropPostgresDatabase(process.env.DATABASE_URL!) : Promise.resolve();
    void dropped.catch((error) => console.error(`e2e-server: the database was not dropped: ${error.message}`)).finally(() => process.exit(code ?? 0));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
