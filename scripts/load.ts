// `npm run load`: 50 concurrent clients make 2,000 writes (creates, updates and deletes of reported figures and
// incidents, and some refused on purpose) plus reads, through the JSON API of a production build on 127.0.0.1.
// Afterwards the database must hold every write answered 2xx exactly once and none that was refused, and no answer
// may be a 500. Prints throughput and latency (measured against its floor by `npm run bench`); exits 1 when a check fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { buildIfStale } from "./build-if-stale";
import { seededDatabase, startServer } from "./server-process";

const CLIENTS = Number(process.env.LOAD_CLIENTS) || 50;
const WRITES = Number(process.env.LOAD_WRITES) || 2_000;
/** Reads per write, on average. */
const READ_RATIO = 0.5;
/** Unmeasured writes first, shared by all the clients. */
const WARM_UP_WRITES = 250;
/** The whole run stops after this long, whatever is left; one request after this. */
const RUN_LIMIT_MS = 180_000;
const REQUEST_TIMEOUT_MS = 15_000;
const EVENTS = ["musk-trump-x-spaces-2024", "desantis-twitter-spaces-2023"];

type Kind = "report" | "incident";
interface Record_ {
  kind: Kind;
  id: number;
  version: number;
  /** The note (report) or description (incident) the last acknowledged write left. */
  text: string;
  deleted: boolean;
}

interface Ledger {
  records: Record_[];
  /** Texts of writes that were refused: none may be in the database. */
  refusedTexts: string[];
  statuses: Map<number, number>;
  writeLatencies: number[];
  readLatencies: number[];
  errors: string[];
  writes: number;
}

const ledger: Ledger = { records: [], refusedTexts: [], statuses: new Map(), writeLatencies: [], readLatencies: [], errors: [], writes: 0 };

function count(status: number) {
  ledger.statuses.set(status, (ledger.statuses.get(status) ?? 0) + 1);
}

async function call(base: string, token: string, method: string, url: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(base + url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  count(response.status);
  if (response.status >= 500) ledger.errors.push(`${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, ms };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** One client: takes writes off the shared count until none are left, with reads in between. */
async function client(base: string, token: string, n: number, deadline: number, writes = WRITES) {
  const mine: Record_[] = [];
  let seq = 0;
  while (ledger.writes < writes && Date.now() < deadline) {
    ledger.writes++;
    const text = `load c${n} #${seq++}`;
    const live = mine.filter((r) => !r.deleted);
    const roll = Math.random();
    try {
      if (roll < 0.05) {
        // Refused on purpose: an unknown metric. Nothing may be written.
        const { status, ms } = await call(base, token, "POST", `/api/events/${pick(EVENTS)}/reports`, {
          metric: "nope",
          value: 1,
          sourceId: 1,
          note: text,
        });
        ledger.writeLatencies.push(ms);
        if (status < 300) ledger.errors.push(`a refused write was accepted (${status})`);
        ledger.refusedTexts.push(text);
      } else if (roll < 0.5 || live.length === 0) {
        const kind: Kind = Math.random() < 0.6 ? "report" : "incident";
        const body =
          kind === "report"
            ? // A scope of its own: the same metric, source, day and scope twice would be refused as the same figure.
              { metric: "average_audience", value: 1000 + seq, newSourceName: `Load outlet ${n % 5}`, scope: `Load ${n}-${seq}`, note: text }
            : { kind: "dead_air", startOffsetMinutes: seq % 60, durationMinutes: 1, description: text };
        const { status, json, ms } = await call(base, token, "POST", `/api/events/${pick(EVENTS)}/${kind}s`, body);
        ledger.writeLatencies.push(ms);
        if (status === 201) {
          const record = { kind, id: Number(json!.id), version: Number(json!.version), text, deleted: false };
          mine.push(record);
          ledger.records.push(record);
        } else ledger.refusedTexts.push(text);
      } else if (roll < 0.8) {
        const record = pick(live);
        const field = record.kind === "report" ? "note" : "description";
        const { status, json, ms } = await call(base, token, "PATCH", `/api/${record.kind}s/${record.id}`, {
          [field]: text,
          version: record.version,
        });
        ledger.writeLatencies.push(ms);
        if (status === 200) {
          record.text = text;
          record.version = Number(json!.version);
        } else ledger.refusedTexts.push(text);
      } else {
        const record = pick(live);
        const { status, ms } = await call(base, token, "DELETE", `/api/${record.kind}s/${record.id}`);
        ledger.writeLatencies.push(ms);
        if (status === 204) record.deleted = true;
      }
      if (Math.random() < READ_RATIO) {
        const url = live.length && Math.random() < 0.5 ? `/api/${live[0].kind}s/${live[0].id}` : `/api/events/${pick(EVENTS)}/reports?limit=20`;
        const { ms } = await call(base, token, "GET", url);
        ledger.readLatencies.push(ms);
      }
    } catch (error) {
      ledger.errors.push(`client ${n}: ${(error as Error).message}`);
    }
  }
}

/** CPU time the process and its children have used so far, from /proc (Linux); 0 where there is none. */
function serverCpuSeconds(pid: number): number {
  try {
    const ticks = (p: number) => {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      // utime, stime, cutime, cstime: fields 14 to 17 of stat, 12 to 15 after the command name.
      return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    };
    const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`)
      ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number)
      : [];
    return [pid, ...children].reduce((sum, p) => sum + ticks(p), 0) / 100;
  } catch {
    return 0;
  }
}

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** What the database must hold: each acknowledged record once, with its last text; nothing refused. */
function verify(file: string): string[] {
  const problems: string[] = [];
  const db = new Database(file, { readonly: true });
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    const fk = db.pragma("foreign_key_check") as unknown[];
    if (fk.length) problems.push(`${fk.length} rows break a foreign key`);
    const reports = new Map(
      (db.prepare("SELECT id, note AS text FROM Report WHERE note LIKE 'load %'").all() as { id: number; text: string }[]).map((r) => [r.id, r.text]),
    );
    const incidents = new Map(
      (db.prepare("SELECT id, description AS text FROM Incident WHERE description LIKE 'load %'").all() as { id: number; text: string }[]).map(
        (r) => [r.id, r.text],
      ),
    );
    let live = 0;
    for (const record of ledger.records) {
      const table = record.kind === "report" ? reports : incidents;
      if (record.deleted) {
        if (table.has(record.id)) problems.push(`${record.kind} ${record.id} was deleted (204) but is still there`);
      } else {
        live++;
        if (!table.has(record.id)) problems.push(`${record.kind} ${record.id} was acknowledged but is missing`);
        else if (table.get(record.id) !== record.text)
          problems.push(`${record.kind} ${record.id} holds "${table.get(record.id)}", not the acknowledged "${record.text}"`);
      }
    }
    if (reports.size + incidents.size !== live)
      problems.push(`the database holds ${reports.size + incidents.size} load records, the acknowledged writes leave ${live}`);
    const texts = new Set([...reports.values(), ...incidents.values()]);
    const leaked = ledger.refusedTexts.filter((t) => texts.has(t));
    if (leaked.length) problems.push(`${leaked.length} refused writes are in the database, e.g. "${leaked[0]}"`);
  } finally {
    db.close();
  }
  return problems;
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-load-"));
  const file = path.join(dir, "load.db");
  const { url, tokens } = await seededDatabase(file, CLIENTS);
  buildIfStale();

  const server = await startServer(url);
  console.log(
    `Server: next start on ${server.url} (${os.cpus().length} cores); ${CLIENTS} clients, ${WRITES} writes, about ${READ_RATIO} reads per write.`,
  );
  let exitCode = 0;
  try {
    const deadline = Date.now() + RUN_LIMIT_MS;
    // Warm-up, not measured: a fresh server loads each route's code on its first request, and the first time all
    // the clients connect at once the first requests wait 1–2 s (without it, that burst alone is the p99). Its
    // writes are checked with the rest.
    await Promise.all(tokens.map((token, n) => client(server.url, token, CLIENTS + n, deadline, WARM_UP_WRITES)));
    Object.assign(ledger, { writes: 0, writeLatencies: [], readLatencies: [] });
    const started = performance.now();
    const cpuBefore = { load: process.cpuUsage(), server: serverCpuSeconds(server.child.pid!) };
    await Promise.all(tokens.map((token, n) => client(server.url, token, n, deadline)));
    const seconds = (performance.now() - started) / 1000;
    const loadCpu = process.cpuUsage(cpuBefore.load);
    const cpu = { load: (loadCpu.user + loadCpu.system) / 1e6, server: serverCpuSeconds(server.child.pid!) - cpuBefore.server };
    await server.stop("SIGTERM");

    const writes = ledger.writeLatencies.length;
    const throughput = writes / seconds;
    const p = (q: number) => percentile(ledger.writeLatencies, q).toFixed(1);
    const statuses = [...ledger.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    console.log(`\nwrites   ${writes} in ${seconds.toFixed(2)} s = ${throughput.toFixed(0)} writes/s`);
    console.log(`latency  of writes: p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms, max ${percentile(ledger.writeLatencies, 100).toFixed(1)} ms`);
    console.log(
      `reads    ${ledger.readLatencies.length}: p50 ${percentile(ledger.readLatencies, 50).toFixed(1)} ms, p99 ${percentile(ledger.readLatencies, 99).toFixed(1)} ms`,
    );
    console.log(`answers  ${statuses}`);
    console.log(
      `cpu      server ${cpu.server.toFixed(1)} s (${((cpu.server / seconds) * 100).toFixed(0)}% of a core), this load script ${cpu.load.toFixed(1)} s (${((cpu.load / seconds) * 100).toFixed(0)}%), on ${os.cpus().length} cores`,
    );

    const problems = [...ledger.errors, ...verify(file)];
    if (writes < WRITES) problems.push(`only ${writes} of ${WRITES} writes were made within ${RUN_LIMIT_MS / 1000} s`);
    const acknowledged = ledger.records.length;
    console.log(
      `database ${acknowledged} records created, ${ledger.records.filter((r) => r.deleted).length} deleted, ${ledger.refusedTexts.length} writes refused; checked row by row\n`,
    );
    for (const problem of problems.slice(0, 20)) console.log(`FAIL  ${problem}`);
    if (problems.length > 20) console.log(`FAIL  … and ${problems.length - 20} more`);
    if (!problems.length) console.log("PASS  every acknowledged write is in the database once, no refused one is, no 500, integrity ok");
    // Speed is measured beside its floor by `npm run bench` (the API part); here only what was acknowledged counts.
    // 1: a write was lost, duplicated or leaked, or an answer was a 500.
    if (problems.length) exitCode = 1;
  } finally {
    await server.stop("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
