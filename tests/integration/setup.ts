// Each integration test file gets a database file of its own, migrated, with a write token, and removed afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createApiToken } from "@/lib/data/api-tokens";
import { disconnectDb } from "@/lib/db";
import { prepareDatabase } from "@/lib/prepare";
import { systemActor } from "@/lib/domain/actor";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-test-"));
const file = path.join(dir, `${crypto.randomUUID()}.db`);
process.env.DATABASE_URL = `file:${file}`;

beforeAll(async () => {
  await prepareDatabase();
  // The API tests write with this token (tests/integration/api-helpers.ts); the auth tests make their own.
  process.env.DEADAIR_TEST_WRITE_TOKEN = (
    await createApiToken({ ctx: { actor: systemActor("console") }, input: { name: "integration tests", scope: "write" } })
  ).token;
});

afterAll(async () => {
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
