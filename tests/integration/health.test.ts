// /api/health, and what a database that cannot take writes does to writes (503) and reads (none).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/events/route";
import { GET } from "@/app/api/health/route";
import * as sourcesRoute from "@/app/api/sources/route";
import { createMonitor } from "@/lib/data/monitors";
import { disconnectDb, getDb, write } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { MIGRATIONS_DIR, readMigrations } from "@/lib/migrate";
import { findFfmpeg } from "@/lib/monitor/ffmpeg";
import { POSTGRES_MIGRATIONS_DIR } from "@/lib/postgres";
import { onPostgresTests, runOnPostgres } from "../backend";
import { expectRefused, getRequest, jsonRequest } from "./api-helpers";
import { withOwnDatabase } from "./own-database";

const original = process.env.DATABASE_URL;
afterEach(() => {
  process.env.DATABASE_URL = original;
});

/** Asked as the load balancer on this machine asks, which sees the details. */
async function health() {
  const response = await GET(new Request("http://localhost/api/health", { headers: { "x-deadair-client": "127.0.0.1" } }));
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  it("answers 200 with the database reachable and writable, its migrations, and the free disk space", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    const migrations = readMigrations(onPostgresTests ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR).map((m) => m.name);
    expect(body).toEqual({
      status: "ok",
      database: { reachable: true, events: 0, writable: true, migrations: { applied: migrations.length, pending: [], latest: migrations.at(-1) } },
      // PostgreSQL's disk is its server's, which this machine cannot see.
      disk: onPostgresTests ? null : { freeBytes: expect.any(Number), totalBytes: expect.any(Number), low: expect.any(Boolean) },
      monitors: { total: 0, due: 0, running: 0, items: [] },
      ffmpeg: findFfmpeg(),
      problems: [],
    });
    if (onPostgresTests) return;
    expect(body.disk.freeBytes).toBeGreaterThan(0);
    expect(body.disk.freeBytes).toBeLessThanOrEqual(body.disk.totalBytes);
  });

  it("answers 503 when the database cannot be reached", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "deadair-health-")), "not-a-db.db");
    fs.writeFileSync(file, "this is not a SQLite database, only text that is long enough to have a header");
    // On PostgreSQL, a server that is not there (nothing listens on port 1).
    process.env.DATABASE_URL = onPostgresTests ? "postgresql://postgres@127.0.0.1:1/deadair" : `file:${file}`;
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe("unavailable");
    expect(body.database).toMatchObject({ reachable: false, writable: false });
  });
});

describe("the monitors in /api/health", () => {
  // One each: the file's afterEach points the app back at its own database after every test.
  withOwnDatabase({ seed: true, each: true });
  const ctx = { actor: systemActor("console") };
  let allowed: string | undefined;
  beforeAll(() => {
    allowed = process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  });
  afterAll(() => {
    if (allowed === undefined) delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
    else process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = allowed;
  });

  const MUSK = "musk-trump-x-spaces-2024";
  const DESANTIS = "desantis-twitter-spaces-2023";
  // An event has one audio monitor and one audience count: three monitors take two events.
  const add = (mode: string, slug = MUSK, kind = "audio") =>
    createMonitor({
      ctx,
      slug,
      input: { kind, url: "http://127.0.0.1:9/live", mode, label: "", ...(kind === "json" ? { pointer: "/listeners" } : {}) },
    });
  const age = (id: number, ms: number) => getDb().monitor.update({ where: { id }, data: { updatedAt: new Date(Date.now() - ms) } });

  it("counts them, and is degraded, never unavailable, by one due without a worker for over a minute or one that failed", async () => {
    const off = await add("off");
    const on = await add("on", MUSK, "json");
    const held = await add("on", DESANTIS);
    await getDb().monitor.update({
      where: { id: held.id },
      data: { leaseOwner: "host:1:abc", leaseUntil: new Date(Date.now() + 20_000), state: "running" },
    });

    // Just started by hand: a worker has a minute to take it.
    let { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.problems).toEqual([]);
    expect(body.monitors).toMatchObject({ total: 3, due: 2, running: 1 });
    expect(body.monitors.items).toEqual([
      { id: off.id, event: MUSK, kind: "audio", state: "idle", worker: null, lastSampleAt: null, lastError: null },
      { id: on.id, event: MUSK, kind: "json", state: "idle", worker: null, lastSampleAt: null, lastError: null },
      { id: held.id, event: DESANTIS, kind: "audio", state: "running", worker: "host:1:abc", lastSampleAt: null, lastError: null },
    ]);

    await age(on.id, 90_000);
    await age(off.id, 90_000);
    ({ status, body } = await health());
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.problems).toEqual([
      expect.stringMatching(new RegExp(`^Monitor ${on.id} \\(musk-trump-x-spaces-2024\\) is due but no worker has run it for 9\\d s`)),
    ]);

    await getDb().monitor.update({ where: { id: on.id }, data: { mode: "off" } });
    await getDb().monitor.update({ where: { id: held.id }, data: { state: "failed", lastError: "The stream has no audio track." } });
    ({ status, body } = await health());
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.problems).toEqual([`Monitor ${held.id} (${DESANTIS}) failed: The stream has no audio track.`]);
    expect(body.monitors.items[2]).toMatchObject({ state: "failed", lastError: "The stream has no audio track." });

    await getDb().monitor.deleteMany({});
    expect((await health()).body).toMatchObject({ status: "ok", problems: [], monitors: { total: 0, due: 0, running: 0 } });
  });

  it("tells an anonymous caller from elsewhere only the status they make, not what they are", async () => {
    await age((await add("on")).id, 90_000);
    const response = await GET(new Request("http://localhost/api/health", { headers: { "x-deadair-client": "203.0.113.5" } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "degraded" });
  });
});

/**
 * Runs `sql` in a write, as any caller may: a write runs on the connection that writes, so a limit set there holds
 * for every write after it. It queues behind the writes before it, so those finish first (a refused one included).
 */
async function onWriter(sql: string) {
  await write((tx) => tx.$queryRawUnsafe(sql));
}

// SQLite's own per-connection limits stand in for a full disk and a read-only file; PostgreSQL's answers to those
// are its server's, not made by a client.
describe.skipIf(onPostgresTests)("a database that cannot take writes", () => {
  // Long names, so that a refused row cannot slip into room left on a page.
  const post = (name: string) => sourcesRoute.POST(jsonRequest("POST", "/api/sources", { name: `${name} ${"x".repeat(190 - name.length)}` }));

  // SQLite gives a full disk and a read-only file the same answers as these per-connection limits do. A read-only
  // connection takes no write, not even the one that would lift the limit: it ends, as when the app restarts.
  for (const [what, limit, reset, code] of [
    ["read-only", "PRAGMA query_only = 1", () => disconnectDb(), /read-only/],
    ["full", "PRAGMA max_page_count = 1", () => onWriter("PRAGMA max_page_count = 1073741823"), /disk .* is full/],
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
        await reset();
      }
      expect((await post(`Accepted after ${what}`)).status).toBe(201);
      expect((await health()).body.status).toBe("ok");
    });
  }
});

// PostgreSQL's read-only database: a setting of the server's, which sessions opened after it take.
describe.runIf(onPostgresTests)("a PostgreSQL database that cannot take writes", () => {
  const post = (name: string) => sourcesRoute.POST(jsonRequest("POST", "/api/sources", { name }));
  const readOnly = async (on: boolean) => {
    const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    await runOnPostgres([`ALTER DATABASE "${name}" ${on ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only"}`]);
    // The pool's sessions keep what they started with: new ones take the setting.
    await disconnectDb();
  };

  it("(read-only) turns writes into a clear 503 with Retry-After while reads go on, and recovers", async () => {
    await readOnly(true);
    try {
      const refused = await expectRefused(() => post("Refused while read-only"), 503);
      expect(refused.detail).toMatch(/read-only/);
      expect(refused.detail).toMatch(/Nothing was changed/);
      expect(Number((await post("Refused again")).headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await eventsRoute.GET(getRequest("/api/events"))).status).toBe(200);
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.database).toMatchObject({ reachable: true, writable: false, writeProblem: expect.stringMatching(/read-only/) });
    } finally {
      await readOnly(false);
    }
    expect((await post("Accepted after read-only")).status).toBe(201);
    expect((await health()).body.status).toBe("ok");
  });
});

describe("what /api/health tells whom", () => {
  const ask = (headers: Record<string, string>) =>
    GET(new Request("http://localhost/api/health", { headers: { "x-deadair-client": "203.0.113.5", ...headers } }));

  it("tells an anonymous caller from elsewhere only whether Dead Air is up", async () => {
    const response = await ask({});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(await (await ask({ Authorization: "Bearer da_not-a-token" })).json()).toEqual({ status: "ok" });
  });

  it("tells a caller with a token, or a probe on this machine, the details", async () => {
    const token = process.env.DEADAIR_TEST_WRITE_TOKEN!;
    expect((await (await ask({ Authorization: `Bearer ${token}` })).json()).database.reachable).toBe(true);
    expect((await (await ask({ "x-deadair-client": "::1" })).json()).database.reachable).toBe(true);
  });
});
