// Before the first query: check that DATABASE_URL opens (a SQLite file or a PostgreSQL database) and bring its schema
// up to date.
import "server-only";
import { applyMigrations, getMigrationState } from "./migrate";
import { isPostgresUrl, migratePostgres } from "./postgres";
import { databaseUrl, openDatabase } from "./sqlite";

export interface PreparedDatabase {
  /** True when the database had no migration applied: a new file or an empty PostgreSQL database, to be seeded. */
  fresh: boolean;
  applied: string[];
}

/**
 * Throws DatabaseOpenError (SQLite) or MigrationError (either backend, and PostgreSQL's unreachable server), each
 * with a one-line message naming the database.
 */
export async function prepareDatabase(url: string = databaseUrl()): Promise<PreparedDatabase> {
  if (isPostgresUrl(url)) return migratePostgres(url);
  const db = openDatabase(url);
  try {
    const fresh = getMigrationState(db).applied.length === 0;
    return { fresh, applied: applyMigrations(db) };
  } finally {
    db.close();
  }
}
