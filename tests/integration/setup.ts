// Each integration test file gets a database file of its own, migrated, and removed afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "@/lib/db";
import { prepareDatabase } from "@/lib/prepare";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-test-"));
const file = path.join(dir, `${crypto.randomUUID()}.db`);
process.env.DATABASE_URL = `file:${file}`;

beforeAll(() => {
  prepareDatabase();
});

afterAll(async () => {
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
