// Each PostgreSQL test file gets a database of its own on the local server, made here and dropped afterwards.
// DEADAIR_TEST_POSTGRES_URL names the server's maintenance database (default: postgres on 127.0.0.1:5432).
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db";

const admin = process.env.DEADAIR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `deadair_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
const url = new URL(admin);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

async function onAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL tests need a server at ${admin} (set DEADAIR_TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(() => onAdmin(`CREATE DATABASE "${name}"`));

afterAll(async () => {
  await disconnectDb();
  await onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
