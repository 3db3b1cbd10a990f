// Heavy reads open to anyone are bounded: how many whole-database downloads run at once, and how long one may hold
// its read snapshot.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as compareExport } from "@/app/api/compare/route";
import { GET as exportAll } from "@/app/api/export/route";
import { EXPORTS, WHOLE_EXPORTS } from "@/lib/api/download";
import { seedDatabase } from "@/lib/data/seed";
import { BASE } from "./api-helpers";

const whole = () => exportAll(new Request(`${BASE}/api/export?format=json`));

beforeAll(async () => {
  await seedDatabase();
});
afterEach(() => {
  delete process.env.DEADAIR_EXPORT_MAX_SECONDS;
});

describe("whole-database downloads", () => {
  it("run two at once; a third is told to come back (503, Retry-After) until one ends", async () => {
    const first = await whole();
    const second = await whole();
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await whole();
    expect(third.status).toBe(503);
    expect(third.headers.get("retry-after")).toBe("30");
    expect(((await third.json()) as { detail: string }).detail).toMatch(/already running/);

    // One read to its end, one given up by its reader: both slots come back.
    expect((await first.json()).format).toBe("deadair.comparison");
    await second.body!.cancel();
    expect(WHOLE_EXPORTS.active).toBe(0);
    const again = await whole();
    expect(again.status).toBe(200);
    await again.text();
  });

  it("are cut off once they have held their read snapshot past DEADAIR_EXPORT_MAX_SECONDS, and free their slot", async () => {
    process.env.DEADAIR_EXPORT_MAX_SECONDS = "0.05";
    const slow = await whole();
    const reader = slow.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow(/longer than 0.05 s/);
    expect(WHOLE_EXPORTS.active).toBe(0);
  });

  it("leave comparisons their own, larger allowance", async () => {
    const a = await whole();
    const b = await whole();
    const comparison = await compareExport(new Request(`${BASE}/api/compare?events=musk-trump-x-spaces-2024&format=csv`));
    expect(comparison.status).toBe(200);
    await Promise.all([a.text(), b.text(), comparison.text()]);
    expect(EXPORTS.active + WHOLE_EXPORTS.active).toBe(0);
  });
});
