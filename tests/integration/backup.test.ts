// lib/backup.ts on files of this test's own: what backup refuses, and restoring over a damaged database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "@/lib/backup";
import { prepareDatabase } from "@/lib/prepare";
import { onPostgresTests } from "../backend";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function liveDatabase(name: string) {
  const url = `file:${path.join(dir, name)}`;
  await prepareDatabase(url);
  const db = new Database(path.join(dir, name));
  const now = new Date().toISOString();
  db.prepare('INSERT INTO "Source" (name, kind, createdAt, updatedAt) VALUES (?, ?, ?, ?)').run(`In ${name}`, "other", now, now);
  db.close();
  return url;
}

const sources = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM "Source"').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};

// Online copies of a SQLite file (lib/backup.ts); PostgreSQL's dumps are tested in tests/postgres/backup.test.ts.
describe.skipIf(onPostgresTests)("backupDatabase", () => {
  it("refuses a missing live database without creating one, an existing target, and the live file itself", async () => {
    const missing = `file:${path.join(dir, "absent.db")}`;
    expect(() => backupDatabase(path.join(dir, "copy-of-absent.db"), missing)).toThrow(/there is no database at .*absent\.db/);
    expect(fs.existsSync(path.join(dir, "absent.db"))).toBe(false);

    const url = await liveDatabase("one.db");
    const target = path.join(dir, "one-backup.db");
    expect(backupDatabase(target, url)).toMatchObject({ file: target, events: 0 });
    expect(() => backupDatabase(target, url)).toThrow(/already exists.*--force/);
    expect(backupDatabase(target, url, { overwrite: true }).file).toBe(target);
    expect(() => backupDatabase(path.join(dir, "one.db"), url)).toThrow(/another file than the live database/);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe.skipIf(onPostgresTests)("restoreDatabase", () => {
  it("restores over a damaged live database, keeping the damaged file aside as it was", async () => {
    const backupUrl = await liveDatabase("good.db");
    const backup = path.join(dir, "good-backup.db");
    backupDatabase(backup, backupUrl);

    const url = await liveDatabase("damaged.db");
    const live = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(live);
    // The schema's own page (after the 100-byte file header), which every read of the database goes through.
    bytes.fill(0x5a, 100, 4096);
    fs.writeFileSync(live, bytes);

    const restored = await restoreDatabase(backup, url);
    expect(sources(live)).toEqual(["In good.db"]);
    expect(restored.previous).not.toBeNull();
    expect(fs.readFileSync(restored.previous!).equals(bytes)).toBe(true);
  });
});
