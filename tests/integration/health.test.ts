// /api/health, and what a database that cannot take writes does to writes (503) and reads (none).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/events/route";
import { GET } from "@/app/api/health/route";
import * as sourcesRoute from "@/app/api/sources/route";
import { type Db, write } from "@/lib/db";
import { readMigrations } from "@/lib/migrate";
import { expectRefused, getRequest, jsonRequest } from "./api-helpers";

const original = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = original;
});

async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  it("answers 200 with the database reachable and writable, its migrations, and the free disk space", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    const migrations = readMigrations().map((m) => m.name);
    expect(body).toEqual({
      status: "ok",
      database: { reachable: true, events: 0, writable: true, migrations: { applied: migrations.length, pending: [], latest: migrations.at(-1) } },
      disk: { freeBytes: expect.any(Number), totalBytes: expect.any(Number), low: expect.any(Boolean) },
    });
    expect(body.disk.freeBytes).toBeGreaterThan(0);
    expect(body.disk.freeBytes).toBeLessThanOrEqual(body.disk.totalBytes);
  });

  it("answers 503 when the database cannot be reached", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deadair-health-")), "not-a-db.db");
    fs.writeFileSync(file, "this is not a SQLite database, only text that is long enough to have a header");
    process.env.DATABASE_URL = `file:${file}`;
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe("unavailable");
    expect(body.database).toMatchObject({ reachable: false, writable: false });
  });
});

/** The writer connection itself (lib/db.ts caches it on globalThis): the limit must be set on the connection that writes. */
async function onWriter(sql: string) {
  // Let queued writes finish first (a refused one included).
  await write(async () => undefined).catch(() => undefined);
  await (globalThis as unknown as { deadAirDb: { writer: Db } }).deadAirDb.writer.$queryRawUnsafe(sql);
}

describe("a database that cannot take writes", () => {
  // Long names, so that a refused row cannot slip into room left on a page.
  const post = (name: string) => sourcesRoute.POST(jsonRequest("POST", "/api/sources", { name: `${name} ${"x".repeat(190 - name.length)}` }));

  // SQLite gives a full disk and a read-only file the same answers as these per-connection limits do.
  for (const [what, limit, reset, code] of [
    ["read-only", "PRAGMA query_only = 1", "PRAGMA query_only = 0", /read-only/],
    ["full", "PRAGMA max_page_count = 1", "PRAGMA max_page_count = 1073741823", /disk .* is full/],
  ] as const) {
    it(`(${what}) turns writes into a clear 503 with Retry-After while reads go on, and recovers`, async () => {
      // max_page_count cannot go below the file's size; asking for 1 sets it to exactly the current size.
      await onWriter(limit);
      try {
        // The file's last pages have room left: fill them until the disk is "full".
        for (let i = 0; i < 500 && what === "full"; i++) {
          if ((await post(`Filler ${i}`)).status === 503) break;
        }
        const refused = await expectRefused(() => post(`Refused while ${what}`), 503);
        expect(refused.detail).toMatch(code);
        expect(refused.detail).toMatch(/Nothing was changed/);
        const again = await post(`Refused while ${what}, again`);
        expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);

        expect((await eventsRoute.GET(getRequest("/api/events"))).status).toBe(200);
        const { status, body } = await health();
        expect(status).toBe(200);
        expect(body.status).toBe("degraded");
        expect(body.database).toMatchObject({ reachable: true, writable: false, writeProblem: expect.stringMatching(code) });
      } finally {
        await onWriter(reset);
      }
      expect((await post(`Accepted after ${what}`)).status).toBe(201);
      expect((await health()).body.status).toBe("ok");
    });
  }
});
