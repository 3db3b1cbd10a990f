// Fixtures of a test's own: a database that no other test changes or sees (a new migrated file, or PostgreSQL database,
// seeded when asked, with a write token of its own), or only a write token of its own, whose allowance no other test
// has spent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createApiToken } from "@/lib/data/api-tokens";
import { seedDatabase } from "@/lib/data/seed";
import { disconnectDb } from "@/lib/db";
import { settleLiveWork } from "@/lib/live/monitoring";
import { systemActor } from "@/lib/domain/actor";
import { prepareDatabase } from "@/lib/prepare";
import { openDatabase } from "@/lib/sqlite";
import { createPostgresDatabase, dropPostgresDatabase, newPostgresUrl, onPostgresTests, runOnPostgres } from "../backend";

/** Databases made so far by this test file, whose module holds the API's write limits too. */
let made = 0;

/** Points the app at a new database; the function it returns points it back and removes the new file. */
export async function switchToNewDatabase(options: { seed?: boolean } = {}): Promise<() => Promise<void>> {
  const previous = { url: process.env.DATABASE_URL, token: process.env.DEADAIR_TEST_WRITE_TOKEN };
  const dir = onPostgresTests ? null : fs.mkdtempSync(path.join(os.tmpdir(), "deadair-own-"));
  const url = dir ? `file:${path.join(dir, "db.db")}` : newPostgresUrl("deadair_own");
  if (!dir) await createPostgresDatabase(url);
  await prepareDatabase(url);
  // The API's write limit is kept in memory per token id, and a new database would number its first token 1, like the
  // test file's: its tokens are numbered apart, so that it starts with an allowance no other test has spent.
  const firstId = ++made * 1_000_000;
  if (dir) {
    const db = openDatabase(url);
    db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('ApiToken', ?)").run(firstId);
    db.close();
  } else {
    // setval(…, n) makes the next id n + 1, as sqlite_sequence's seq does.
    await runOnPostgres([`SELECT setval(pg_get_serial_sequence('"ApiToken"', 'id'), ${firstId})`], url);
  }
  // The connections follow DATABASE_URL; closing them first leaves none open on the file being left, and nothing a
  // batch started (the detectors, a live update) opens it again.
  await settleLiveWork();
  await disconnectDb();
  process.env.DATABASE_URL = url;
  process.env.DEADAIR_TEST_WRITE_TOKEN = (
    await createApiToken({ ctx: { actor: systemActor("console") }, input: { name: "own database", scope: "write" } })
  ).token;
  if (options.seed) await seedDatabase();
  return async () => {
    await settleLiveWork();
    await disconnectDb();
    process.env.DATABASE_URL = previous.url;
    process.env.DEADAIR_TEST_WRITE_TOKEN = previous.token;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    else await dropPostgresDatabase(url);
  };
}

/** Every test of the enclosing block (`each`) or the block as a whole runs on a database of its own. */
export function withOwnDatabase(options: { seed?: boolean; each?: boolean } = {}): void {
  let restore: (() => Promise<void>) | undefined;
  (options.each ? beforeEach : beforeAll)(async () => {
    restore = await switchToNewDatabase(options);
  });
  (options.each ? afterEach : afterAll)(async () => {
    await restore?.();
    restore = undefined;
  });
}

/** Each test of the enclosing block writes with a new write token (the API's write limit is per token). */
export function withOwnWriteToken(): void {
  let previous: string | undefined;
  beforeEach(async () => {
    previous = process.env.DEADAIR_TEST_WRITE_TOKEN;
    process.env.DEADAIR_TEST_WRITE_TOKEN = (
      await createApiToken({ ctx: { actor: systemActor("console") }, input: { name: "own token", scope: "write" } })
    ).token;
  });
  afterEach(() => {
    process.env.DEADAIR_TEST_WRITE_TOKEN = previous;
  });
}
