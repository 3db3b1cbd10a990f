// Which backend the tests run on, and the PostgreSQL databases made for them. DEADAIR_TEST_BACKEND=postgres runs the
// integration tests on PostgreSQL (npm run test:postgres); DEADAIR_TEST_POSTGRES_URL names the server's maintenance
// database (default: postgres on 127.0.0.1:5432), on which each test file's databases are made and dropped.
import crypto from "node:crypto";
import pg from "pg";

export const onPostgresTests = process.env.DEADAIR_TEST_BACKEND === "postgres";

const admin = () => process.env.DEADAIR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of a database of a new name on the test server (not made yet: createPostgresDatabase). */
export function newPostgresUrl(prefix = "deadair_test"): string {
  const url = new URL(admin());
  url.pathname = `/${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  return url.toString();
}

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Runs statements on a database of the test server (the maintenance one by default). */
export async function runOnPostgres(statements: string[], url: string = admin()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL tests need a server at ${url} (set DEADAIR_TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

export const createPostgresDatabase = (url: string) => runOnPostgres([`CREATE DATABASE "${nameOf(url)}"`]);

/** Drops the database, ending whatever connections are still open on it. */
export const dropPostgresDatabase = (url: string) => runOnPostgres([`DROP DATABASE IF EXISTS "${nameOf(url)}" WITH (FORCE)`]);
