// SQLite plumbing shared by the app, the Prisma CLI and the scripts: the URL default, opening checks, pragmas.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export const DEFAULT_DATABASE_URL = "file:./data/deadair.db";

/** How long a connection waits for another writer before SQLITE_BUSY, in milliseconds. */
export const BUSY_TIMEOUT_MS = 5_000;

// WAL lets readers go on while one writer writes; NORMAL sync is durable at each checkpoint and safe with WAL.
const PRAGMAS = `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;`;

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The file a `file:` URL points at, resolved against the working directory. */
export function databasePath(url: string = databaseUrl()): string {
  if (!url.startsWith("file:")) {
    throw new DatabaseOpenError(url, 'it must be a SQLite file URL such as "file:./data/deadair.db"');
  }
  const raw = url.slice("file:".length).replace(/\?.*$/, "");
  if (raw === "") throw new DatabaseOpenError(url, "it names no file");
  return path.resolve(raw);
}

export class DatabaseOpenError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Cannot open the database DATABASE_URL=${url}: ${reason}.`);
    this.name = "DatabaseOpenError";
  }
}

/**
 * Opens the database file the way the app will, or throws a DatabaseOpenError whose message is one line naming
 * the URL and the reason. A missing file in an existing folder is created (a fresh database); a missing folder is
 * not, except the default data/ folder.
 */
export function openDatabase(url: string = databaseUrl(), options: { readonly?: boolean } = {}): Database.Database {
  const file = databasePath(url);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    if (url === DEFAULT_DATABASE_URL) fs.mkdirSync(dir, { recursive: true });
    else throw new DatabaseOpenError(url, `the folder ${dir} does not exist`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    // Reading the schema version fails on a file that is not a SQLite database.
    db.pragma("schema_version");
    if (!options.readonly) db.exec(PRAGMAS);
    return db;
  } catch (error) {
    db?.close();
    throw new DatabaseOpenError(url, describeOpenFailure(error, file));
  }
}

function describeOpenFailure(error: unknown, file: string): string {
  const code = (error as { code?: string }).code ?? "";
  if (code === "SQLITE_NOTADB") return `${file} is not a SQLite database`;
  if (code === "SQLITE_CANTOPEN") return `${file} cannot be opened (check that it exists and the permissions)`;
  if (code === "SQLITE_READONLY" || code === "SQLITE_PERM" || code === "EACCES") {
    return `no permission to write ${file}`;
  }
  return `${file}: ${(error as Error).message ?? String(error)}`;
}

// On globalThis: Next loads this module apart in its bundles (instrumentation's, each route's), and the one that
// closes them at exit must know every connection any of them opened.
const tracked = globalThis as unknown as { deadAirAdapters?: Set<SqlDriverAdapter>; deadAirConnections?: Set<Database.Database> };
/** Every connection the adapters opened in this process, so that an exiting server can close them cleanly. */
const openConnections = (tracked.deadAirAdapters ??= new Set<SqlDriverAdapter>());
/** Connections of Dead Air's own (the read-only one of lib/data/sql.ts), closed first. */
const ownConnections = (tracked.deadAirConnections ??= new Set<Database.Database>());

/** Keeps a connection opened outside the adapters, so that closeAllConnections closes it too. */
export function trackConnection(connection: Database.Database): void {
  ownConnections.add(connection);
}

/**
 * Closes every connection (synchronously: better-sqlite3 closes at once). The last one to close checkpoints the
 * WAL into the database file, so a stopped server leaves one whole file behind: any other still open would prevent it.
 */
export function closeAllConnections(): void {
  for (const connection of ownConnections) if (connection.open) connection.close();
  ownConnections.clear();
  for (const adapter of openConnections) void adapter.dispose();
  openConnections.clear();
}

/**
 * The driver adapter for Prisma (client and CLI), with the pragmas applied to every connection it opens.
 * `busyTimeoutMs` replaces BUSY_TIMEOUT_MS: SQLite waits for a lock by sleeping in the calling thread, which in
 * a server is the one thread that answers every request, so the app's writer waits only briefly here and goes on
 * waiting without blocking (lib/db.ts).
 */
export function createSqliteAdapter(
  url: string = databaseUrl(),
  options: { busyTimeoutMs?: number; onConnection?: (connection: Database.Database) => void } = {},
): SqlMigrationAwareDriverAdapterFactory {
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const inner = new PrismaBetterSQLite3({ url: `file:${databasePath(url)}`, timeout: busyTimeoutMs });
  const withPragmas = async (connect: () => Promise<SqlDriverAdapter>) => {
    const connected = await connect();
    const connection = (connected as unknown as { client?: Database.Database }).client;
    if (connection) options.onConnection?.(connection);
    const adapter = endsTransactionsCleanly(connected);
    await adapter.executeScript(`${PRAGMAS} PRAGMA busy_timeout = ${busyTimeoutMs};`);
    openConnections.add(adapter);
    return adapter;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => withPragmas(() => inner.connect()),
    connectToShadowDb: async () => runsScripts(await withPragmas(() => inner.connectToShadowDb())),
  };
}

type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * Prisma ends a transaction by running COMMIT or ROLLBACK and only then tells the adapter, which frees its lock for
 * the next transaction. When that statement fails, the lock is never freed and every later write waits forever.
 * Both fail in practice: SQLite rolls a transaction back by itself on a full disk or an I/O error, so the ROLLBACK
 * that follows finds none; and a COMMIT can fail on a full disk. Here a failed ROLLBACK after SQLite's own counts
 * as done, a failed COMMIT rolls back, and the lock is freed exactly once whatever happens.
 */
function endsTransactionsCleanly(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const connection = (adapter as unknown as { client?: Database.Database }).client;
  const inTransaction = () => connection?.inTransaction ?? false;
  const guard = (tx: Transaction): Transaction => {
    let freed = false;
    const free = async (how: "commit" | "rollback") => {
      if (freed) return;
      freed = true;
      await tx[how]();
    };
    return new Proxy(tx, {
      get(target, property) {
        if (property === "commit" || property === "rollback") return () => free(property);
        if (property === "executeRaw") {
          return async (query: Parameters<Transaction["executeRaw"]>[0]) => {
            if (query.sql !== "COMMIT" && query.sql !== "ROLLBACK") return target.executeRaw(query);
            try {
              return await target.executeRaw(query);
            } catch (error) {
              // Should this ROLLBACK fail as well, there is nothing more to try; freeing the lock matters more.
              if (inTransaction()) {
                try {
                  connection?.exec("ROLLBACK");
                } catch {}
              }
              if (query.sql === "ROLLBACK") return 0;
              await free("rollback");
              throw error;
            }
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          inTransaction() ? nested(target, connection!) : guard(await target.startTransaction(...args));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let savepoints = 0;

/**
 * A transaction Prisma begins while one is open on the connection (the write queue's, lib/db.ts): a savepoint of that
 * transaction, released where Prisma commits and rolled back where it rolls back, so that what it writes stands or
 * falls with the write it belongs to.
 */
function nested(adapter: SqlDriverAdapter, connection: Database.Database): Transaction {
  const name = `prisma_${++savepoints}`;
  connection.exec(`SAVEPOINT ${name}`);
  let open = true;
  const end = (sql: string) => {
    if (!open) return;
    open = false;
    connection.exec(sql);
  };
  const transaction = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: (query: Parameters<Transaction["queryRaw"]>[0]) => adapter.queryRaw(query),
    executeRaw: async (query: Parameters<Transaction["executeRaw"]>[0]) => {
      if (query.sql === "COMMIT") end(`RELEASE ${name}`);
      else if (query.sql === "ROLLBACK") end(`ROLLBACK TO ${name}; RELEASE ${name}`);
      else return adapter.executeRaw(query);
      return 0;
    },
    commit: async () => end(`RELEASE ${name}`),
    rollback: async () => end(`ROLLBACK TO ${name}; RELEASE ${name}`),
  };
  return transaction as unknown as Transaction;
}

/**
 * The schema engine replays each migration file on the shadow database as one raw statement, which
 * better-sqlite3 refuses when the file holds several; a raw statement without parameters is run as a script.
 */
function runsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "executeRaw") {
        return async (query: Parameters<SqlDriverAdapter["executeRaw"]>[0]) => {
          if (query.args.length > 0) return target.executeRaw(query);
          await target.executeScript(query.sql);
          return 0;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
