// When a webhook delivery that failed is tried again: the Standard Webhooks example schedule, cut at about a day.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait after the 1st, 2nd, … failed attempt; after the last one the delivery is given up as failed. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR] as const;

/** The first try and one per delay: 7 attempts over about 17 h 35 min. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * Up to 10% more than the schedule, at random, so that endpoints that failed together (one outage) are not all
 * retried in the same second, as the specification recommends.
 */
export const RETRY_JITTER = 0.1;

/** The wait before the next attempt after `attemptsMade` attempts that all failed, or null when none is left. */
export function computeRetryDelay(attemptsMade: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[attemptsMade - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + RETRY_JITTER * random()));
}
