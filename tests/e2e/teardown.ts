// Removes the end-to-end run's temporary database (the folder of its SQLite file, or its PostgreSQL database).
import fs from "node:fs";
import { dropPostgresDatabase } from "../backend";

export default async function teardown() {
  const dir = process.env.E2E_DATABASE_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.E2E_DATABASE_URL) await dropPostgresDatabase(process.env.E2E_DATABASE_URL);
}
