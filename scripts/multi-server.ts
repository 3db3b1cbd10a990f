// `npm run test:multi-server`: Dead Air beyond one machine, for real. Three app servers and two monitor workers on one
// new PostgreSQL database, behind HAProxy (Debian's). Live viewers follow events through the balancer while their
// audience monitors are sampled, and the load test's clients write through it; in the middle, one app server and one
// worker are killed (SIGKILL). Then: every acknowledged write is in the database once (and no refused one), every
// monitor is sampled by exactly one worker (the survivor, after its lease lapsed), and every viewer is connected
// to a live server and receives samples again. Exits 1 when a check fails. Everything it starts, it stops.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createEvent } from "../lib/data/event-writes";
import { createMonitor } from "../lib/data/monitors";
import { disconnectDb, getDb } from "../lib/db";
import { systemActor } from "../lib/domain/actor";
import { buildIfStale } from "./build-if-stale";
import { client, ledger, statusLine, verify } from "./load-clients";
import { createPostgresDatabase, dropPostgresDatabase, newPostgresUrl } from "../tests/backend";
import { type Balancer, everyServerUp, startBalancer } from "./balancer";
import { seededDatabase, type ServerProcess, startServer, startWorkerProcess, type WorkerProcess } from "./server-process";

const APP_SERVERS = 3;
const WORKERS = 2;
const MONITORS = 4;
const VIEWERS = 6;
const CLIENTS = 24;
const WRITES = 1_200;
/** The kills come when this many writes have been made. */
const KILL_AFTER_WRITES = 400;
/** The monitors' poll interval: a window of WINDOW_MS sees about WINDOW_MS / INTERVAL_S / 1000 polls of each. */
const INTERVAL_S = 2;
const WINDOW_MS = 12_000;
const CONSOLE = { actor: systemActor("console") };

const problems: string[] = [];
const log = (line: string) => console.log(`multi-server: ${line}`);

/** Polls `check` until it answers true, or fails naming `what`. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ------------------------------------------------------------------------------------------------ live viewers

interface Viewer {
  n: number;
  /** The app server of each connection, in order (HAProxy's X-Dead-Air-Server). */
  servers: string[];
  /** When each samples message arrived, and on which server. */
  samples: { at: number; server: string }[];
  lastId: string | null;
  request: http.ClientRequest | null;
  stopped: boolean;
}

/** A viewer as a browser's EventSource is one: it reconnects after a dropped stream, sending the last id it had. */
function watch(base: string, n: number, slug: string): Viewer {
  const viewer: Viewer = { n, servers: [], samples: [], lastId: null, request: null, stopped: false };
  const connect = () => {
    if (viewer.stopped) return;
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    if (viewer.lastId) headers["Last-Event-ID"] = viewer.lastId;
    // Once per connection, however it ended (refused, dropped, answered with an error).
    let ended = false;
    const again = () => {
      if (ended) return;
      ended = true;
      viewer.request = null;
      if (!viewer.stopped) setTimeout(connect, 500);
    };
    const request = http.get(`${base}/api/events/${slug}/live`, { headers }, (response) => {
      const server = String(response.headers["x-dead-air-server"] ?? "?");
      response.on("close", again);
      if (response.statusCode !== 200) return void response.resume();
      viewer.servers.push(server);
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(frame)?.[1];
          if (id) viewer.lastId = id;
          if (/^event: samples$/m.test(frame)) viewer.samples.push({ at: Date.now(), server });
        }
      });
    });
    request.on("error", again);
    request.on("close", again);
    viewer.request = request;
  };
  connect();
  return viewer;
}

// ------------------------------------------------------------------------------------------------ the run

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-multi-"));
  // A new database on DEADAIR_TEST_POSTGRES_URL's server (default: 127.0.0.1:5432), dropped at the end.
  const url = newPostgresUrl("deadair_multi");
  const name = new URL(url).pathname.slice(1);
  const servers: ServerProcess[] = [];
  const workers: WorkerProcess[] = [];
  const viewers: Viewer[] = [];
  let balancer: Balancer | undefined;
  let counter: http.Server | undefined;
  await createPostgresDatabase(url);
  try {
    const { tokens } = await seededDatabase(url, CLIENTS);
    buildIfStale();
    // The app servers leave the monitors to the workers, as a deployment with workers of its own does.
    const env = { DEADAIR_MONITOR_WORKER: "0", DEADAIR_ALLOW_PRIVATE_TARGETS: "1" };
    servers.push(...(await Promise.all(Array.from({ length: APP_SERVERS }, () => startServer(url, env, 120_000)))));
    workers.push(...Array.from({ length: WORKERS }, () => startWorkerProcess({ DATABASE_URL: url })));
    balancer = startBalancer(servers, dir);
    const base = balancer.url;
    await everyServerUp(balancer, APP_SERVERS);
    log(`${APP_SERVERS} app servers (${servers.map((s) => s.url).join(", ")}) and ${WORKERS} workers on ${name}, behind HAProxy at ${base}`);

    // Audience counts for the monitors to poll, each monitor its own path, each poll noted.
    const polls = new Map<string, number[]>();
    counter = http.createServer((request, response) => {
      const list = polls.get(request.url!) ?? [];
      list.push(Date.now());
      polls.set(request.url!, list);
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ listeners: 1000 + list.length }));
    });
    await new Promise<void>((resolve) => counter!.listen(0, "127.0.0.1", resolve));
    const counterPort = (counter.address() as AddressInfo).port;
    process.env.DATABASE_URL = url;
    // An event counts its audience with one monitor: one event for each.
    const monitorIds: number[] = [];
    const slugs: string[] = [];
    for (let i = 0; i < MONITORS; i++) {
      const { slug } = await createEvent({ ctx: CONSOLE, input: { title: `Stream ${i + 1}`, platform: "Icecast", timeZone: "UTC", status: "live" } });
      const input = {
        kind: "json",
        url: `http://127.0.0.1:${counterPort}/count/${i}`,
        pointer: "/listeners",
        intervalSeconds: INTERVAL_S,
        mode: "on",
      };
      monitorIds.push((await createMonitor({ ctx: CONSOLE, slug, input })).id);
      slugs.push(slug);
    }
    const owners = async () =>
      (await getDb().monitor.findMany({ where: { id: { in: monitorIds } }, select: { leaseOwner: true } })).map((m) => m.leaseOwner);
    const pidOf = (owner: string | null) => Number(owner?.split(":").at(-2));
    await until("the workers take every monitor", async () => (await owners()).every((o) => o !== null), 30_000);
    log(`monitors ${monitorIds.join(", ")} held by ${[...new Set((await owners()).map(pidOf))].map((p) => `worker ${p}`).join(" and ")}`);

    viewers.push(...Array.from({ length: VIEWERS }, (_, n) => watch(base, n, slugs[n % MONITORS])));
    await until("every viewer gets samples", () => viewers.every((v) => v.samples.length > 0), 30_000);
    log(`${VIEWERS} viewers on ${viewers.map((v) => v.servers[0]).join(", ")}, each receiving samples`);

    // The load, and the kills in the middle of it.
    ledger.serversMayDie = true;
    const deadline = Date.now() + 180_000;
    let killedAt = 0;
    let killedServer = "";
    let killedWorker = 0;
    const killer = (async () => {
      await until("the load is under way", () => ledger.writes >= KILL_AFTER_WRITES, 120_000);
      const [victim] = servers;
      killedServer = "app1";
      const held = (await owners()).map(pidOf);
      const worker = workers.reduce((a, b) => (held.filter((p) => p === b.child.pid).length > held.filter((p) => p === a.child.pid).length ? b : a));
      killedWorker = worker.child.pid!;
      killedAt = Date.now();
      victim.child.kill("SIGKILL");
      worker.child.kill("SIGKILL");
      log(
        `killed app server app1 (pid ${victim.child.pid}) and worker ${killedWorker}, holding ${held.filter((p) => p === killedWorker).length} monitors, after ${ledger.writes} writes`,
      );
    })();
    await Promise.all(tokens.map((token, n) => client(base, token, n, deadline, WRITES)));
    await killer;
    log(
      `load: ${ledger.writeLatencies.length} writes answered, ${ledger.unknown} requests without an answer (the killed server's); answers ${statusLine()}`,
    );
    if (ledger.writes < WRITES) problems.push(`only ${ledger.writes} of ${WRITES} writes were made`);
    problems.push(...ledger.errors, ...(await verify(url)));

    // Every monitor goes to the surviving worker once the killed one's leases lapse, and is polled at its pace.
    const survivor = workers.find((w) => w.child.pid !== killedWorker)!;
    await until("the surviving worker holds every monitor", async () => (await owners()).every((o) => pidOf(o) === survivor.child.pid), 45_000).catch(
      (error) => problems.push(`${(error as Error).message}\n${survivor.output()}`),
    );
    const takeover = Date.now();
    log(`worker ${survivor.child.pid} holds every monitor, ${((takeover - killedAt) / 1000).toFixed(1)} s after the kill`);
    await new Promise((r) => setTimeout(r, 2_000 + WINDOW_MS));
    const windowStart = takeover + 2_000;
    const expected = WINDOW_MS / 1000 / INTERVAL_S;
    for (let i = 0; i < MONITORS; i++) {
      const inWindow = (polls.get(`/count/${i}`) ?? []).filter((t) => t >= windowStart && t < windowStart + WINDOW_MS).length;
      // Two workers polling one monitor would poll it twice as often.
      if (inWindow < expected / 2 || inWindow > expected * 1.5)
        problems.push(`monitor ${monitorIds[i]} was polled ${inWindow} times in ${WINDOW_MS / 1000} s, about ${expected} expected`);
    }
    log(
      `polls in the ${WINDOW_MS / 1000} s after the takeover: ${Array.from({ length: MONITORS }, (_, i) => (polls.get(`/count/${i}`) ?? []).filter((t) => t >= windowStart && t < windowStart + WINDOW_MS).length).join(", ")} (about ${expected} each expected)`,
    );

    // Every viewer is on a live server and receives what the surviving worker samples.
    for (const viewer of viewers) {
      const current = viewer.servers.at(-1);
      if (current === killedServer) problems.push(`viewer ${viewer.n} is still on the killed server`);
      if (!viewer.samples.some((s) => s.at >= windowStart && s.server !== killedServer))
        problems.push(`viewer ${viewer.n} received no samples after the takeover (connections: ${viewer.servers.join(", ")})`);
    }
    const moved = viewers.filter((v) => v.servers.includes(killedServer));
    if (moved.length === 0) problems.push("no viewer was on the killed server, so none was seen to reconnect");
    log(`viewers on the killed server: ${moved.length}, now on ${moved.map((v) => v.servers.at(-1)).join(", ")}`);
  } finally {
    for (const viewer of viewers) {
      viewer.stopped = true;
      viewer.request?.destroy();
    }
    balancer?.stop();
    await Promise.all(servers.map((s) => s.stop("SIGKILL")));
    for (const w of workers) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await new Promise((resolve) => (counter ? counter.close(resolve) : resolve(undefined)));
    await disconnectDb();
    await dropPostgresDatabase(url).catch((error) => log(`could not drop ${name}: ${error.message}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const problem of problems.slice(0, 30)) console.log(`FAIL  ${problem}`);
  if (problems.length > 30) console.log(`FAIL  … and ${problems.length - 30} more`);
  if (problems.length) process.exit(1);
  console.log(
    "PASS  every acknowledged write is in the database once and no refused one is; every monitor is sampled by one worker; every viewer reconnected to a live server",
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(`multi-server: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
