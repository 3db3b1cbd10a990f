// The rate limits' counts in PostgreSQL, where several app servers must share them (lib/auth/rate-limit.ts): the
// failed sign-ins of a sliding window as rows, an API token's write allowance as one row updated in one statement.
import "server-only";
import { getDb, type Tx, unavailable } from "../db";
import { clientSql, postgresDialect } from "./sql";

const sql = postgresDialect;

/** A database that cannot take writes just now answers 503, as any write would, rather than 500. */
async function counted<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error) ?? error;
  }
}

/**
 * Counts an attempt of `key` at `now` unless `limit` of them fall in the window ending then: answers 0 when it was
 * counted, else the seconds until the oldest of them leaves the window. Attempts of one key take a lock of their
 * own for the length of the check and the insert, so that of many sent at once to several servers, `limit` count.
 */
export async function attemptHit(key: string, limit: number, windowMs: number, now: number): Promise<number> {
  return counted(() => getDb().$transaction(async (db) => {
    const tx = db as Tx;
    await tx.$executeRawUnsafe(sql(`SELECT pg_advisory_xact_lock(hashtext(?))`), `rate-limit:${key}`);
    const since = now - windowMs;
    // The hits that left the window are not kept (this key's now; every key's now and then, for keys never seen again).
    await tx.$executeRawUnsafe(sql(`DELETE FROM "RateLimitHit" WHERE "key" = ? AND "atMs" <= ?`), key, since);
    if (Math.random() < 0.01) await tx.$executeRawUnsafe(sql(`DELETE FROM "RateLimitHit" WHERE "atMs" <= ?`), now - 86_400_000);
    const hits = await tx.$queryRawUnsafe<{ atMs: number }[]>(sql(`SELECT "atMs" FROM "RateLimitHit" WHERE "key" = ? ORDER BY "atMs"`), key);
    if (hits.length >= limit) return Math.max(1, Math.ceil((hits[hits.length - limit].atMs + windowMs - now) / 1000));
    await tx.$executeRawUnsafe(sql(`INSERT INTO "RateLimitHit" ("key", "atMs") VALUES (?, ?)`), key, now);
    return 0;
  }));
}

/** Takes back the latest attempt of `key`. */
export async function undoHit(key: string): Promise<void> {
  await counted(() => clientSql().run(
    `DELETE FROM "RateLimitHit" WHERE "id" = (SELECT "id" FROM "RateLimitHit" WHERE "key" = ? ORDER BY "atMs" DESC, "id" DESC LIMIT 1)`,
    key,
  ));
}

/** Forgets every attempt of `key`. */
export async function clearHits(key: string): Promise<void> {
  await counted(() => clientSql().run(`DELETE FROM "RateLimitHit" WHERE "key" = ?`, key));
}

/**
 * Refills the bucket of `key` for the time since its last take and takes one token if a whole one is there, in one
 * statement (the row is locked while it runs, so two servers never take the same token). A new key starts full.
 * Answers the tokens left and whether one was taken. On the right of SET, the columns are the row's values before.
 */
export async function takeToken(key: string, capacity: number, perSecond: number, now: number): Promise<{ tokens: number; granted: boolean }> {
  // Numbered parameters, each given once: $3 is now, $4 the capacity, $5 the refill rate.
  const refilled = `LEAST($4, "RateLimitBucket"."tokens" + GREATEST(0, $3 - "RateLimitBucket"."atMs") / 1000 * $5)`;
  const row = await counted(() => clientSql().one<{ tokens: number; granted: boolean }>(
    `INSERT INTO "RateLimitBucket" ("key", "tokens", "atMs", "granted") VALUES ($1, $2, $3, TRUE)
     ON CONFLICT ("key") DO UPDATE SET
       "tokens" = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
       "granted" = ${refilled} >= 1,
       "atMs" = GREATEST("RateLimitBucket"."atMs", $3)
     RETURNING "tokens", "granted"`,
    key,
    capacity - 1,
    now,
    capacity,
    perSecond,
  ));
  return { tokens: Number(row!.tokens), granted: row!.granted };
}
