// What /api/health reports: whether the database answers, its migrations, whether it can take writes, free disk.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getDb, writeFailure } from "../db";
import { readMigrations } from "../migrate";
import { databasePath } from "../sqlite";

/** Below this much free space a write may fail half-way through an import; reported as a warning. */
const LOW_DISK_BYTES = 64 * 1024 * 1024;

export interface Health {
  /** ok: reads and writes work; degraded: reads work, writes do not (or soon may not); unavailable: no reads. */
  status: "ok" | "degraded" | "unavailable";
  database: {
    reachable: boolean;
    error?: string;
    events?: number;
    writable: boolean;
    /** Why writes are refused, when they are. */
    writeProblem?: string;
    migrations?: { applied: number; pending: string[]; latest: string | null };
  };
  disk: { freeBytes: number; totalBytes: number; low: boolean } | null;
}

function disk(dir: string): Health["disk"] {
  try {
    const stats = fs.statfsSync(dir);
    const freeBytes = stats.bavail * stats.bsize;
    return { freeBytes, totalBytes: stats.blocks * stats.bsize, low: freeBytes < LOW_DISK_BYTES };
  } catch {
    return null;
  }
}

/** The file and its folder (for the WAL and journal files) must be writable by this process. */
function fileWritable(file: string): string | null {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    return null;
  } catch {
    return `The server may not write ${file} or its folder.`;
  }
}

export async function getHealth(): Promise<Health> {
  let file: string;
  try {
    file = databasePath();
  } catch (error) {
    return { status: "unavailable", database: { reachable: false, writable: false, error: (error as Error).message }, disk: null };
  }
  const space = disk(path.dirname(file));
  try {
    const db = getDb();
    const [events, rows] = await Promise.all([
      db.event.count(),
      db.$queryRawUnsafe<{ name: string }[]>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      ),
    ]);
    const applied = new Set(rows.map((r) => r.name));
    const pending = readMigrations()
      .map((m) => m.name)
      .filter((name) => !applied.has(name));
    const failure = writeFailure();
    const writeProblem = failure?.message ?? fileWritable(file) ?? (space && space.freeBytes === 0 ? "The disk holding the database is full." : null);
    return {
      status: writeProblem || pending.length ? "degraded" : "ok",
      database: {
        reachable: true,
        events,
        writable: !writeProblem,
        ...(writeProblem ? { writeProblem } : {}),
        migrations: { applied: applied.size, pending, latest: rows.at(-1)?.name ?? null },
      },
      disk: space,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1)! : String(error);
    return { status: "unavailable", database: { reachable: false, writable: false, error: message }, disk: space };
  }
}
