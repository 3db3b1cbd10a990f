// lib/db.ts's write(): writes that arrive together share one transaction, yet each stands or falls alone, and a
// write resolves only once it is committed.
import { describe, expect, it } from "vitest";
import { createSource } from "@/lib/data/source-writes";
import { SourceInput } from "@/lib/validation/source";
import { type Db, getDb, write } from "@/lib/db";
import { ServiceUnavailableError } from "@/lib/errors";

const writer = () => (globalThis as unknown as { deadAirDb: { writer: Db } }).deadAirDb.writer;

async function names(prefix: string): Promise<string[]> {
  const rows = await getDb().source.findMany({ where: { name: { startsWith: prefix } }, select: { name: true } });
  return rows.map((r) => r.name).sort();
}

describe("write()", () => {
  it("commits the writes that succeed and leaves no trace of the ones that fail, when they arrive together", async () => {
    // Every fifth write makes a row and then fails (a duplicate name): its own row must go too.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        write(async (tx) => {
          await tx.source.create({ data: { name: `Batch ${String(i).padStart(2, "0")}` } });
          if (i % 5 === 0) await tx.source.create({ data: { name: `Batch ${String(i).padStart(2, "0")}` } });
          return i;
        }),
      ),
    );
    const kept = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [i] : []));
    expect(kept).toHaveLength(32);
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => /Unique constraint/i.test(String((o as PromiseRejectedResult).reason)))).toBe(true);
    expect(await names("Batch ")).toEqual(kept.map((i) => `Batch ${String(i).padStart(2, "0")}`));
  });

  it("resolves a write only after it is committed: a reader sees it as soon as it resolves", async () => {
    const seen = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await write((tx) => tx.source.create({ data: { name: `Visible ${i}` } }));
        return (await getDb().source.count({ where: { name: `Visible ${i}` } })) === 1;
      }),
    );
    expect(seen.every(Boolean)).toBe(true);
  });

  it("refuses writes the disk cannot hold with a 503, acknowledges none of them, and goes on writing afterwards", async () => {
    const target = await createSource(SourceInput.parse({ name: "Grows in place" }));
    const big = (name: string) => `${name} ${"x".repeat(180)}`;
    const grow = (i: number) => write((tx) => tx.source.update({ where: { id: target.id }, data: { leaning: `Leaning ${i}` } }));
    await write(async () => undefined);
    await writer().$queryRawUnsafe("PRAGMA max_page_count = 1");
    try {
      // One at a time, until the disk is full. On a full disk SQLite may roll the whole transaction back by itself,
      // and the ROLLBACK that follows then fails: that must not leave the connection locked.
      let refused: unknown = null;
      for (let i = 0; i < 500 && !refused; i++) {
        refused = await createSource(SourceInput.parse({ name: big(`Alone ${i}`) })).then(
          () => null,
          (error: unknown) => error,
        );
        await grow(i);
      }
      expect(refused).toBeInstanceOf(ServiceUnavailableError);

      // Then many at once, so that they share transactions: a slow write holds the connection while the rest queue.
      const slow = write(async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return tx.source.count();
      });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? grow(1000 + i) : createSource(SourceInput.parse({ name: big(`Full ${i}`) })))),
      );
      await slow;
      const creates = outcomes.filter((_, i) => i % 3 !== 0);
      expect(creates.filter((o) => o.status === "rejected").length).toBeGreaterThan(0);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(ServiceUnavailableError);
      const acknowledged = outcomes.flatMap((o, i) => (o.status === "fulfilled" && i % 3 !== 0 ? [big(`Full ${i}`)] : []));
      expect(await names("Full ")).toEqual(acknowledged.sort());
    } finally {
      await writer().$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    }
    // The connection was released each time: the next write does not wait forever.
    await write((tx) => tx.source.create({ data: { name: "After the full disk" } }));
    expect(await names("After the full disk")).toHaveLength(1);
  });

  it("releases the connection when SQLite has ended the transaction by itself, alone or in a batch", async () => {
    // What SQLite does on a full disk or an I/O error, made certain: the transaction is gone before Prisma ends it.
    const endedBySqlite = (name: string, fail: boolean) =>
      write(async (tx) => {
        await tx.source.create({ data: { name } });
        await tx.$executeRawUnsafe("ROLLBACK");
        if (fail) throw new Error(`${name} failed`);
      });
    await expect(endedBySqlite("Ended then failed", true)).rejects.toThrow("Ended then failed failed");
    await expect(endedBySqlite("Ended then returned", false)).rejects.toThrow(/no transaction is active/);

    const slow = write(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    const batch = await Promise.allSettled([
      write((tx) => tx.source.create({ data: { name: "Ended batch, before" } })),
      endedBySqlite("Ended batch, middle", true),
      write((tx) => tx.source.create({ data: { name: "Ended batch, after" } })),
    ]);
    await slow;
    expect(batch.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await names("Ended ")).toEqual([]);

    await write((tx) => tx.source.create({ data: { name: "Ended, and then a write" } }));
    expect(await names("Ended, and then")).toHaveLength(1);
  });
});
