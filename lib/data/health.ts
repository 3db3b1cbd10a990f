// What /api/health reports: whether the database answers, its migrations, whether it can take writes, free disk, the
// monitors (which run, which wait for a worker, which failed) and the ffmpeg that audio monitors need.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getDb, onPostgres, writeFailure } from "../db";
import { MIGRATIONS_DIR, readMigrations } from "../migrate";
import { findFfmpeg } from "../monitor/ffmpeg";
import { POSTGRES_MIGRATIONS_DIR } from "../postgres";
import { databasePath } from "../sqlite";
import { listAllMonitors, type MonitorView } from "./monitors";

/** Below this much free space a write may fail half-way through an import; reported as a warning. */
const LOW_DISK_BYTES = 64 * 1024 * 1024;

/**
 * How long a due monitor may go without a worker before health says so: a worker looks every 5 s and a dead worker's
 * lease lapses after 20 s, so a minute is longer than any hand-over between workers takes.
 */
export const UNRUN_GRACE_MS = 60_000;

export interface MonitorHealth {
  total: number;
  /** Monitors that should run now (by hand, or in their event's window). */
  due: number;
  /** Monitors a worker holds now. */
  running: number;
  items: {
    id: number;
    event: string;
    kind: string;
    state: string;
    worker: string | null;
    lastSampleAt: Date | null;
    lastError: string | null;
  }[];
}

export interface Health {
  /**
   * ok: reads and writes work; degraded: reads work, but writes do not (or soon may not), or a monitor fails or waits
   * for a worker (`problems` says which); unavailable: no reads.
   */
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
  /** The disk of the database file; null on PostgreSQL, whose disk is its server's, not this machine's. */
  disk: { freeBytes: number; totalBytes: number; low: boolean } | null;
  /** Null when they could not be read (the database is unreachable, or its monitors' table is not migrated yet). */
  monitors: MonitorHealth | null;
  /** The ffmpeg audio monitors run, or null when there is none. */
  ffmpeg: string | null;
  /** Why the status is not "ok", in words. */
  problems: string[];
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

/**
 * Since when a due monitor has gone without a worker, at the latest: its last change (made due by hand, released by
 * a worker, a worker's last renewal of its lease) or the start of its window, whichever came last.
 */
function unrunSince(m: MonitorView): number {
  const changed = m.updatedAt.getTime();
  return m.mode === "auto" && m.window ? Math.max(changed, Date.parse(m.window.from)) : changed;
}

/** The monitors' counts and states, and what is wrong with them: due and unrun for a minute, or failed. */
async function monitorHealth(now = Date.now()): Promise<{ monitors: MonitorHealth | null; problems: string[] }> {
  let list: MonitorView[];
  try {
    list = await listAllMonitors();
  } catch (error) {
    return { monitors: null, problems: [`The monitors could not be read: ${lastLine(error)}`] };
  }
  const problems: string[] = [];
  for (const m of list) {
    const unrun = now - unrunSince(m);
    if (m.due && !m.worker && unrun > UNRUN_GRACE_MS) {
      problems.push(
        `Monitor ${m.id} (${m.event}) is due but no worker has run it for ${Math.round(unrun / 1000)} s: is a monitor worker running (npm start, or npm run monitor)?`,
      );
    }
    if (m.state === "failed") problems.push(`Monitor ${m.id} (${m.event}) failed${m.lastError ? `: ${m.lastError}` : "."}`);
  }
  return {
    monitors: {
      total: list.length,
      due: list.filter((m) => m.due).length,
      running: list.filter((m) => m.worker).length,
      items: list.map((m) => ({
        id: m.id,
        event: m.event,
        kind: m.kind,
        state: m.state,
        worker: m.worker,
        lastSampleAt: m.lastSampleAt,
        lastError: m.lastError,
      })),
    },
    problems,
  };
}

/** An error's last line: Prisma's messages end with the cause. */
function lastLine(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n").filter(Boolean).at(-1) ?? error.message) : String(error);
}

export async function getHealth(): Promise<Health> {
  const ffmpeg = findFfmpeg();
  const postgres = onPostgres();
  let file: string | null = null;
  try {
    if (!postgres) file = databasePath();
  } catch (error) {
    const message = (error as Error).message;
    return {
      status: "unavailable",
      database: { reachable: false, writable: false, error: message },
      disk: null,
      monitors: null,
      ffmpeg,
      problems: [message],
    };
  }
  const space = file ? disk(path.dirname(file)) : null;
  try {
    const db = getDb();
    const [events, rows] = await Promise.all([
      db.event.count(),
      db.$queryRawUnsafe<{ name: string }[]>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      ),
    ]);
    const applied = new Set(rows.map((r) => r.name));
    const pending = readMigrations(postgres ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR)
      .map((m) => m.name)
      .filter((name) => !applied.has(name));
    const failure = writeFailure();
    const writeProblem =
      failure?.message ?? (file ? fileWritable(file) : null) ?? (space && space.freeBytes === 0 ? "The disk holding the database is full." : null);
    const { monitors, problems: monitorProblems } = await monitorHealth();
    const problems = [
      ...(writeProblem ? [writeProblem] : []),
      ...(pending.length ? [`Migrations not applied yet: ${pending.join(", ")}.`] : []),
      ...monitorProblems,
    ];
    return {
      status: problems.length ? "degraded" : "ok",
      database: {
        reachable: true,
        events,
        writable: !writeProblem,
        ...(writeProblem ? { writeProblem } : {}),
        migrations: { applied: applied.size, pending, latest: rows.at(-1)?.name ?? null },
      },
      disk: space,
      monitors,
      ffmpeg,
      problems,
    };
  } catch (error) {
    const message = lastLine(error);
    return {
      status: "unavailable",
      database: { reachable: false, writable: false, error: message },
      disk: space,
      monitors: null,
      ffmpeg,
      problems: [`The database cannot be read: ${message}`],
    };
  }
}
