// The scale part of `npm run bench`: write throughput (wrk posting figures, 50 connections) and ingest rate (six
// collectors posting batches of samples at once) for one app server on SQLite, one on PostgreSQL and three on
// PostgreSQL behind HAProxy, in one run, so that the figures compare on the same machine at the same moment.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase, dropPostgresDatabase, newPostgresUrl } from "../tests/backend";
import { writeLoadEnv, wrk, type WrkFigures } from "./bench-api";
import { type Balancer, everyServerUp, startBalancer } from "./balancer";
import { buildIfStale } from "./build-if-stale";
import { seededDatabase, type ServerProcess, startServer } from "./server-process";

const CONNECTIONS = 50;
const COLLECTORS = 6;
const BATCH = 2_000;
const BATCHES_EACH = 10;
const EVENT = "musk-trump-x-spaces-2024";

export interface ScaleFigures {
  setup: string;
  writes: WrkFigures;
  ingestPerSecond: number;
  ingestBatchMedianMs: number;
}

/**
 * One batch, on a connection of its own: a kept-alive one that the server closes for idleness just as the next batch
 * goes out fails the POST (fetch does not send a POST twice).
 */
function postSamples(url: string, token: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`ingest answered ${response.statusCode}: ${text.slice(0, 300)}`)),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Six collectors, each posting its own series in batches, all at once: samples stored per second, and the median batch. */
async function ingest(base: string, token: string): Promise<{ perSecond: number; medianMs: number }> {
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const batchMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: COLLECTORS }, async (_, c) => {
      for (let b = 0; b < BATCHES_EACH; b++) {
        const samples = Array.from({ length: BATCH }, (_, i) => ({
          series: `collector_${c}`,
          at: new Date(t0 + (b * BATCH + i) * 1000).toISOString(),
          value: 1000 + (i % 500),
        }));
        const begin = performance.now();
        await postSamples(`${base}/api/events/${EVENT}/samples`, token, JSON.stringify({ samples }));
        batchMs.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = batchMs.sort((a, b) => a - b);
  return { perSecond: (COLLECTORS * BATCHES_EACH * BATCH) / seconds, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

/** One setup: its database, its servers (behind HAProxy when more than one), the two loads, then everything stopped. */
async function measure(setup: string, backend: "sqlite" | "postgres", servers: number): Promise<ScaleFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bench-scale-"));
  // PostgreSQL: a new database on DEADAIR_TEST_POSTGRES_URL's server (default: 127.0.0.1:5432), dropped at the end.
  const target = backend === "sqlite" ? path.join(dir, "scale.db") : newPostgresUrl("deadair_bench");
  if (backend === "postgres") await createPostgresDatabase(target);
  const running: ServerProcess[] = [];
  let balancer: Balancer | null = null;
  try {
    const { url, tokens } = await seededDatabase(target, 1);
    const env = { DEADAIR_TOKEN_WRITES_PER_SECOND: "1000000", DEADAIR_MONITOR_WORKER: "0" };
    running.push(...(await Promise.all(Array.from({ length: servers }, () => startServer(url, env, 120_000)))));
    let base = running[0].url;
    if (servers > 1) {
      balancer = startBalancer(running, dir);
      await everyServerUp(balancer, servers);
      base = balancer.url;
    }
    const loadEnv = await writeLoadEnv(base, tokens[0]);
    wrk(base, 10, loadEnv); // warm-up, not counted
    const writes = wrk(base, CONNECTIONS, loadEnv);
    const ingested = await ingest(base, tokens[0]);
    return { setup, writes, ingestPerSecond: ingested.perSecond, ingestBatchMedianMs: ingested.medianMs };
  } finally {
    balancer?.stop();
    await Promise.all(running.map((s) => s.stop()));
    if (backend === "postgres") await dropPostgresDatabase(target);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runScaleBench(): Promise<ScaleFigures[]> {
  return [
    await measure("SQLite, 1 app server", "sqlite", 1),
    await measure("PostgreSQL, 1 app server", "postgres", 1),
    await measure("PostgreSQL, 3 app servers (HAProxy)", "postgres", 3),
  ];
}

export function printScaleFigures(all: ScaleFigures[]): void {
  console.log(
    `\nScale (${os.cpus().length} cores; writes: wrk, ${CONNECTIONS} connections, POST /api/events/{slug}/reports; ingest: ${COLLECTORS} collectors at once, batches of ${BATCH.toLocaleString("en-US")} samples):`,
  );
  console.log(
    `  ${"setup".padEnd(38)}${"writes/s".padStart(10)}${"p50".padStart(9)}${"p99".padStart(9)}${"samples/s".padStart(12)}${"batch".padStart(9)}`,
  );
  for (const f of all) {
    console.log(
      `  ${f.setup.padEnd(38)}${f.writes.requestsPerSecond.toFixed(0).padStart(10)}${`${f.writes.p50Ms.toFixed(0)} ms`.padStart(9)}${`${f.writes.p99Ms.toFixed(0)} ms`.padStart(9)}${Math.round(f.ingestPerSecond).toLocaleString("en-US").padStart(12)}${`${f.ingestBatchMedianMs.toFixed(0)} ms`.padStart(9)}`,
    );
    if (f.writes.failures > 0) console.log(`FAIL  ${f.setup}: ${f.writes.failures} writes were not answered 2xx`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale();
  runScaleBench()
    .then(printScaleFigures)
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
