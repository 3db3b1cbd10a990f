// A production server under a stream of writes: killed outright, stopped politely, backed up and restored while
// it writes. Every write it acknowledged must be in the database afterwards, and the file must stay whole.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, seededDatabase, startServer } from "@/scripts/server-process";

const run = promisify(execFile);
const EVENT = "desantis-twitter-spaces-2023";

let dir: string;
let servers: ServerProcess[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-durability-"));
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop("SIGKILL")));
  servers = [];
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function serve(url: string): Promise<ServerProcess> {
  const server = await startServer(url);
  servers.push(server);
  return server;
}

function postIncident(base: string, token: string, description: string, init: Partial<RequestInit> = {}) {
  return fetch(`${base}/api/events/${EVENT}/incidents`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "dead_air", startOffsetMinutes: 1, durationMinutes: 1, description }),
    ...init,
  });
}

/** Clients that post incidents until told to stop or until the server stops answering; the ids it acknowledged. */
function writeStream(base: string, tokens: string[]) {
  const acknowledged = new Map<number, string>();
  const statuses: number[] = [];
  let stopped = false;
  const done = Promise.all(
    tokens.map(async (token, c) => {
      for (let i = 0; !stopped; i++) {
        const description = `stream c${c} #${i}`;
        try {
          const response = await postIncident(base, token, description);
          statuses.push(response.status);
          if (response.status === 201) acknowledged.set(((await response.json()) as { id: number }).id, description);
        } catch {
          return; // The server is gone: what was not answered was not acknowledged.
        }
      }
    }),
  );
  return {
    acknowledged,
    statuses,
    whenAcknowledged: async (n: number) => {
      while (acknowledged.size < n) await new Promise((r) => setTimeout(r, 5));
    },
    stop: async () => {
      stopped = true;
      await done;
    },
    done,
  };
}

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const incidents = new Map(
      (db.prepare("SELECT id, description FROM Incident WHERE description LIKE 'stream %'").all() as { id: number; description: string }[]).map(
        (r) => [r.id, r.description],
      ),
    );
    // Each incident's creation is logged in the same transaction: a consistent file has one log row for each.
    const logged = (
      db
        .prepare("SELECT count(*) AS n FROM Revision WHERE entity = 'incident' AND action = 'create' AND after LIKE ?")
        .get('%"description":"stream %') as { n: number }
    ).n;
    return { integrity: db.pragma("integrity_check", { simple: true }), incidents, logged };
  } finally {
    db.close();
  }
}

function expectAllPresent(acknowledged: Map<number, string>, found: Map<number, string>) {
  const missing = [...acknowledged].filter(([id, text]) => found.get(id) !== text);
  expect(missing).toEqual([]);
}

describe("a crash (SIGKILL) in the middle of a stream of writes", () => {
  it("leaves the database whole, with every write answered 2xx before the kill, once the server restarts", async () => {
    const file = path.join(dir, "crash.db");
    const { url, tokens } = await seededDatabase(file, 8);
    const server = await serve(url);
    const stream = writeStream(server.url, tokens);
    await stream.whenAcknowledged(150);
    const killed = await server.stop("SIGKILL");
    await stream.done;
    expect(killed.signal).toBe("SIGKILL");
    expect(stream.statuses.filter((s) => s >= 500)).toEqual([]);
    const acknowledged = new Map(stream.acknowledged);

    const again = await serve(url);
    const health = (await (await fetch(`${again.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe("ok");
    const [someId, someText] = [...acknowledged][acknowledged.size - 1];
    expect(((await (await fetch(`${again.url}/api/incidents/${someId}`)).json()) as { description: string }).description).toBe(someText);
    expect((await postIncident(again.url, tokens[0], "stream after the restart")).status).toBe(201);
    await again.stop("SIGTERM");

    const after = inspect(file);
    expect(after.integrity).toBe("ok");
    expectAllPresent(acknowledged, after.incidents);
    expect(after.logged).toBe(after.incidents.size);
  });
});

describe("a polite stop (SIGTERM)", () => {
  it("lets the request in flight finish and be saved, then closes the database cleanly", async () => {
    const file = path.join(dir, "term.db");
    const { url, tokens } = await seededDatabase(file, 1);
    const server = await serve(url);
    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ kind: "dead_air", startOffsetMinutes: 2, durationMinutes: 3, description: "stream in flight at SIGTERM" });
    let sendRest!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 20)));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode(body.slice(20)));
          controller.close();
        };
      },
    });
    const inFlight = fetch(`${server.url}/api/events/${EVENT}/incidents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens[0]}`, "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    sendRest();
    const response = await inFlight;
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };

    const exit = await server.exited;
    expect(exit.code).toBe(143); // Next's exit code for a SIGTERM it handled, not a kill by the signal.
    // The last connection to close checkpoints the WAL into the file and removes it.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    const after = inspect(file);
    expect(after.integrity).toBe("ok");
    expect(after.incidents.get(id)).toBe("stream in flight at SIGTERM");
  });
});

describe("a backup taken while writes go on", () => {
  it("is consistent, and restoring it into the running server brings back exactly that moment", async () => {
    const file = path.join(dir, "live.db");
    const backup = path.join(dir, "backup.db");
    const { url, tokens } = await seededDatabase(file, 6);
    const server = await serve(url);
    const env = { ...process.env, DATABASE_URL: url };
    const stream = writeStream(server.url, tokens);
    await stream.whenAcknowledged(50);
    const before = new Map(stream.acknowledged);
    const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-backup.ts", backup], { env });
    const during = stream.acknowledged.size;
    await stream.whenAcknowledged(during + 50);
    await stream.stop();
    expect(stdout).toMatch(/integrity ok/);
    expect(stream.statuses.filter((s) => s >= 500)).toEqual([]);

    const copy = inspect(backup);
    expect(copy.integrity).toBe("ok");
    // Everything acknowledged before the backup began is in it; it is one moment, so every incident has its log row.
    expectAllPresent(before, copy.incidents);
    expect(copy.logged).toBe(copy.incidents.size);
    const later = [...stream.acknowledged.keys()].filter((id) => !copy.incidents.has(id));
    expect(later.length).toBeGreaterThan(0);

    const restored = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-restore.ts", backup], { env });
    expect(restored.stdout).toMatch(/Restored .* integrity ok/);
    const previous = /kept in (\S+)\.$/m.exec(restored.stdout)?.[1];
    expect(previous && inspect(previous).incidents.size).toBe(stream.acknowledged.size);

    // The running server reads the restored data: what came after the backup is gone, what was in it is there.
    expect((await fetch(`${server.url}/api/incidents/${later[0]}`)).status).toBe(404);
    const [keptId, keptText] = [...before][0];
    expect(((await (await fetch(`${server.url}/api/incidents/${keptId}`)).json()) as { description: string }).description).toBe(keptText);
    expect((await postIncident(server.url, tokens[0], "stream after the restore")).status).toBe(201);
    await server.stop("SIGTERM");
    const after = inspect(file);
    expect(after.integrity).toBe("ok");
    expect(after.incidents.size).toBe(copy.incidents.size + 1);
  });

  it("refuses files that are not whole Dead Air databases, and leaves the live one as it was", async () => {
    const file = path.join(dir, "refuse.db");
    const { url } = await seededDatabase(file, 0);
    const env = { ...process.env, DATABASE_URL: url };
    const good = path.join(dir, "good.db");
    await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-backup.ts", good], { env });
    const text = path.join(dir, "text.db");
    fs.writeFileSync(text, "not a database at all");
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE notes (body TEXT)");
    const damaged = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(good);
    bytes.fill(0x5a, 4096 * 3, 4096 * 3 + 600);
    fs.writeFileSync(damaged, bytes);
    const liveBytes = fs.readFileSync(file);

    for (const [candidate, reason] of [
      [text, /is not a SQLite database/],
      [other, /is not a Dead Air database/],
      [damaged, /fails its integrity check/],
      [path.join(dir, "absent.db"), /does not exist/],
    ] as const) {
      const failure = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-restore.ts", candidate], { env }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(reason);
      expect(failure?.stderr).toMatch(/the live database was not changed/);
    }
    expect(fs.readFileSync(file).equals(liveBytes)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("refuse.db.before-restore"))).toEqual([]);
  });
});
