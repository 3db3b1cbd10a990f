// Each integration test file gets a database of its own, migrated, with a write token, and removed afterwards: a new
// SQLite file, or with DEADAIR_TEST_BACKEND=postgres a new PostgreSQL database (tests/backend.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createApiToken } from "@/lib/data/api-tokens";
import { disconnectDb } from "@/lib/db";
import { settleLiveWork } from "@/lib/live/monitoring";
import { prepareDatabase } from "@/lib/prepare";
import { systemActor } from "@/lib/domain/actor";
import { createPostgresDatabase, dropPostgresDatabase, newPostgresUrl, onPostgresTests } from "../backend";

const dir = onPostgresTests ? null : fs.mkdtempSync(path.join(os.tmpdir(), "deadair-test-"));
const url = dir ? `file:${path.join(dir, `${crypto.randomUUID()}.db`)}` : newPostgresUrl();
process.env.DATABASE_URL = url;

beforeAll(async () => {
  if (onPostgresTests) await createPostgresDatabase(url);
  await prepareDatabase();
  // The API tests write with this token (tests/integration/api-helpers.ts); the auth tests make their own.
  process.env.DEADAIR_TEST_WRITE_TOKEN = (
    await createApiToken({ ctx: { actor: systemActor("console") }, input: { name: "integration tests", scope: "write" } })
  ).token;
});

afterAll(async () => {
  await settleLiveWork();
  await disconnectDb();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  else await dropPostgresDatabase(url);
});
