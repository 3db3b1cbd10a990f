// Removes the end-to-end run's temporary database.
import fs from "node:fs";

export default function teardown() {
  const dir = process.env.E2E_DATABASE_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
