// Plain SQL on the hot paths (every write's correction log entry, a figure posted by the API, every token check): a
// statement prepared once on the connection costs microseconds, the query builder most of a millisecond.
import "server-only";
import type Database from "better-sqlite3";
import pg from "pg";
import { getDb, nulRefusal, onPostgres, postgresPool, type Tx, writerConnection } from "../db";
import { transactionClient } from "../postgres";
import { databaseUrl, openDatabase, trackConnection } from "../sqlite";

/** Instants as the driver adapter writes DateTime ("2024-08-13T00:42:05.000+00:00"), so that rows sort and read alike. */
export const instantText = (ms: number | Date) => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * An instant as a plain statement's argument, compared with or written to a DateTime column: SQLite keeps them as
 * text (instantText), PostgreSQL as timestamp(3), to which a Date goes as it is.
 */
export const instantArg = (ms: number | Date): string | Date => (onPostgres() ? new Date(ms) : instantText(ms));

/** A DateTime column as a plain statement reads it (SQLite's text, PostgreSQL's Date), in ms since the epoch. */
export const instantMs = (stored: string | Date): number => (stored instanceof Date ? stored.getTime() : Date.parse(stored));

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
  /** The rows as arrays in the SELECT's order: on SQLite, better-sqlite3's raw mode, about twice as fast as objects. */
  tuples<T extends unknown[]>(sql: string, ...args: unknown[]): Promise<T[]>;
  run(sql: string, ...args: unknown[]): Promise<number>;
}

const cachedRaw = new WeakMap<Database.Database, Statements>();

/** `sql` prepared once per connection in raw mode (rows as arrays), apart from the same text prepared for objects. */
function preparedRaw(connection: Database.Database, sql: string): Database.Statement {
  let statements = cachedRaw.get(connection);
  if (!statements) cachedRaw.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql).raw();
    statement.safeIntegers(false);
    statements.set(sql, statement);
  }
  return statement;
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
    tuples: <T extends unknown[]>(sql: string, ...args: unknown[]) => attempt(() => preparedRaw(connection, sql).all(...args) as T[]),
    run: (sql: string, ...args: unknown[]) => attempt(() => prepared(connection, sql).run(...args).changes),
  };
}

/**
 * A statement written for SQLite in PostgreSQL's dialect: "?" placeholders numbered ($1, $2, …), outside quoted
 * text. The data layer's statements are otherwise written in the SQL both share (quoted identifiers, RETURNING,
 * ON CONFLICT).
 */
export function postgresDialect(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === "?" ? `$${++n}` : token));
}

/** How a statement sent to PostgreSQL's connection itself reads its values: as the client's raw queries answer them. */
const POSTGRES_TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    switch (oid) {
      case pg.types.builtins.TIMESTAMP:
        // Prisma's DateTime is timestamp(3) without a zone, written in UTC.
        return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
      case pg.types.builtins.INT8:
        return (text: string) => BigInt(text);
      case pg.types.builtins.NUMERIC:
        // As a number: the client answers a Decimal object.
        return (text: string) => Number(text);
      default:
        return pg.types.getTypeParser(oid, format as "text");
    }
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A value as a statement's argument: an instant as UTC text with its offset (PostgreSQL reads it as the UTC instant
 * into timestamp(3), whose literals' zones it ignores), a bigint as text.
 */
function postgresArg(value: unknown): unknown {
  if (value instanceof Date) return instantText(value);
  if (typeof value === "bigint") return String(value);
  return value ?? null;
}

/**
 * Statements sent to PostgreSQL's pool, or to the connection of the write under way (inside its transaction), with
 * node-postgres rather than through the client: about five times faster a statement. Not prepared by name: that saved
 * about a tenth of an import's time here, and a prepared "SELECT *" fails once a migration run by a newer server adds
 * a column, until the connection closes.
 */
function overPostgres(client: pg.Pool | pg.PoolClient): Sql {
  const query = async (sql: string, args: unknown[], rowMode?: "array") => {
    try {
      return await client.query({ text: postgresDialect(sql), values: args.map(postgresArg), types: POSTGRES_TYPES, ...(rowMode ? { rowMode } : {}) });
    } catch (error) {
      throw nulRefusal(error) ?? error;
    }
  };
  return {
    one: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows[0] as T | undefined,
    all: async <T>(sql: string, ...args: unknown[]) => (await query(sql, args)).rows as T[],
    tuples: async <T extends unknown[]>(sql: string, ...args: unknown[]) => (await query(sql, args, "array")).rows as T[],
    run: async (sql: string, ...args: unknown[]) => (await query(sql, args)).rowCount ?? 0,
  };
}

/** The same statements through the client's transaction (where no connection of ours is at hand). */
function through(tx: Tx): Sql {
  const dialect = onPostgres() ? postgresDialect : (sql: string) => sql;
  return {
    one: async <T>(sql: string, ...args: unknown[]) => (await tx.$queryRawUnsafe<T[]>(dialect(sql), ...args))[0],
    all: <T>(sql: string, ...args: unknown[]) => tx.$queryRawUnsafe<T[]>(dialect(sql), ...args),
    // The client answers objects whose keys keep the SELECT's order (column names are never integers here).
    tuples: async <T extends unknown[]>(sql: string, ...args: unknown[]) =>
      (await tx.$queryRawUnsafe<Row[]>(dialect(sql), ...args)).map((row) => Object.values(row) as T),
    run: (sql: string, ...args: unknown[]) => tx.$executeRawUnsafe(dialect(sql), ...args),
  };
}

/** Statements through the client's reader on SQLite (Prisma's own connection); on PostgreSQL, sent to its pool. */
export function clientSql(): Sql {
  const pool = postgresPool();
  return pool ? overPostgres(pool) : through(getDb() as unknown as Tx);
}

/**
 * The statements of the write under way (`tx`): on the writer's own connection, inside that write's transaction
 * (every write runs there, and the queue keeps everyone else off it), prepared once; through the client otherwise.
 */
export function writeSql(tx: Tx): Sql {
  const connection = writerConnection();
  if (connection?.inTransaction) return over(connection);
  const client = transactionClient();
  return client ? overPostgres(client) : through(tx);
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
  // PostgreSQL: through the pool, whose connections outside a transaction see only what is committed.
  if (onPostgres()) return clientSql();
  return over(readConnection());
}

/** A stored instant as the client reads it back: a Date (null stays null). */
export const instantOf = (stored: string | Date | null): Date | null => (stored === null ? null : new Date(stored));

// Records in plain SQL, read and written as the client would: the hot paths of the API and of imports.

type Row = Record<string, unknown>;
type Declared = Map<string, string | null>;
const declared = new WeakMap<Database.Statement, Declared>();

/** A stored value as the client reads its column: DATETIME as a Date, INTEGER as a number, BOOLEAN as a boolean. */
function typedValue(value: unknown, type: string | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (type?.toUpperCase()) {
    case "DATETIME":
      return value instanceof Date ? value : new Date(value as string);
    case "INTEGER":
      return Number(value);
    case "BOOLEAN":
      return value === true || value === 1 || value === 1n;
    default:
      return typeof value === "bigint" ? Number(value) : value;
  }
}

function typedRow<T>(row: Row, types: Declared | null): T {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) out[name] = typedValue(value, types?.get(name) ?? (value instanceof Date ? "DATETIME" : null));
  return out as T;
}

/** A statement on the writer's connection with its columns' declared types, or null outside a write of its own. */
function typedStatement(sql: string): { statement: Database.Statement; types: Declared } | null {
  const connection = writerConnection();
  if (!connection?.inTransaction) return null;
  const statement = prepared(connection, sql);
  let types = declared.get(statement);
  if (!types) declared.set(statement, (types = new Map(statement.columns().map((c) => [c.name, c.type]))));
  return { statement, types };
}

/** The rows of a statement as the client gives its records (see typedValue). */
export async function records<T>(tx: Tx, sql: string, ...args: unknown[]): Promise<T[]> {
  const typed = typedStatement(sql);
  if (!typed) return (await writeSql(tx).all<Row>(sql, ...args)).map((r) => typedRow<T>(r, null));
  return (typed.statement.all(...args) as Row[]).map((r) => typedRow<T>(r, typed.types));
}

/** The first row of a statement as a record, or null. */
export async function record<T>(tx: Tx, sql: string, ...args: unknown[]): Promise<T | null> {
  const typed = typedStatement(sql);
  if (!typed) return (await records<T>(tx, sql, ...args))[0] ?? null;
  const row = typed.statement.get(...args) as Row | undefined;
  return row ? typedRow<T>(row, typed.types) : null;
}

/** A value as its column stores it: on SQLite, instants as the adapter writes them and booleans as 1 and 0. */
function storedValue(value: unknown): unknown {
  if (onPostgres()) return value ?? null;
  if (value instanceof Date) return instantText(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

/** Tables whose records carry a key of their own (kept across an export and an import). */
const KEYED = new Set(["Report", "Incident", "Claim", "Moment"]);

/**
 * Inserts a record and answers it as stored. The columns the client fills itself are filled here: a new key, the
 * creation and update times; a field left undefined takes the column's default.
 */
export async function insertRecord<T>(tx: Tx, table: string, data: Row): Promise<T> {
  const now = new Date();
  const row: Row = { ...(KEYED.has(table) ? { key: crypto.randomUUID() } : {}), createdAt: now, updatedAt: now, ...data };
  const columns = Object.keys(row).filter((c) => row[c] !== undefined);
  const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) RETURNING *`;
  return (await record<T>(tx, sql, ...columns.map((c) => storedValue(row[c]))))!;
}

/**
 * Updates a record's fields, its update time and its version (one more); with `version`, only while it is still at
 * that version. Answers the record as stored, or null when none matched.
 */
export async function updateRecord<T>(tx: Tx, table: string, id: number, data: Row, version?: number): Promise<T | null> {
  const fields = Object.keys(data).filter((c) => data[c] !== undefined);
  const sets = [...fields.map((c) => `"${c}" = ?`), `"updatedAt" = ?`, `"version" = "version" + 1`];
  const where = version === undefined ? `"id" = ?` : `"id" = ? AND "version" = ?`;
  const args = [...fields.map((c) => storedValue(data[c])), instantArg(Date.now()), id, ...(version === undefined ? [] : [version])];
  return record<T>(tx, `UPDATE "${table}" SET ${sets.join(", ")} WHERE ${where} RETURNING *`, ...args);
}
