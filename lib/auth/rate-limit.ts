// Rate limits: a sliding window for failed sign-ins and a token bucket for API writes. On SQLite one server process
// holds the database, so its memory is the right place (a restart forgets the counts, which errs on the side of
// users); on PostgreSQL several app servers answer, and the counts are kept in the database, shared by them all.
import "server-only";
import { attemptHit, clearHits, takeToken, undoHit } from "../data/rate-limits";
import { onPostgres } from "../db";

/** Counts events per key over a window: `blocked` once `limit` of them fall inside it. */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.hits.set(key, kept);
    else this.hits.delete(key);
    return kept;
  }

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.now()) / 1000));
  }

  record(key: string): void {
    if (this.hits.size > 10_000) for (const k of [...this.hits.keys()]) this.recent(k);
    this.hits.set(key, [...this.recent(key), this.now()]);
  }

  /**
   * Counts an attempt before the work it guards, in the same step as the check: of many attempts in flight at once,
   * only `limit` get through. Answers 0 when this one may go on, else the seconds to wait (and counts nothing).
   */
  attempt(key: string): number {
    const wait = this.retryAfter(key);
    if (wait === 0) this.record(key);
    return wait;
  }

  /** Takes back the latest attempt of `key` (it turned out not to be a failure). */
  undo(key: string): void {
    const kept = this.recent(key);
    kept.pop();
    if (kept.length) this.hits.set(key, kept);
    else this.hits.delete(key);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}

/** Allows bursts of up to `capacity`, refilled at `perSecond`; `take` answers 0 or the seconds to wait. */
export class TokenBucket {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}

/**
 * A sliding window kept where every server sees it: in memory on SQLite (one server), in the database on
 * PostgreSQL. `name` tells its keys apart from other limits' in the shared table.
 */
export class SharedSlidingWindow {
  private readonly local: SlidingWindow;

  constructor(
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.local = new SlidingWindow(limit, windowMs, now);
  }

  /** The key in the shared table: PostgreSQL's text cannot hold the NUL that some keys join their parts with. */
  private key(key: string): string {
    return `${this.name}:${JSON.stringify(key)}`;
  }

  /** As SlidingWindow.attempt: 0 when this attempt may go on (it is counted), else the seconds to wait. */
  attempt(key: string): Promise<number> {
    if (!onPostgres()) return Promise.resolve(this.local.attempt(key));
    return attemptHit(this.key(key), this.limit, this.windowMs, this.now());
  }

  undo(key: string): Promise<void> {
    if (!onPostgres()) return Promise.resolve(this.local.undo(key));
    return undoHit(this.key(key));
  }

  clear(key: string): Promise<void> {
    if (!onPostgres()) return Promise.resolve(this.local.clear(key));
    return clearHits(this.key(key));
  }
}

/** A token bucket kept where every server sees it (see SharedSlidingWindow). */
export class SharedTokenBucket {
  private readonly local: TokenBucket;

  constructor(
    readonly name: string,
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.local = new TokenBucket(capacity, perSecond, now);
  }

  /** As TokenBucket.take: 0 when a token was taken, else the seconds until one will be there. */
  async take(key: string): Promise<number> {
    if (!onPostgres()) return this.local.take(key);
    const { tokens, granted } = await takeToken(`${this.name}:${JSON.stringify(key)}`, this.capacity, this.perSecond, this.now());
    return granted ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
