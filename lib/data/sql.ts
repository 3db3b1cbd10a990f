// Plain SQL on the hot paths (every write's correction log entry, a figure posted by the API, every token check): a
// statement prepared once on the connection costs microseconds, the query builder most of a millisecond.
import "server-only";
import type Database from "better-sqlite3";
import { type Tx, writerConnection } from "../db";
import { databaseUrl, openDatabase, trackConnection } from "../sqlite";

/** Instants as the driver adapter writes DateTime ("2024-08-13T00:42:05.000+00:00"), so that rows sort and read alike. */
export const instantText = (ms: number | Date) => new Date(ms).toISOString().replace("Z", "+00:00");

type Statements = Map<string, Database.Statement>;
const cached = new WeakMap<Database.Database, Statements>();

/** `sql` prepared once per connection, answering plain numbers (the adapter's connections default to BigInt). */
function prepared(connection: Database.Database, sql: string): Database.Statement {
  let statements = cached.get(connection);
  if (!statements) cached.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    if (statement.reader) statement.safeIntegers(false);
    statements.set(sql, statement);
  }
  return statement;
}

/** Statements with "?" placeholders; promises, so that a database whose driver answers later fits the same calls. */
export interface Sql {
  one<T>(sql: string, ...args: unknown[]): Promise<T | undefined>;
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  run(sql: string, ...args: unknown[]): Promise<number>;
}

function over(connection: Database.Database): Sql {
  const attempt = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    one: <T>(sql: string, ...args: unknown[]) => attempt(() => prepared(connection, sql).get(...args) as T | undefined),
    all: <T>(sql: string, ...args: unknown[]) => attempt(() => prepared(connection, sql).all(...args) as T[]),
    run: (sql: string, ...args: unknown[]) => attempt(() => prepared(connection, sql).run(...args).changes),
  };
}

/** The same statements through the client's transaction (where no connection of ours is at hand). */
function through(tx: Tx): Sql {
  return {
    one: async <T>(sql: string, ...args: unknown[]) => (await tx.$queryRawUnsafe<T[]>(sql, ...args))[0],
    all: <T>(sql: string, ...args: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...args),
    run: (sql: string, ...args: unknown[]) => tx.$executeRawUnsafe(sql, ...args),
  };
}

/**
 * The statements of the write under way (`tx`): on the writer's own connection, inside that write's transaction
 * (every write runs there, and the queue keeps everyone else off it), prepared once; through the client otherwise.
 */
export function writeSql(tx: Tx): Sql {
  const connection = writerConnection();
  return connection?.inTransaction ? over(connection) : through(tx);
}

const readers = globalThis as unknown as { deadAirSqlReader?: { url: string; db: Database.Database } };

/** A read-only connection of its own, for reads on every request (a token) or every second (the detectors). */
export function readConnection(): Database.Database {
  const url = databaseUrl();
  if (readers.deadAirSqlReader?.url !== url) {
    readers.deadAirSqlReader?.db.close();
    readers.deadAirSqlReader = { url, db: openDatabase(url, { readonly: true }) };
    trackConnection(readers.deadAirSqlReader.db);
  }
  return readers.deadAirSqlReader.db;
}

/** Statements on the read-only connection: they see what is committed, never a write under way. */
export function readSql(): Sql {
  return over(readConnection());
}

/** A stored instant as the client reads it back: a Date (null stays null). */
export const instantOf = (stored: string | Date | null): Date | null => (stored === null ? null : new Date(stored));
