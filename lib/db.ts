// The one Prisma client of the app, cached across hot reloads, and the single path for writes.
import "server-only";
import type Database from "better-sqlite3";
import type pg from "pg";
import { ServiceUnavailableError, ValidationError } from "./errors";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { createPostgresAdapter, createPostgresPool, isPostgresUrl, noted, type TransactionSlot } from "./postgres";
import { BUSY_TIMEOUT_MS, createSqliteAdapter, databaseUrl } from "./sqlite";

export type Db = PrismaClient;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Job {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface DbCache {
  url: string;
  /**
   * PostgreSQL: the client's pool, for the data layer's plain reads (lib/data/sql.ts); null on SQLite. On PostgreSQL
   * one pooled client serves reads and writes, each write a transaction of its own (writePostgres).
   */
  pool: pg.Pool | null;
  /** Reads: a connection of its own, so that it only ever sees committed writes. */
  reader: PrismaClient;
  writer: PrismaClient;
  /** The writer's own SQLite connection, once it is open: bulk inserts inside a write run on it directly. */
  writerConnection: Database.Database | null;
  /** Writes waiting for the writer; `idle` settles when none is waiting or running. */
  pending: Job[];
  idle: Promise<void> | null;
  /** PostgreSQL: the writes under way, each a transaction holding a pooled connection until it ends. */
  running: Set<Promise<unknown>>;
}

/** At most this many writes share one transaction (see `write`). */
const MAX_BATCH = 64;

/**
 * While another program holds the write lock, the writer blocks (SQLite sleeps in this thread) this long at a
 * time, then waits without blocking and tries again, for BUSY_TIMEOUT_MS in all before answering 503.
 */
const WRITER_BUSY_TIMEOUT_MS = 20;
const LOCK_RETRY_DELAY_MS = 25;

/** The write lock was not to be had: nothing of the batch ran yet, so it can be tried again as it is. */
class LockBusy extends Error {
  constructor(readonly cause: unknown) {
    super("the write lock is held by another connection");
  }
}

const globalCache = globalThis as unknown as { deadAirDb?: DbCache };

function cache(): DbCache {
  const url = databaseUrl();
  const current = globalCache.deadAirDb;
  if (current && current.url === url) return current;
  if (isPostgresUrl(url)) {
    // Generated from the schema derived from SQLite's (scripts/postgres-schema.mjs): the same models and methods.
    const pool = createPostgresPool(url);
    const client = refusingNul(new PostgresClient({ adapter: createPostgresAdapter(pool) })) as unknown as PrismaClient;
    globalCache.deadAirDb = {
      url,
      pool,
      reader: client,
      writer: client,
      writerConnection: null,
      pending: [],
      idle: null,
      running: new Set(),
    };
    return globalCache.deadAirDb;
  }
  const next: DbCache = {
    url,
    pool: null,
    reader: new PrismaClient({ adapter: createSqliteAdapter(url) }),
    writer: new PrismaClient({
      adapter: createSqliteAdapter(url, {
        busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS,
        onConnection: (connection) => (next.writerConnection = connection),
      }),
    }),
    writerConnection: null,
    pending: [],
    idle: null,
    running: new Set(),
  };
  globalCache.deadAirDb = next;
  return next;
}

/**
 * The writer's SQLite connection, for a bulk insert inside `write` (it is then inside that write's transaction, and
 * the queue keeps everyone else off it). Ten thousand prepared inserts take a tenth of the time that the same rows
 * take as raw queries through Prisma. Null before the writer has connected.
 */
export function writerConnection(): Database.Database | null {
  return cache().writerConnection;
}

/** PostgreSQL's pool, for plain reads that need none of the client (see lib/data/sql.ts); null on SQLite. */
export function postgresPool(): pg.Pool | null {
  return cache().pool;
}

/** The client for reads. Writes go through `write` so that they run one at a time in a transaction. */
export function getDb(): PrismaClient {
  return cache().reader;
}

/**
 * Runs `work` in a transaction of the one writer connection and resolves once it is committed. The adapter holds a
 * single connection, so a transaction left open across an `await` would take in other requests' statements:
 * writes therefore queue, and each runs whole. Reads use another connection, so they never see uncommitted data.
 *
 * Writes that queue up while one runs are committed together (group commit): one transaction, each write in a
 * savepoint of its own. A write that fails rolls back to its savepoint, so it changes nothing and the others
 * stand; a transaction that fails as a whole (no lock, a full disk at commit) fails every write in it, and none is
 * acknowledged. Either way a write resolves only after COMMIT, so every acknowledged write is in the database.
 */
export function write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const c = cache();
  if (c.pool) return writePostgres(c, work);
  return new Promise<T>((resolve, reject) => {
    c.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    c.idle ??= drain(c);
  });
}

async function drain(c: DbCache): Promise<void> {
  while (c.pending.length) {
    // One turn of the event loop first: the requests whose writes are due in this turn join the same commit, so that
    // a server under load commits (and appends to the WAL) once for many writes, not once for each.
    await new Promise((resolve) => setImmediate(resolve));
    await commit(c, c.pending.splice(0, MAX_BATCH));
  }
  c.idle = null;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

async function commit(c: DbCache, batch: Job[]): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return await attempt(c, batch);
    } catch (error) {
      if (error instanceof LockBusy && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_DELAY_MS));
        continue;
      }
      // Whatever happened, no write of the batch was committed, and each must hear so (the queue goes on).
      const cause = error instanceof LockBusy ? error.cause : error;
      const failure = unavailable(cause) ?? cause;
      for (const job of batch) job.reject(failure);
      return;
    }
  }
}

/** The writer's SQLite connection, opened (the adapter connects at its first statement) once and kept. */
async function writerReady(c: DbCache): Promise<Database.Database> {
  if (!c.writerConnection) await c.writer.$queryRawUnsafe("SELECT 1");
  return c.writerConnection!;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** One of the queue's statements, prepared once per connection (two of them run for every write of a batch). */
function statement(connection: Database.Database, sql: string): Database.Statement {
  let mine = statements.get(connection);
  if (!mine) statements.set(connection, (mine = new Map()));
  let prepared = mine.get(sql);
  if (!prepared) mine.set(sql, (prepared = connection.prepare(sql)));
  return prepared;
}

/** Runs a statement of the queue's own; a failure is a rejected promise like any query's. */
function exec(connection: Database.Database, sql: string): Promise<void> {
  try {
    connection.exec(sql);
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * One try at committing `batch`; throws LockBusy, before any write has run, when another program holds the lock.
 *
 * The queue drives the transaction itself on the writer's connection, in plain SQL (BEGIN IMMEDIATE takes the write
 * lock before anything is read, so that another process committing in between cannot fail it), and hands the jobs
 * the writer client, whose statements run on that one connection and so inside the transaction; a transaction Prisma
 * begins of its own inside it becomes a savepoint (lib/sqlite.ts). Plain SQL here costs microseconds a write where
 * the client's interactive transaction cost most of a millisecond.
 */
async function attempt(c: DbCache, batch: Job[]): Promise<void> {
  const connection = await writerReady(c);
  const tx = c.writer as unknown as Tx;
  const outcomes: Outcome[] = [];
  try {
    connection.exec("BEGIN IMMEDIATE");
  } catch (error) {
    if (isBusy(error)) throw new LockBusy(error);
    const failure = unavailable(error) ?? error;
    for (const job of batch) job.reject(failure);
    return;
  }
  try {
    if (batch.length === 1) {
      // Alone in its transaction: its failure rolls the transaction back.
      outcomes.push({ ok: true, value: await batch[0].work(tx) });
    } else {
      for (const job of batch) {
        statement(connection, "SAVEPOINT write_job").run();
        try {
          outcomes.push({ ok: true, value: await job.work(tx) });
          statement(connection, "RELEASE write_job").run();
        } catch (error) {
          // When SQLite has already rolled the whole transaction back (a full disk), the savepoint is gone too:
          // the batch fails with the write's own error.
          await exec(connection, "ROLLBACK TO write_job").catch(() => Promise.reject(error));
          connection.exec("RELEASE write_job");
          outcomes.push({ ok: false, error });
        }
      }
    }
    connection.exec("COMMIT");
  } catch (error) {
    // A failed job alone, or a COMMIT the disk refused: nothing of the batch stays. SQLite may have rolled back already.
    if (connection.inTransaction) await exec(connection, "ROLLBACK").catch(() => undefined);
    const failure = unavailable(error) ?? error;
    for (const job of batch) job.reject(failure);
    return;
  }
  if (outcomes.some((o) => o.ok)) lastWriteFailure = null;
  batch.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(unavailable(outcome.error) ?? outcome.error);
  });
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

/**
 * PostgreSQL's answers (SQLSTATE) that mean "not now" rather than "not this": a read-only database or server, a full
 * disk, no connection free, a server shutting down or out of reach. Said in the same words as SQLite's where they mean
 * the same.
 */
const POSTGRES_UNAVAILABLE: Record<string, { message: string; retryAfter: number }> = {
  "25006": UNAVAILABLE.SQLITE_READONLY,
  "53100": UNAVAILABLE.SQLITE_FULL,
  "53300": { message: "The database server has no connection free just now; try again in a moment.", retryAfter: 5 },
  "57P01": { message: "The database server is shutting down or restarting; try again in a moment.", retryAfter: 10 },
  "57P03": { message: "The database server is shutting down or restarting; try again in a moment.", retryAfter: 10 },
  "08": { message: "The database server could not be reached; try again in a moment.", retryAfter: 10 },
};

/** The SQLSTATE of a PostgreSQL error as Prisma passes it on (in its meta, or as the driver adapter's cause). */
function postgresCode(error: unknown): string | null {
  type Cause = { originalCode?: unknown; code?: unknown } | undefined;
  const e = error as { meta?: { driverAdapterError?: { cause?: Cause } }; cause?: Cause } | null;
  // Through the client, the adapter's error carries it; from a statement sent to the connection itself, pg's error.
  const direct = typeof (error as { severity?: unknown })?.severity === "string" ? (error as { code?: unknown }).code : undefined;
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode ?? direct;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The last write that failed for want of a writable database, for /api/health; a successful write clears it. */
let lastWriteFailure: { code: string; message: string; at: Date } | null = null;

export function writeFailure() {
  return lastWriteFailure;
}

function describeError(error: unknown): string {
  return String((error as { code?: unknown })?.code ?? "") + " " + String((error as Error)?.message ?? "");
}

/** Another connection holds the lock (SQLITE_BUSY, "database is locked"). */
function isBusy(error: unknown): boolean {
  return /SQLITE_BUSY|database is locked/i.test(describeError(error));
}

/**
 * The 503 for an error that means "not now" (a read-only or full database, no connection, a server out of reach),
 * kept for /api/health; null for any other error. For writes made outside `write` (the shared rate limits).
 */
export function unavailable(error: unknown): ServiceUnavailableError | null {
  const sqlstate = postgresCode(error);
  if (sqlstate) return refused(error, `SQLSTATE ${sqlstate}`, POSTGRES_UNAVAILABLE[sqlstate] ?? POSTGRES_UNAVAILABLE[sqlstate.slice(0, 2)]);
  const raw = describeError(error);
  const code =
    /SQLITE_[A-Z]+/.exec(raw)?.[0] ??
    (/database or disk is full/i.test(raw)
      ? "SQLITE_FULL"
      : /readonly database/i.test(raw)
        ? "SQLITE_READONLY"
        : /database is locked/i.test(raw)
          ? "SQLITE_BUSY"
          : "");
  return refused(error, code, UNAVAILABLE[code] ?? UNAVAILABLE[code.replace(/_[A-Z]+$/, "")]);
}

/** The 503 a write that could not be made now answers with, kept for /api/health; null when `known` is none. */
function refused(error: unknown, code: string, known: { message: string; retryAfter: number } | undefined): ServiceUnavailableError | null {
  if (!known) return null;
  lastWriteFailure = { code, message: known.message, at: new Date() };
  console.error(`Dead Air: a write failed with ${code}:`, (error as Error)?.message?.split("\n").at(-1));
  return new ServiceUnavailableError(`${known.message} Nothing was changed.`, known.retryAfter);
}

/** The advisory lock every write on PostgreSQL holds until its transaction ends. */
const POSTGRES_WRITE_LOCK = 0x0dead_a2;

/**
 * On PostgreSQL, each write is an interactive transaction of its own (READ COMMITTED) that first takes one
 * transaction-scoped advisory lock, so that writes run one at a time across every server, as they do on SQLite,
 * and every check a write makes before it inserts (a twin figure, a taken slug or name) holds until it commits.
 *
 * Not SERIALIZABLE with retries: with @prisma/adapter-pg 6.19, a serialization failure at COMMIT (40001) leaves the
 * pool's connection checked out for good (the transaction manager throws before releasing it), so a busy server
 * would run out of connections; measured in tests/postgres/backend.test.ts, whose pool then never closed.
 */
async function writePostgres<T>(c: DbCache, work: (tx: Tx) => Promise<T>): Promise<T> {
  // The plain SQL of the write goes straight to its transaction's connection (lib/data/sql.ts, writeSql): about five
  // times faster a statement than through the client. Only once the connection noted is the transaction's (the same
  // backend); otherwise every statement goes through the client, as before.
  const slot: TransactionSlot = { client: null, taken: false, verified: false };
  const transaction = noted(slot, () =>
    c.writer.$transaction(
      async (tx) => {
        const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>(
          'SELECT pg_backend_pid() AS "pid" FROM (SELECT pg_advisory_xact_lock($1)) AS "locked"',
          POSTGRES_WRITE_LOCK,
        );
        // Unverified again once the transaction gives the connection back (lib/postgres.ts, NotingPool).
        slot.verified = (slot.client as { processID?: number } | null)?.processID === pid;
        return work(tx as Tx);
      },
      { maxWait: BUSY_TIMEOUT_MS, timeout: 120_000 },
    ),
  );
  // Kept until it ends, so that disconnectDb waits for it: a transaction cut off by the client's disconnection never
  // gives its connection back to the pool, and closing the pool then waits for it forever.
  c.running.add(transaction);
  const forget = () => c.running.delete(transaction);
  transaction.then(forget, forget);
  try {
    const value = await transaction;
    lastWriteFailure = null;
    return value;
  } catch (error) {
    throw unavailable(error) ?? error;
  }
}

/** PostgreSQL's answer to text holding U+0000 (SQLSTATE 22021), which its text columns cannot hold. */
const NUL_IN_TEXT = /invalid byte sequence for encoding "UTF8": 0x00/;

/** The input error for PostgreSQL's refusal of U+0000 in text; null for any other error. */
export function nulRefusal(error: unknown): ValidationError | null {
  if (!NUL_IN_TEXT.test(String((error as Error)?.message))) return null;
  return new ValidationError("Text with the character U+0000 (NUL) cannot be stored or looked up: remove it and try again.");
}

/**
 * SQLite stores and compares U+0000 (NUL) like any other character; PostgreSQL refuses it in text, whether to store
 * or to look up. Such input is then refused as input (400, or a form's message), never answered with a 500.
 */
function refusingNul(client: PostgresClient) {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw nulRefusal(error) ?? error;
        }
      },
    },
  });
}

/** Whether DATABASE_URL names PostgreSQL (the data layer's plain SQL then takes its dialect). */
export function onPostgres(): boolean {
  return isPostgresUrl(databaseUrl());
}

/** Closes the connection (tests and scripts); the next call opens a new one. */
export async function disconnectDb(): Promise<void> {
  const current = globalCache.deadAirDb;
  if (!current) return;
  globalCache.deadAirDb = undefined;
  await current.idle;
  await Promise.allSettled(current.running);
  await Promise.all([...new Set([current.reader, current.writer])].map((client) => client.$disconnect()));
}
