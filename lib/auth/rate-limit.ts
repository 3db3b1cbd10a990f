// In-memory rate limits: a sliding window for failed sign-ins and a token bucket for API writes. One server process
// holds the database, so memory is the right place; a restart forgets the counts, which errs on the side of users.
import "server-only";

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
