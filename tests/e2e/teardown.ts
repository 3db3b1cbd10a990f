// Removes the end-to-end run's temporary SQLite folder (a PostgreSQL database is dropped by scripts/e2e-server.ts
// once the server has stopped, which happens after this).
import fs from "node:fs";

export default function teardown() {
  const dir = process.env.E2E_DATABASE_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
