// PostgreSQL plumbing (issue 20, under way): which URLs name it, the driver adapter for Prisma, and the migrations of
// prisma/postgres/migrations (derived from the SQLite schema by scripts/postgres-schema.mjs), applied at start by
// exactly one server however many start at once.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { MigrationError, readMigrations } from "./migrate";

export const POSTGRES_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "postgres", "migrations");

/** `postgresql://` or `postgres://`: PostgreSQL; anything else is SQLite's `file:`. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unreadable PostgreSQL URL)";
  }
}

/** What a write notes while it starts: the connection its transaction was given, and whether it checked it is. */
export interface TransactionSlot {
  /** The connection while the transaction holds it; null before, and again once it is given back. */
  client: pg.PoolClient | null;
  /** A connection was noted: the next one asked for in the same write is not the transaction's. */
  taken: boolean;
  verified: boolean;
}

const transactionSlots = new AsyncLocalStorage<TransactionSlot>();

/**
 * Runs `start` (a write starting its transaction) noting in `slot` the first connection the pool hands out for it.
 * Prisma asks the pool for its transaction's connection with `connect()`, inside this call, so that is the one noted;
 * the write then checks it is (same backend pid) before sending statements to it directly.
 */
export function noted<T>(slot: TransactionSlot, start: () => T): T {
  return transactionSlots.run(slot, start);
}

/** The connection of the write under way, once it has checked that its transaction runs there; else null. */
export function transactionClient(): pg.PoolClient | null {
  const slot = transactionSlots.getStore();
  return slot?.verified ? slot.client : null;
}

/** A pool that notes the connection it hands out by `connect()` to a write starting (see noted). */
class NotingPool extends pg.Pool {
  connect(...args: unknown[]): never {
    // pool.query asks with a callback (a statement outside a transaction): nothing to note.
    if (args.length > 0) return (super.connect as (...a: unknown[]) => never)(...args);
    return super.connect().then((client) => {
      const slot = transactionSlots.getStore();
      if (slot && !slot.taken) {
        slot.taken = true;
        slot.client = client;
        // Once the transaction gives the connection back (committed, rolled back, or ended by Prisma's timeout while the
        // write still runs), nothing more goes to it: it may already be another request's. The pool sets a new
        // release at the next checkout.
        const release = client.release;
        client.release = (error?: Error | boolean) => {
          slot.client = null;
          slot.verified = false;
          return release(error);
        };
      }
      return client;
    }) as never;
  }
}

/** A node-postgres pool of at most `max` connections that notes the one it hands a write (see noted). */
export function createPostgresPool(url: string, max = 10): pg.Pool {
  return new NotingPool({ connectionString: url, max });
}

/** Prisma's driver adapter over `pool`, which closes with the client. */
export function createPostgresAdapter(pool: pg.Pool): PrismaPg {
  return new PrismaPg(pool, { disposeExternalPool: true });
}

// The table `prisma migrate deploy` keeps on PostgreSQL, so that the CLI and this migrator agree on what is applied.
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock every starting server takes before migrating: the first migrates, the others then find nothing to do. */
const MIGRATION_LOCK = 0x0dead_a1;

/**
 * Applies every pending migration in order, each in one transaction (PostgreSQL's DDL is transactional), under an
 * advisory lock held for the whole run. Returns the names applied by this call. Refuses to go on past a migration
 * whose file changed after it was applied, or one an earlier run left unfinished.
 */
export async function applyPostgresMigrations(url: string, dir: string = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  return (await migratePostgres(url, dir)).applied;
}

/**
 * The same, also telling whether the database had no migration applied before (`fresh`: a new database, to be
 * seeded). That is read under the lock, so of several servers starting at once on a new database exactly one, the
 * one that migrates it, finds it fresh.
 */
export async function migratePostgres(url: string, dir: string = POSTGRES_MIGRATIONS_DIR): Promise<{ fresh: boolean; applied: string[] }> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`cannot connect to PostgreSQL at ${redactedUrl(url)}: ${(error as Error).message}`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed)
      throw new MigrationError(`migration ${failed.migration_name} did not finish in an earlier run; resolve it with "npx prisma migrate resolve"`);
    const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    const fresh = !rows.some((r) => r.finished_at !== null && r.rolled_back_at === null);
    const applied: string[] = [];
    for (const m of readMigrations(dir)) {
      const checksum = done.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new MigrationError(`migration ${m.name} was changed after it was applied`);
        continue;
      }
      const started = new Date();
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
          [crypto.randomUUID(), m.checksum, m.name, started],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(error as Error).message}`);
      }
      applied.push(m.name);
    }
    return { fresh, applied };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end().catch(() => {});
  }
}
