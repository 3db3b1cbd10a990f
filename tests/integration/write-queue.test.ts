// lib/db.ts's write(): writes that arrive together share one transaction, yet each stands or falls alone, and a
// write resolves only once it is committed.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createSource } from "@/lib/data/source-writes";
import { getDb, write } from "@/lib/db";
import { ServiceUnavailableError } from "@/lib/errors";
import { databasePath } from "@/lib/sqlite";
import { systemActor } from "@/lib/domain/actor";
import { onPostgresTests } from "../backend";
import { withOwnDatabase } from "./own-database";

const CONSOLE = { actor: systemActor("console") };

/** Runs `sql` in a write, so on the connection that writes: a limit set there holds for every write after it. */
const onWriter = (sql: string) => write((tx) => tx.$queryRawUnsafe(sql));

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
    expect(outcomes.filter((o) => o.status === "rejected").every((o) => /Unique constraint/i.test(String((o as PromiseRejectedResult).reason)))).toBe(
      true,
    );
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

  // SQLite's own limits (max_page_count) and answers: PostgreSQL's disk is its server's, and its errors are not these.
  describe.skipIf(onPostgresTests)("on a disk that fills up", () => {
    // Where the disk fills up, and whether SQLite then ends the whole transaction, depends on what the file already
    // holds: a new file each time, the same whatever the other tests wrote before.
    withOwnDatabase({ each: true });

    it("refuses writes the disk cannot hold with a 503, acknowledges none of them, and goes on writing afterwards", async () => {
      const target = await createSource({ ctx: CONSOLE, input: { name: "Grows in place" } });
      const big = (name: string) => `${name} ${"x".repeat(180)}`;
      const grow = (i: number) => write((tx) => tx.source.update({ where: { id: target.id }, data: { leaning: `Leaning ${i}` } }));
      await onWriter("PRAGMA max_page_count = 1");
      try {
        // One at a time, until the disk is full. On a full disk SQLite may roll the whole transaction back by itself,
        // and the ROLLBACK that follows then fails: that must not leave the connection locked.
        let refused: unknown = null;
        for (let i = 0; i < 500 && !refused; i++) {
          refused = await createSource({ ctx: CONSOLE, input: { name: big(`Alone ${i}`) } }).then(
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
        // Queued in the same tick, the rest would share its transaction; once it has the connection, they wait for it.
        await new Promise((resolve) => setTimeout(resolve, 10));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? grow(1000 + i) : createSource({ ctx: CONSOLE, input: { name: big(`Full ${i}`) } }))),
        );
        await slow;
        const creates = outcomes.filter((_, i) => i % 3 !== 0);
        expect(creates.filter((o) => o.status === "rejected").length).toBeGreaterThan(0);
        for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(ServiceUnavailableError);
        const acknowledged = outcomes.flatMap((o, i) => (o.status === "fulfilled" && i % 3 !== 0 ? [big(`Full ${i}`)] : []));
        expect(await names("Full ")).toEqual(acknowledged.sort());
      } finally {
        await onWriter("PRAGMA max_page_count = 1073741823");
      }
      // The connection was released each time: the next write does not wait forever.
      await write((tx) => tx.source.create({ data: { name: "After the full disk" } }));
      expect(await names("After the full disk")).toHaveLength(1);
    });
  });

  // The write queue's shared SQLite transaction: on PostgreSQL each write is a transaction of its own (writePostgres).
  it.skipIf(onPostgresTests)("releases the connection when SQLite has ended the transaction by itself, alone or in a batch", async () => {
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
    // The queue waits one turn of the event loop before it takes a batch: after this turn, the slow write is alone in
    // its own, and the three below queue together behind it.
    await new Promise((resolve) => setImmediate(resolve));
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

  // SQLite's file lock, taken by another process through better-sqlite3; PostgreSQL's writes wait on an advisory lock.
  describe.skipIf(onPostgresTests)("while another program holds the write lock", () => {
    /**
     * Another process with the write lock (SQLite's lock wait would block this very thread, so it must be another
     * process): it takes the lock, writes a row, says "locked", and commits after `holdMs`.
     */
    async function otherProgram(name: string, holdMs: number): Promise<{ exited: Promise<void> }> {
      const script = `
        const Database = require("better-sqlite3");
        const db = new Database(process.argv[1]);
        db.exec("BEGIN IMMEDIATE");
        const now = new Date().toISOString();
        db.prepare('INSERT INTO "Source" (name, kind, createdAt, updatedAt) VALUES (?, ?, ?, ?)').run(process.argv[3], "other", now, now);
        process.stdout.write("locked");
        setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
      const child = spawn(process.execPath, ["-e", script, databasePath(), String(holdMs), name], { stdio: ["ignore", "pipe", "inherit"] });
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once("data", () => resolve());
        void exited.then(() => reject(new Error("the other program ended before it held the lock")));
      });
      return { exited };
    }

    it("waits for the lock without stopping the server, then writes, rather than failing", async () => {
      const other = await otherProgram("Held by another program", 600);
      const started = Date.now();
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      try {
        await write(async (tx) => {
          // A read first, then a write: without the lock taken up front, a commit by the other program in between
          // would fail this transaction with SQLITE_BUSY at once.
          await tx.source.count();
          return tx.source.create({ data: { name: "Waited for the lock" } });
        });
      } finally {
        clearInterval(timer);
      }
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(400);
      // The event loop went on meanwhile (requests are answered while a write waits): most 10 ms ticks happened.
      expect(ticks).toBeGreaterThan(waited / 10 / 3);
      await other.exited;
      expect(await names("Waited for the lock")).toHaveLength(1);
      expect(await names("Held by another program")).toHaveLength(1);
    });

    it("answers 503 with Retry-After, not 500, when the lock is held past the busy timeout, and writes again after", async () => {
      const other = await otherProgram("Held for too long", 6_000);
      const refused = await write((tx) => tx.source.create({ data: { name: "Gave up waiting" } })).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ServiceUnavailableError);
      expect((refused as ServiceUnavailableError).retryAfterSeconds).toBe(5);
      expect((refused as Error).message).toBe(
        "The database stayed locked by another program for too long; try again in a moment. Nothing was changed.",
      );
      await other.exited;
      expect(await names("Gave up waiting")).toEqual([]);
      await write((tx) => tx.source.create({ data: { name: "Lock free again" } }));
      expect(await names("Lock free again")).toHaveLength(1);
    }, 20_000);
  });
});
