// Password hashes are bounded: however many sign-ins arrive at once, at most four hashes run and a short queue waits.
import { describe, expect, it } from "vitest";
import { hashingLoad, hashPassword, verifyPassword } from "@/lib/auth/password";
import { ServiceUnavailableError } from "@/lib/errors";

describe("bounded hashing", () => {
  it("runs at most four hashes at once, queues up to 64 and refuses the rest with 503, then recovers", async () => {
    const hash = await hashPassword("correct horse battery staple");
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashingLoad().running)), 1);
    const outcomes = await Promise.allSettled(Array.from({ length: 80 }, () => verifyPassword("wrong", hash)));
    clearInterval(watch);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(most).toBeLessThanOrEqual(4);
    expect(refused.length).toBe(80 - 4 - 64);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ServiceUnavailableError);
    expect(outcomes.filter((o) => o.status === "fulfilled").every((o) => (o as PromiseFulfilledResult<boolean>).value === false)).toBe(true);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  }, 120_000);
});
