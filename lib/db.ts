// The one Prisma client of the app, cached across hot reloads, and the single path for writes.
import { PrismaClient } from "./generated/prisma/client";
import { createSqliteAdapter, databaseUrl } from "./sqlite";

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
  const open = () => new PrismaClient({ adapter: createSqliteAdapter(url) });
  const next: DbCache = { url, reader: open(), writer: open(), queue: Promise.resolve() };
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
  const run = c.queue.then(() => c.writer.$transaction(work, { timeout: WRITE_TIMEOUT_MS, maxWait: WRITE_TIMEOUT_MS }));
  c.queue = run.catch(() => undefined);
  return run;
}

/** Closes the connection (tests and scripts); the next call opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = globalCache.deadAirDb;
  if (!current) return;
  globalCache.deadAirDb = undefined;
  await current.queue;
  await Promise.all([current.reader.$disconnect(), current.writer.$disconnect()]);
}
