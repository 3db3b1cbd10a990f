// `npm run bench`: server time of / and /compare over 10,000 events, the gzip size of the JavaScript each loads and the
// CSV export's time and memory here; Lighthouse, the API, import, live, monitor and scale parts from their own files.
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { type MetricKey, unitOf } from "../lib/domain/metrics";
import { INCIDENT_KINDS, QUALIFIERS, SOURCE_KINDS } from "../lib/domain/options";
import { prepareDatabase } from "../lib/prepare";
import { printApiFigures, runApiBench } from "./bench-api";
import { printLighthouseFigures, runLighthouseBench } from "./bench-lighthouse";
import { printLiveFigures, runLiveBench } from "./bench-live";
import { printMonitorFigures, runMonitorBench } from "./bench-monitor";
import { buildIfStale } from "./build-if-stale";
import { median } from "./median";
import { printScaleFigures, runScaleBench } from "./bench-scale";
import { serveArgs, spawnNode, v8Flags } from "./serve-command";

const EVENTS = 10_000;
const SOURCES = 50;
const REPORTS_PER_EVENT = 10;
const COMPARED = 12;
const WARMUP = 10;
const MEASURED = 100;
const PAGE_BUDGET_MS = 60_000;
const TARGET_P95_MS = 100;
const TARGET_COMPARE_JS_KB = 250;
const TARGET_EXPORT_MB = 150;
/** Fresh servers the whole-database export runs on; the median of their peaks is the figure. */
const EXPORT_RUNS = 3;

const DIR = path.resolve("bench", ".tmp");
const FILE = path.join(DIR, "bench.db");
const URL_ = `file:${FILE}`;

const PLATFORMS = ["X Spaces", "Twitter Spaces", "YouTube Live", "Twitch", "Facebook Live", "Instagram Live", "LinkedIn Live", "Clubhouse"];
const TIME_ZONES = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Paris", "Asia/Tokyo", "Australia/Sydney"];
const PEOPLE = ["Ada Host", "Ben Anchor", "Chloe Reporter", "Dan Streamer", "Eve Pundit", "Finn Guest", "Gia Candidate"];

const slugOf = (n: number) => `bench-event-${String(n).padStart(5, "0")}`;
// Spread over the whole range of ids, so the comparison does not only read neighbouring rows.
const COMPARED_SLUGS = Array.from({ length: COMPARED }, (_, k) => slugOf(1 + Math.floor((k * EVENTS) / COMPARED)));

// The way Prisma writes a DateTime into SQLite, so that it reads these rows back like its own.
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A small seeded generator, so every run fills the same data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------- the database

function counts(): Record<string, number> {
  const db = new Database(FILE, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { events: count("Event"), sources: count("Source"), reports: count("Report"), incidents: count("Incident") };
  } finally {
    db.close();
  }
}

function removeDatabase(): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
}

function fill(): { incidents: number } {
  const db = new Database(FILE);
  db.pragma("synchronous = OFF");
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const now = iso(Date.now());

  const insertSource = db.prepare(
    `INSERT INTO "Source" (id, name, kind, leaning, homeUrl, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "Event" (id, slug, title, platform, hosts, guests, scheduledStart, scheduledPrecision, timeZone, actualStart, endedAt, status, notes, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'minute', ?, ?, ?, 'ended', ?, 1, ?, ?)`,
  );
  const insertReport = db.prepare(
    `INSERT INTO "Report" (key, eventId, metric, value, unit, qualifier, sourceId, quote, quoteLang, url, reportedOn, note, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?)`,
  );
  const insertIncident = db.prepare(
    `INSERT INTO "Incident" (key, eventId, kind, startOffsetMinutes, durationMinutes, qualifier, description, sourceId, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );

  // Ten reports an event: each metric of an audio event at least once, four of them twice, from another source that
  // may disagree.
  const audio: MetricKey[] = ["start_delay", "silence_before_failure", "expected_audience", "average_audience", "peak_audience", "duration"];
  const slots: MetricKey[] = [...audio, "start_delay", "expected_audience", "average_audience", "duration"];
  if (slots.length !== REPORTS_PER_EVENT) throw new Error("the report slots do not add up to REPORTS_PER_EVENT");

  let incidents = 0;
  db.transaction(() => {
    for (let s = 1; s <= SOURCES; s++) {
      insertSource.run(
        s,
        `Bench source ${String(s).padStart(2, "0")}`,
        pick(SOURCE_KINDS),
        pick(["left", "centre", "right", null]),
        `https://source-${s}.example.com`,
        now,
        now,
      );
    }
    const from = Date.UTC(2010, 0, 1);
    const span = Date.UTC(2026, 0, 1) - from;
    for (let e = 1; e <= EVENTS; e++) {
      const scheduled = from + Math.floor(rnd() * (span / 60_000)) * 60_000;
      const delay = Math.floor(rnd() * 60);
      const duration = 20 + Math.floor(rnd() * 160);
      const expected = Math.round(1_000 + rnd() * 9_999_000);
      const truth: Record<MetricKey, number> = {
        start_delay: delay,
        silence_before_failure: Math.floor(rnd() * 30),
        expected_audience: expected,
        average_audience: Math.round(expected * (0.05 + rnd() * 0.9)),
        peak_audience: Math.round(expected * (0.1 + rnd() * 1.1)),
        duration,
        // The video figures, for the events of the generated set that report them.
        peak_streams: Math.round(expected * (0.1 + rnd())),
        problem_reports: Math.floor(rnd() * 100_000),
        sessions_affected: Math.round(rnd() * 1000) / 10,
        rebuffering: Math.round(rnd() * 300) / 10,
      };
      insertEvent.run(
        e,
        slugOf(e),
        `Bench event ${e} on ${PLATFORMS[e % PLATFORMS.length]}`,
        PLATFORMS[e % PLATFORMS.length],
        pick(PEOPLE),
        pick(PEOPLE),
        iso(scheduled),
        pick(TIME_ZONES),
        iso(scheduled + delay * 60_000),
        iso(scheduled + (delay + duration) * 60_000),
        e % 7 === 0 ? "Generated for the benchmark." : "",
        now,
        now,
      );
      const seen = new Set<MetricKey>();
      for (const metric of slots) {
        // A second report of a metric disagrees with the first one time in three.
        const value = seen.has(metric) && rnd() < 1 / 3 ? Math.round(truth[metric] * (0.5 + rnd())) : truth[metric];
        seen.add(metric);
        const quoted = rnd() < 0.2;
        insertReport.run(
          randomUUID(),
          e,
          metric,
          value,
          unitOf(metric),
          pick(QUALIFIERS),
          1 + Math.floor(rnd() * SOURCES),
          quoted ? `About ${value} ${unitOf(metric)}.` : null,
          quoted ? "en" : null,
          rnd() < 0.5 ? `https://news.example.com/${slugOf(e)}/${metric}` : null,
          rnd() < 0.5 ? iso(scheduled + 86_400_000) : null,
          now,
          now,
        );
      }
      if (delay > 0) {
        insertIncident.run(randomUUID(), e, "late_start", 0, delay, "exact", `Started ${delay} minutes late.`, 1 + (e % SOURCES), now, now);
        incidents++;
      }
      if (e % 4 === 0) {
        const kind = pick(INCIDENT_KINDS.filter((k) => k !== "late_start"));
        insertIncident.run(
          randomUUID(),
          e,
          kind,
          delay + Math.floor(rnd() * duration),
          1 + Math.floor(rnd() * 20),
          pick(QUALIFIERS),
          `A ${kind} during the broadcast.`,
          e % 3 === 0 ? null : 1 + (e % SOURCES),
          now,
          now,
        );
        incidents++;
      }
    }
  })();
  db.pragma("synchronous = NORMAL");
  db.close();
  return { incidents };
}

/** Reuses bench/.tmp/bench.db when it holds the expected rows; otherwise makes it anew. */
async function ensureDatabase(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  if (fs.existsSync(FILE)) {
    try {
      await prepareDatabase(URL_);
      const c = counts();
      if (c.events === EVENTS && c.sources === SOURCES && c.reports === EVENTS * REPORTS_PER_EVENT && c.incidents > 0) {
        console.log(
          `Database: reusing ${path.relative(process.cwd(), FILE)} (${c.events} events, ${c.sources} sources, ${c.reports} reports, ${c.incidents} incidents).`,
        );
        return;
      }
    } catch (error) {
      console.log(`Database: ${error instanceof Error ? error.message : error}; making it anew.`);
    }
    removeDatabase();
  }
  await prepareDatabase(URL_);
  const started = performance.now();
  const { incidents } = fill();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Database: filled ${path.relative(process.cwd(), FILE)} with ${EVENTS} events, ${SOURCES} sources, ${EVENTS * REPORTS_PER_EVENT} reports and ${incidents} incidents in ${seconds} s.`,
  );
}

// ---------------------------------------------------------------------------------------------- the server

let server: ChildProcess | undefined;
let serverLog = "";
let interrupted = false;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => (port === 3000 || port === 3226 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

// One keep-alive connection, as a browser would hold; closed before the server is stopped, since next start
// waits for open connections to end before it exits.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GETs a URL as a browser would (gzip accepted) and resolves to the whole body, unzipped. */
function get(url: string): Promise<Buffer> {
  if (interrupted) return Promise.reject(new Error("interrupted"));
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { "accept-encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        if (response.statusCode !== 200) return reject(new Error(`GET ${url}: ${response.statusCode}`));
        const body = Buffer.concat(chunks);
        resolve(response.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(body) : body);
      });
    });
    request.on("error", reject);
  });
}

async function startServer(port: number): Promise<string> {
  // A process group of its own, so that stopping it stops whatever it started and nothing else.
  server = spawnNode(serveArgs({ port, databaseUrl: URL_ }), {
    env: { ...process.env, DATABASE_URL: URL_, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (chunk) => (serverLog += chunk));
  server.stderr?.on("data", (chunk) => (serverLog += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`next start exited:\n${serverLog}`);
    let health: { database?: { events?: number } } | undefined;
    try {
      health = JSON.parse((await get(`${base}/api/health`)).toString("utf8"));
    } catch {
      // not listening yet, or the database not ready
    }
    if (health) {
      if (health.database?.events !== EVENTS) throw new Error(`the server sees ${health.database?.events} events, not ${EVENTS}`);
      return base;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer /api/health within 60 s:\n${serverLog}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  agent.destroy();
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timeout = new Promise((r) => setTimeout(r, 5_000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

// ---------------------------------------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  // Nearest rank: the smallest sample with at least p of the samples at or below it.
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

async function timePage(url: string): Promise<{ count: number; median: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await get(url);
  const samples: number[] = [];
  const deadline = performance.now() + PAGE_BUDGET_MS;
  while (samples.length < MEASURED && performance.now() < deadline) {
    const started = performance.now();
    await get(url);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { count: samples.length, median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

/** The /_next/ scripts a page loads: <script src> and <link rel="modulepreload"|"preload"> of JavaScript. */
function scriptUrls(html: string): string[] {
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.replace(/&amp;/g, "&");
  const found = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    // noModule scripts are the polyfills for browsers without ES modules; current browsers never fetch them.
    if (src && !/\snomodule\b/i.test(tag)) found.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, "rel") ?? "";
    const href = attribute(tag, "href") ?? "";
    if (/\b(modulepreload|preload)\b/i.test(rel) && (attribute(tag, "as") === "script" || /\.js(\?|$)/.test(href))) found.add(href);
  }
  return [...found].filter((u) => new URL(u, "http://x").pathname.startsWith("/_next/"));
}

async function pageJs(base: string, pagePath: string): Promise<{ files: number; kB: number }> {
  const urls = scriptUrls((await get(base + pagePath)).toString("utf8"));
  let bytes = 0;
  for (const u of urls) bytes += zlib.gzipSync(await get(new URL(u, base).href), { level: 9 }).length;
  return { files: urls.length, kB: bytes / 1000 };
}

/** Peak resident memory (VmHWM) of the largest process in the server's process group, in MB. */
function serverPeakRssMb(): number {
  let peak = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgid !== server?.pid) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process ended while we looked
    }
  }
  return peak;
}

/** Streams the CSV export of the whole database, counting rows without keeping the body. */
function timeExport(url: string): Promise<{ ms: number; rows: number; mb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`${url} answered ${response.statusCode}`));
        let rows = 0;
        let bytes = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        });
        response.on("end", () => resolve({ ms: performance.now() - started, rows, mb: bytes / 1e6 }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

// ---------------------------------------------------------------------------------------------- report

/** The parts of the benchmark, in the order they run; `npm run bench -- --only pages,api` runs some of them. */
const PARTS = ["pages", "lighthouse", "api", "import", "live", "monitor", "scale"] as const;
type Part = (typeof PARTS)[number];

function chosenParts(): Set<Part> {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  if (!values.only) return new Set(PARTS);
  const chosen = values.only.split(",").map((p) => p.trim());
  const unknown = chosen.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`Unknown part ${unknown.join(", ")}: --only takes ${PARTS.join(", ")}`);
  return new Set(chosen as Part[]);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const parts = chosenParts();
  // Every part but the import measures a running server: first of all, a build of the code as it is now.
  if ([...parts].some((p) => p !== "import")) buildIfStale();
  if (parts.has("pages")) await benchPages();
  if (parts.has("lighthouse")) printLighthouseFigures(await runLighthouseBench());
  if (parts.has("api")) printApiFigures(await runApiBench());
  if (parts.has("import")) runImportPart();
  if (parts.has("live")) printLiveFigures(await runLiveBench());
  if (parts.has("monitor")) printMonitorFigures(await runMonitorBench());
  if (parts.has("scale")) printScaleFigures(await runScaleBench());
}

/**
 * The import, in a process of its own with the server's V8 flags: it runs there as the import route runs it in the
 * server (with Node's defaults instead, the preview took 1.4–2.7 s against 1.3–1.5 s, the same file the same hour).
 */
function runImportPart(): void {
  const child = spawnSync(
    process.execPath,
    [...v8Flags(process.env.BENCH_IMPORT_INTO ?? ""), "--conditions=react-server", "--import", "tsx", "scripts/bench-import.ts"],
    {
      stdio: "inherit",
    },
  );
  if (child.status !== 0) throw new Error(`the import part failed (${child.signal ?? `exit code ${child.status}`})`);
}

/** Server time and JavaScript of / and /compare over 10,000 events, and the whole-database CSV export. */
async function benchPages() {
  await ensureDatabase();
  // The export runs first, each time on a fresh server, so that the peak memory is the export's own; the median of
  // EXPORT_RUNS servers is reported (a server's memory varies by a few MB from one start to the next).
  const exports: { ms: number; rows: number; mb: number; peak: number }[] = [];
  let base = "";
  for (let run = 1; run <= EXPORT_RUNS; run++) {
    if (run > 1) await stopServer();
    base = await startServer(await freePort());
    if (run === 1) console.log(`Server: next start on ${base} (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}).`);
    const exported = await timeExport(`${base}/api/export?format=csv`);
    exports.push({ ...exported, peak: serverPeakRssMb() });
  }
  const exported = { ...exports[0], ms: median(exports.map((e) => e.ms)) };
  const exportPeak = median(exports.map((e) => e.peak));

  const pages = [
    { name: "/", path: "/" },
    { name: `/compare (${COMPARED} events)`, path: `/compare?events=${COMPARED_SLUGS.join(",")}` },
  ];
  const rows = [];
  for (const page of pages) {
    const time = await timePage(base + page.path);
    const js = await pageJs(base, page.path);
    rows.push({ ...page, ...time, ...js });
  }
  await stopServer();

  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `\n${"page".padEnd(22)}${"requests".padStart(9)}${"median".padStart(11)}${"p95".padStart(11)}${"JS gzip".padStart(12)}${"files".padStart(7)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(22)}${String(r.count).padStart(9)}${ms(r.median).padStart(11)}${ms(r.p95).padStart(11)}${`${r.kB.toFixed(1)} kB`.padStart(12)}${String(r.files).padStart(7)}`,
    );
  }
  console.log(`(server time: ${WARMUP} warm-up then sequential requests on loopback, until the whole body is read;`);
  console.log(" JS: gzip -9 of the /_next/ scripts, noModule polyfills left out; kB = 1000 bytes)\n");

  const [home, compare] = rows;
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(`${verdict(home.p95 < TARGET_P95_MS)}  p95 of / under ${TARGET_P95_MS} ms: ${ms(home.p95)}`);
  console.log(`${verdict(compare.p95 < TARGET_P95_MS)}  p95 of /compare under ${TARGET_P95_MS} ms: ${ms(compare.p95)}`);
  console.log(
    `${verdict(compare.kB < TARGET_COMPARE_JS_KB)}  JavaScript of /compare under ${TARGET_COMPARE_JS_KB} kB gzip: ${compare.kB.toFixed(1)} kB`,
  );
  console.log(
    `\nCSV export of every figure (/api/export?format=csv): ${exported.rows.toLocaleString("en-US")} lines, ${exported.mb.toFixed(1)} MB in ${(exported.ms / 1000).toFixed(2)} s; server peak resident memory ${exportPeak.toFixed(0)} MB`,
  );
  console.log(
    `(median of ${EXPORT_RUNS} freshly started servers: ${exports.map((e) => `${(e.ms / 1000).toFixed(2)} s, ${e.peak.toFixed(0)} MB`).join("; ")})`,
  );
  console.log(`${verdict(exported.ms < 2000)}  export under 2 s: ${(exported.ms / 1000).toFixed(2)} s`);
  console.log(`${verdict(exportPeak < TARGET_EXPORT_MB)}  peak memory under ${TARGET_EXPORT_MB} MB: ${exportPeak.toFixed(0)} MB`);
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    if (!interrupted) console.error(`\n${signal}: stopping the server.`);
    interrupted = true;
    void stopServer().finally(() => process.exit(code));
  });
}

// Last resort when the script dies without the cleanup above (an uncaught error, a closed output pipe).
process.on("exit", () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

main().catch(async (error) => {
  // A request cut short by Ctrl-C is not a failure to report; the signal handler exits.
  if (interrupted) return;
  console.error(`Bench failed: ${error instanceof Error ? error.message : error}`);
  await stopServer();
  process.exit(1);
});
