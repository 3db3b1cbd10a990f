// The one Prisma client of the app, cached across hot reloads, and the single path for writes.
import { ServiceUnavailableError } from "./errors";
import { PrismaClient } from "./generated/prisma/client";
import { createSqliteAdapter, databaseUrl, TAKE_WRITE_LOCK } from "./sqlite";

export type Db = PrismaClient;

/** The longest one write may take, an import of the largest file included. */
const WRITE_TIMEOUT_MS = 120_000;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface DbCache {
  url: string;
  /** Reads: a connection of its own, so that it only ever sees committed writes. */
  reader: PrismaClient;
  writer: PrismaClient;
  queue: Promise<unknown>;
}

const globalCache = globalThis as unknown as { deadAirDb?: DbCache };

function cache(): DbCache {
  const url = databaseUrl();
  const current = globalCache.deadAirDb;
  if (current && current.url === url) return current;
  const next: DbCache = {
    url,
    reader: new PrismaClient({ adapter: createSqliteAdapter(url) }),
    writer: new PrismaClient({ adapter: createSqliteAdapter(url) }),
    queue: Promise.resolve(),
  };
  globalCache.deadAirDb = next;
  return next;
}

/** The client for reads. Writes go through `write` so that they run one at a time in a transaction. */
export function getDb(): PrismaClient {
  return cache().reader;
}

/**
 * Runs `work` in one transaction, after every write queued before it has finished. The adapter holds a single
 * connection, so a transaction left open across an `await` would otherwise take in other requests' statements:
 * queuing keeps each transaction whole and each acknowledged write in the database. Reads use
 * another connection, so they never see a transaction that is still open.
 */
export function write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const c = cache();
  // Prisma ends an interactive transaction after 5 s by default; a 5 MB import can take longer than that, and the
  // queue, not Prisma's wait, is what keeps writers apart.
  const run = c.queue
    .then(() =>
      c.writer.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
          return work(tx);
        },
        { timeout: WRITE_TIMEOUT_MS, maxWait: WRITE_TIMEOUT_MS },
      ),
    )
    .then(
      (result) => {
        lastWriteFailure = null;
        return result;
      },
      (error: unknown) => {
        throw unavailable(error) ?? error;
      },
    );
  c.queue = run.catch(() => undefined);
  return run;
}

/** SQLite's answers that mean "not now" rather than "not this": the disk, the file or the lock, never the input. */
const UNAVAILABLE: Record<string, { message: string; retryAfter: number }> = {
  SQLITE_FULL: { message: "The disk holding the database is full, so nothing can be saved; reading still works.", retryAfter: 300 },
  SQLITE_READONLY: { message: "The database is read-only just now, so nothing can be saved; reading still works.", retryAfter: 300 },
  SQLITE_IOERR: { message: "The database could not be written (an input/output error); reading may still work.", retryAfter: 60 },
  SQLITE_CANTOPEN: { message: "The database file could not be opened for writing; reading may still work.", retryAfter: 60 },
  SQLITE_PERM: { message: "The server has no permission to write the database; reading still works.", retryAfter: 300 },
  SQLITE_BUSY: { message: "The database stayed locked by another program for too long; try again in a moment.", retryAfter: 5 },
  SQLITE_LOCKED: { message: "The database stayed locked for too long; try again in a moment.", retryAfter: 5 },
};

/** The last write that failed for want of a writable database, for /api/health; a successful write clears it. */
let lastWriteFailure: { code: string; message: string; at: Date } | null = null;

export function writeFailure() {
  return lastWriteFailure;
}

function unavailable(error: unknown): ServiceUnavailableError | null {
  const raw = String((error as { code?: unknown })?.code ?? "") + " " + String((error as Error)?.message ?? "");
  const code = /SQLITE_[A-Z]+/.exec(raw)?.[0] ?? (/database or disk is full/i.test(raw) ? "SQLITE_FULL" : /readonly database/i.test(raw) ? "SQLITE_READONLY" : "");
  const known = UNAVAILABLE[code] ?? UNAVAILABLE[code.replace(/_[A-Z]+$/, "")];
  if (!known) return null;
  lastWriteFailure = { code, message: known.message, at: new Date() };
  console.error(`Dead Air: a write failed with ${code}:`, (error as Error)?.message?.split("\n").at(-1));
  return new ServiceUnavailableError(`${known.message} Nothing was changed.`, known.retryAfter);
}

/** Closes the connection (tests and scripts); the next call opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = globalCache.deadAirDb;
  if (!current) return;
  globalCache.deadAirDb = undefined;
  await current.queue;
  await Promise.all([current.reader.$disconnect(), current.writer.$disconnect()]);
}
