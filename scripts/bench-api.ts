// The API part of `npm run bench`: wrk's load on Dead Air's write route (POST a reported figure) and, in the same run,
// on a bare node:http + better-sqlite3 server doing the same insert (the floor, started and stopped here), at 50 and
// 10 connections. Only the ratio of the two is stable on a shared machine; both are printed with it.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "./build-if-stale";
import { median } from "./median";
import { freePort, seededDatabase, startServer } from "./server-process";

const DURATION_S = 10;
const EVENT = "desantis-twitter-spaces-2023";

export interface WrkFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx (wrk's "Non-2xx or 3xx responses"), and socket errors. */
  failures: number;
}

/** One connection count: each figure the median of ROUNDS rounds, Dead Air and the floor taking turns. */
export interface ApiFigures {
  connections: number;
  deadAir: WrkFigures;
  floor: WrkFigures;
  /** Dead Air's writes per second over the floor's, round by round. */
  ratio: number;
  rounds: { deadAir: WrkFigures; floor: WrkFigures }[];
}

/** Rounds of each connection count: one 10 s run swings by a third on a shared machine. */
const ROUNDS = 3;

/** Each figure's median over the rounds; failures added up. */
function medianOf(all: WrkFigures[]): WrkFigures {
  return {
    requestsPerSecond: median(all.map((f) => f.requestsPerSecond)),
    p50Ms: median(all.map((f) => f.p50Ms)),
    p99Ms: median(all.map((f) => f.p99Ms)),
    failures: all.reduce((n, f) => n + f.failures, 0),
  };
}

/**
 * Each request a figure of its own: the same metric, source, day and scope twice is refused as a twin, so the scope
 * carries the run, wrk's thread and a counter. The floor server gets the same bodies.
 */
const SCRIPT = `
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  thread_id = id
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
end
function request()
  counter = counter + 1
  local body = '{"metric":"peak_audience","value":' .. counter .. ',"qualifier":"exact","sourceId":' .. os.getenv("BENCH_SOURCE") ..
    ',"scope":"bench ' .. os.getenv("BENCH_RUN") .. '-' .. thread_id .. '-' .. counter .. '","note":"wrk"}'
  return wrk.format("POST", os.getenv("BENCH_PATH"), nil, body)
end
`;

/** A server that does the same insert as the write route, and nothing else: parse the JSON, one INSERT, answer 201 (run by `node -e`: its arguments start at argv[1]). */
const FLOOR = `
const http = require("node:http");
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec('CREATE TABLE IF NOT EXISTS "Report" (id INTEGER PRIMARY KEY AUTOINCREMENT, eventId INTEGER, metric TEXT, value REAL, unit TEXT, qualifier TEXT, sourceId INTEGER, scope TEXT, note TEXT, createdAt TEXT)');
const insert = db.prepare('INSERT INTO "Report" (eventId, metric, value, unit, qualifier, sourceId, scope, note, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id');
http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const r = JSON.parse(body);
    const { id } = insert.get(1, r.metric, r.value, "listeners", r.qualifier, r.sourceId, r.scope, r.note, new Date().toISOString());
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id, ...r }));
  });
}).listen(Number(process.argv[2]), "127.0.0.1", () => console.log("ready"));
`;

export function wrk(url: string, connections: number, env: Record<string, string>): WrkFigures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-wrk-"));
  const script = path.join(dir, "post.lua");
  fs.writeFileSync(script, SCRIPT);
  const threads = Math.min(2, connections);
  const out = execFileSync(
    "wrk",
    ["-t", String(threads), "-c", String(connections), "-d", `${DURATION_S}s`, "--timeout", "10s", "--latency", "-s", script, url],
    {
      env: { ...process.env, ...env, BENCH_RUN: `${url.length}${Date.now().toString(36)}` },
      encoding: "utf8",
    },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_WRK_OUTPUT) console.log(out);
  const ms = (text: string) => {
    const [, n, unit] = /([\d.]+)(us|ms|s)/.exec(text)!;
    return Number(n) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  };
  const percentile = (p: string) => ms(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(out)![1]);
  const failures =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
    (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
      .exec(out)
      ?.slice(1)
      .reduce((a, b) => a + Number(b), 0) ?? 0);
  return { requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]), p50Ms: percentile("50"), p99Ms: percentile("99"), failures };
}

/**
 * What wrk's script needs to post figures to `base` with `token` (a source's id, the route), after posting one such
 * figure by hand: a refusal here would make the whole run measure refusals.
 */
export async function writeLoadEnv(base: string, token: string): Promise<Record<string, string>> {
  const sources = (await (await fetch(`${base}/api/sources?limit=1`)).json()) as { items: { id: number }[] };
  const env = { BENCH_TOKEN: token, BENCH_SOURCE: String(sources.items[0].id), BENCH_PATH: `/api/events/${EVENT}/reports` };
  const check = await fetch(`${base}${env.BENCH_PATH}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${env.BENCH_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      metric: "peak_audience",
      value: 1,
      qualifier: "exact",
      sourceId: Number(env.BENCH_SOURCE),
      scope: "bench check",
      note: "wrk",
    }),
  });
  if (check.status !== 201) throw new Error(`the write wrk repeats is refused: ${check.status} ${await check.text()}`);
  return env;
}

export async function runApiBench(connectionCounts: number[] = [50, 10]): Promise<ApiFigures[]> {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (error) {
    // wrk prints its version and exits 1; only a missing wrk throws ENOENT.
    if ((error as { code?: string }).code === "ENOENT") throw new Error("wrk is missing: apt-get install wrk");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bench-api-"));
  const { url: databaseUrl, tokens } = await seededDatabase(path.join(dir, "api.db"), 1);
  const server = await startServer(databaseUrl, { DEADAIR_TOKEN_WRITES_PER_SECOND: "1000000" });
  const floorPort = freePort();
  const floor = spawn(process.execPath, ["-e", FLOOR, path.join(dir, "floor.db"), String(floorPort)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    floor.stdout!.once("data", () => resolve());
    floor.once("exit", (code) => reject(new Error(`the floor server stopped (${code})`)));
  });
  try {
    const env = await writeLoadEnv(server.url, tokens[0]);
    // Warm both up (Next compiles nothing at run time, but the first requests fill caches and the JIT).
    wrk(`${server.url}`, 10, env);
    wrk(`http://127.0.0.1:${floorPort}`, 10, env);
    return connectionCounts.map((connections) => {
      const rounds = Array.from({ length: ROUNDS }, () => ({
        deadAir: wrk(server.url, connections, env),
        floor: wrk(`http://127.0.0.1:${floorPort}`, connections, env),
      }));
      return {
        connections,
        deadAir: medianOf(rounds.map((r) => r.deadAir)),
        floor: medianOf(rounds.map((r) => r.floor)),
        ratio: median(rounds.map((r) => r.deadAir.requestsPerSecond / r.floor.requestsPerSecond)),
        rounds,
      };
    });
  } finally {
    floor.kill("SIGKILL");
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printApiFigures(all: ApiFigures[]): void {
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(
    `\nWrites through the API (wrk, ${DURATION_S} s each, medians of ${ROUNDS} rounds; POST /api/events/{slug}/reports beside a bare node:http + better-sqlite3 insert):`,
  );
  for (const { connections, deadAir, floor, ratio, rounds } of all) {
    console.log(
      `  ${connections} connections: Dead Air ${deadAir.requestsPerSecond.toFixed(0)} writes/s (p50 ${deadAir.p50Ms.toFixed(0)} ms, p99 ${deadAir.p99Ms.toFixed(0)} ms, ${deadAir.failures} failed); floor ${floor.requestsPerSecond.toFixed(0)}/s (p50 ${floor.p50Ms.toFixed(1)} ms, p99 ${floor.p99Ms.toFixed(1)} ms); ratio ${(ratio * 100).toFixed(1)} %`,
    );
    const each = rounds.map(
      (r) => `${r.deadAir.requestsPerSecond.toFixed(0)}/s p99 ${r.deadAir.p99Ms.toFixed(0)} ms against ${r.floor.requestsPerSecond.toFixed(0)}/s`,
    );
    console.log(`    rounds: ${each.join("; ")}`);
  }
  const at50 = all.find((f) => f.connections === 50);
  const at10 = all.find((f) => f.connections === 10);
  if (at50) console.log(`${verdict(at50.ratio >= 0.06)}  ratio at 50 connections at least 6 %: ${(at50.ratio * 100).toFixed(1)} %`);
  if (at10) console.log(`${verdict(at10.deadAir.p99Ms < 100)}  p99 at 10 connections under 100 ms: ${at10.deadAir.p99Ms.toFixed(0)} ms`);
  if (all.some((f) => f.deadAir.failures > 0)) console.log("FAIL  some writes were not answered 2xx");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale();
  runApiBench()
    .then(printApiFigures)
    .catch((error) => {
      console.error(`API bench failed: ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    });
}
