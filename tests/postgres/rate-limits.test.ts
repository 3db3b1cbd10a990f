// The sign-in and write limits on PostgreSQL, where several app servers answer: each server has its own limiter
// objects (here, two of each, as two servers would), and the counts they keep in the database are the same for all.
import { beforeAll, describe, expect, it } from "vitest";
import { SharedSlidingWindow, SharedTokenBucket } from "@/lib/auth/rate-limit";
import { applyPostgresMigrations } from "@/lib/postgres";

const MINUTE = 60_000;

beforeAll(async () => {
  await applyPostgresMigrations(process.env.DATABASE_URL!);
});

/** Two servers' limiters of one limit, on one clock that the test moves. */
function twoServers<T>(make: (now: () => number) => T): { a: T; b: T; clock: { now: number } } {
  const clock = { now: Date.UTC(2026, 11, 6, 12) };
  return { a: make(() => clock.now), b: make(() => clock.now), clock };
}

describe("failed sign-ins on several servers", () => {
  it("are counted once for all: the limit holds whichever server the attempts reach", async () => {
    const { a, b, clock } = twoServers((now) => new SharedSlidingWindow("shared-test", 3, 15 * MINUTE, now));
    expect(await a.attempt("ada@example.org")).toBe(0);
    clock.now += MINUTE;
    expect(await b.attempt("ada@example.org")).toBe(0);
    expect(await a.attempt("ada@example.org")).toBe(0);
    // The fourth is refused on either server until the first leaves the window, 14 minutes from now.
    expect(await b.attempt("ada@example.org")).toBe(14 * 60);
    expect(await a.attempt("ada@example.org")).toBe(14 * 60);
    expect(await a.attempt("bob@example.org")).toBe(0);
    // One server takes one back (a success); the other sees the room it made.
    await a.undo("ada@example.org");
    expect(await b.attempt("ada@example.org")).toBe(0);
    expect(await b.attempt("ada@example.org")).toBeGreaterThan(0);
    await b.clear("ada@example.org");
    expect(await a.attempt("ada@example.org")).toBe(0);
    clock.now += 15 * MINUTE;
    expect(await a.attempt("bob@example.org")).toBe(0);
  });

  it("let exactly the limit through when many arrive at once at two servers", async () => {
    const { a, b } = twoServers((now) => new SharedSlidingWindow("burst-test", 5, 15 * MINUTE, now));
    const waits = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).attempt("203.0.113.9")));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });

  it("keep keys that join their parts with a NUL apart", async () => {
    const { a } = twoServers((now) => new SharedSlidingWindow("nul-test", 1, MINUTE, now));
    expect(await a.attempt("ada@example.org\u0000203.0.113.9")).toBe(0);
    expect(await a.attempt("ada@example.org\u0000203.0.113.10")).toBe(0);
    expect(await a.attempt("ada@example.org\u0000203.0.113.9")).toBeGreaterThan(0);
  });
});

describe("a token's writes on several servers", () => {
  it("draw on one allowance, refilled with time", async () => {
    const { a, b, clock } = twoServers((now) => new SharedTokenBucket("bucket-test", 3, 1, now));
    expect([await a.take("7"), await b.take("7"), await a.take("7")]).toEqual([0, 0, 0]);
    expect(await b.take("7")).toBe(1);
    expect(await a.take("8")).toBe(0);
    clock.now += 2_000;
    expect([await b.take("7"), await a.take("7"), await b.take("7")]).toEqual([0, 0, 1]);
    // A clock behind the others' does not take tokens back.
    clock.now -= 5_000;
    expect(await a.take("7")).toBe(1);
  });

  it("let exactly the allowance through when many writes arrive at once at two servers", async () => {
    const { a, b } = twoServers((now) => new SharedTokenBucket("burst-bucket-test", 5, 0.001, now));
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take("9")));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });
});
