// Each PostgreSQL test file gets a database of its own on the local server, made here and dropped afterwards
// (tests/backend.ts; DEADAIR_TEST_POSTGRES_URL names the server).
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db";
import { settleLiveWork } from "@/lib/live/monitoring";
import { createPostgresDatabase, dropPostgresDatabase, newPostgresUrl } from "../backend";

const url = newPostgresUrl();
process.env.DATABASE_URL = url;

beforeAll(() => createPostgresDatabase(url));

afterAll(async () => {
  await settleLiveWork();
  await disconnectDb();
  await dropPostgresDatabase(url);
});
