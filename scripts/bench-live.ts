// The live part of `npm run bench`: ingest through the API in batches of 10,000, the time from the sample that
// completes a detection to the incident over Server-Sent Events, and 200 viewers of one live event.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { buildIfStale } from "./build-if-stale";
import { seededDatabase, startServer, type ServerProcess } from "./server-process";

const BATCH = 10_000;
const BATCHES = 20;
const DETECTIONS = 20;
const VIEWERS = 200;
const UPDATES = 40;
const UPDATE_EVERY_MS = 250;
const EVENT = "desantis-twitter-spaces-2023";

export interface LiveFigures {
  ingestPerSecond: number;
  /** The same rows inserted by better-sqlite3 alone, in the same run: the floor the API is measured beside. */
  floorPerSecond: number;
  ingestBatchMedianMs: number;
  detectionP50Ms: number;
  detectionP95Ms: number;
  deliveryP50Ms: number;
  deliveryP95Ms: number;
  deliveriesComplete: boolean;
  serverCoreShare: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** CPU seconds a process has used (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A Server-Sent Events reader on a connection of its own: calls `on` with each event's name, id and data. */
function listen(url: string, on: (event: string, id: string | null, data: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: "text/event-stream" }, agent: false }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`live stream answered ${response.statusCode}`));
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          let id: string | null = null;
          const data: string[] = [];
          for (const line of frame.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("id: ")) id = line.slice(4);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (data.length) on(event, id, data.join("\n"));
        }
      });
      resolve(request);
    });
    request.on("error", reject);
  });
}

/**
 * better-sqlite3 alone: the same table and index, the same batches, each in a transaction, with no server or API, in
 * the statements the API uses (200 rows each, RETURNING the rows that went in).
 */
function bareInsertRate(file: string, t0: number): number {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE "Sample" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "eventId" INTEGER NOT NULL, "series" TEXT NOT NULL, "at" DATETIME NOT NULL, "value" REAL NOT NULL, "origin" TEXT NOT NULL);
           CREATE UNIQUE INDEX "Sample_eventId_series_at_key" ON "Sample"("eventId", "series", "at");`);
  const ROWS = 200;
  const insert = db.prepare(
    `INSERT INTO "Sample" ("eventId", "series", "at", "value", "origin") VALUES ${Array(ROWS).fill("(?, ?, ?, ?, ?)").join(", ")} ON CONFLICT DO NOTHING RETURNING "id", "series", "at"`,
  );
  const batch = db.transaction((b: number) => {
    for (let start = 0; start < BATCH; start += ROWS) {
      const args: unknown[] = [];
      for (let i = start; i < start + ROWS; i++)
        args.push(1, "listeners", new Date(t0 + (b * BATCH + i) * 1000).toISOString().replace("Z", "+00:00"), 1000 + (i % 500), "token:1");
      insert.all(...args);
    }
  });
  const started = performance.now();
  for (let b = 0; b < BATCHES; b++) batch(b);
  const rate = (BATCH * BATCHES) / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

async function post(base: string, token: string, samples: { series: string; at: number; value: number }[]): Promise<void> {
  const response = await fetch(`${base}/api/events/${EVENT}/samples`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ samples: samples.map((s) => ({ ...s, at: new Date(s.at).toISOString() })) }),
  });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

export async function runLiveBench(): Promise<LiveFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bench-live-"));
  let server: ServerProcess | null = null;
  const connections: http.ClientRequest[] = [];
  try {
    const { url, tokens } = await seededDatabase(path.join(dir, "live.db"), 1);
    // The write limit of a token is for people's clients; a collector sending a second's samples every 10 ms is not one.
    server = await startServer(url, { DEADAIR_TOKEN_WRITES_PER_SECOND: "100000" });
    const base = server.url;
    const token = tokens[0];
    const t0 = Date.parse("2026-01-01T00:00:00Z");

    // 1. Ingest: batches of 10,000 listeners samples, one after another, after one unmeasured batch.
    await post(
      base,
      token,
      Array.from({ length: BATCH }, (_, i) => ({ series: "warmup", at: t0 + i * 1000, value: i })),
    );
    const batchMs: number[] = [];
    const started = performance.now();
    for (let b = 0; b < BATCHES; b++) {
      const begin = performance.now();
      await post(
        base,
        token,
        Array.from({ length: BATCH }, (_, i) => ({ series: "listeners", at: t0 + (b * BATCH + i) * 1000, value: 1000 + (i % 500) })),
      );
      batchMs.push(performance.now() - begin);
    }
    const ingestPerSecond = (BATCH * BATCHES) / ((performance.now() - started) / 1000);
    const floorPerSecond = bareInsertRate(path.join(dir, "floor.db"), t0);

    // 2. Detection: silence sample by sample; from the request of the sample that completes a dead air to the
    // incident arriving over the live stream.
    let sentAt = 0;
    const latencies: number[] = [];
    let waiting: ((at: number) => void) | null = null;
    connections.push(
      await listen(`${base}/api/events/${EVENT}/live`, (event, _id, data) => {
        if (event === "incident" && (JSON.parse(data) as { change: string }).change === "incident.opened") waiting?.(performance.now());
      }),
    );
    let at = Date.now() - 3_600_000;
    for (let round = 0; round < DETECTIONS; round++) {
      await post(
        base,
        token,
        Array.from({ length: 30 }, (_, i) => ({ series: "loudness", at: at + i * 1000, value: -20 })),
      );
      at += 30_000;
      const opened = new Promise<number>((resolve) => (waiting = resolve));
      let arrived: number | null = null;
      void opened.then((t) => (arrived = t));
      for (let s = 0; s < 30 && arrived === null; s++) {
        sentAt = performance.now();
        await post(base, token, [{ series: "loudness", at, value: -70 }]);
        at += 1000;
        // A short pause lets a detection that this sample completed arrive before the next sample is sent.
        await new Promise((r) => setTimeout(r, 50));
      }
      const landed = await Promise.race([opened, new Promise<number>((r) => setTimeout(() => r(-1), 5_000))]);
      if (landed < 0) throw new Error("no dead-air incident arrived over the live stream");
      latencies.push(landed - sentAt);
      waiting = null;
    }
    for (const c of connections.splice(0)) c.destroy();

    // 3. Viewers: 200 live streams of one event, each receiving every update; delivery from the POST being sent.
    // Each update carries a value of its own, by which its arrivals are matched.
    const sent = new Map<number, number>();
    const received = new Map<number, number[]>();
    for (let v = 0; v < VIEWERS; v++) {
      connections.push(
        await listen(`${base}/api/events/${EVENT}/live`, (event, _id, data) => {
          if (event !== "samples") return;
          const now = performance.now();
          for (const sample of JSON.parse(data) as { series: string; value: number }[]) {
            if (sample.series === "viewers_probe") (received.get(sample.value) ?? received.set(sample.value, []).get(sample.value)!).push(now);
          }
        }),
      );
    }
    const cpuBefore = cpuSeconds(server.child.pid!);
    const wallBefore = performance.now();
    let next = Date.now() - 600_000;
    for (let u = 0; u < UPDATES; u++) {
      const begin = performance.now();
      sent.set(u, begin);
      await post(base, token, [{ series: "viewers_probe", at: next, value: u }]);
      next += 1000;
      await new Promise((r) => setTimeout(r, UPDATE_EVERY_MS - Math.min(UPDATE_EVERY_MS, performance.now() - begin)));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const serverCoreShare = (cpuSeconds(server.child.pid!) - cpuBefore) / ((performance.now() - wallBefore) / 1000);
    const delivery: number[] = [];
    let complete = true;
    for (const [value, at] of sent) {
      const arrivals = received.get(value) ?? [];
      if (arrivals.length !== VIEWERS) complete = false;
      for (const t of arrivals) delivery.push(t - at);
    }
    return {
      ingestPerSecond,
      floorPerSecond,
      ingestBatchMedianMs: percentile(batchMs, 50),
      detectionP50Ms: percentile(latencies, 50),
      detectionP95Ms: percentile(latencies, 95),
      deliveryP50Ms: percentile(delivery, 50),
      deliveryP95Ms: percentile(delivery, 95),
      deliveriesComplete: complete,
      serverCoreShare,
    };
  } finally {
    for (const c of connections) c.destroy();
    await server?.stop("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printLiveFigures(f: LiveFigures): void {
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(`\nLive monitoring (a server of its own on a fresh database):`);
  console.log(
    `${verdict(f.ingestPerSecond >= 50_000)}  ingest ${Math.round(f.ingestPerSecond).toLocaleString("en-US")} samples/s through the API in batches of ${BATCH.toLocaleString("en-US")} (median batch ${f.ingestBatchMedianMs.toFixed(0)} ms; target 50,000/s); better-sqlite3 alone, same run: ${Math.round(f.floorPerSecond).toLocaleString("en-US")}/s (${((f.ingestPerSecond / f.floorPerSecond) * 100).toFixed(0)} % of it)`,
  );
  console.log(
    `${verdict(f.detectionP95Ms < 1000)}  detection to SSE: p50 ${f.detectionP50Ms.toFixed(0)} ms, p95 ${f.detectionP95Ms.toFixed(0)} ms over ${DETECTIONS} dead airs (target p95 under 1 s)`,
  );
  console.log(
    `${verdict(f.deliveriesComplete && f.deliveryP95Ms < 1000 && f.serverCoreShare < 1)}  ${VIEWERS} viewers: every update to every viewer ${f.deliveriesComplete ? "yes" : "NO"}, delivery p50 ${f.deliveryP50Ms.toFixed(0)} ms, p95 ${f.deliveryP95Ms.toFixed(0)} ms, server ${(f.serverCoreShare * 100).toFixed(0)} % of a core (targets: p95 under 1 s, under one core)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale();
  runLiveBench()
    .then(printLiveFigures)
    .catch((error) => {
      console.error(`Live bench failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    });
}
