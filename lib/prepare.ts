// Before the first query: check that DATABASE_URL opens as a SQLite database and bring its schema up to date.
import "server-only";
import { applyMigrations, getMigrationState } from "./migrate";
import { databaseUrl, openDatabase } from "./sqlite";

export interface PreparedDatabase {
  /** True when the database had no migration applied: a new file, to be seeded. */
  fresh: boolean;
  applied: string[];
}

/** Throws DatabaseOpenError or MigrationError, each with a one-line message naming the database. */
export function prepareDatabase(url: string = databaseUrl()): PreparedDatabase {
  const db = openDatabase(url);
  try {
    const fresh = getMigrationState(db).applied.length === 0;
    return { fresh, applied: applyMigrations(db) };
  } finally {
    db.close();
  }
}
