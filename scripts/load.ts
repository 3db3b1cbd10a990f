// `npm run load`: 50 concurrent clients make 2,000 writes (creates, updates and deletes of reported figures and
// incidents, and some refused on purpose) plus reads, through the JSON API of a production build on 127.0.0.1.
// Afterwards the database must hold every write answered 2xx exactly once and none that was refused, and no answer
// may be a 500. Prints throughput and latency (measured against its floor by `npm run bench`); exits 1 when a check
// fails. DATABASE_URL=postgresql://… runs it on that (empty) PostgreSQL database instead of a new SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isPostgresUrl } from "../lib/postgres";
import { buildIfStale } from "./build-if-stale";
import { client, ledger, percentile, READ_RATIO, statusLine, verify } from "./load-clients";
import { seededDatabase, startServer } from "./server-process";

const CLIENTS = Number(process.env.LOAD_CLIENTS) || 50;
const WRITES = Number(process.env.LOAD_WRITES) || 2_000;
/** Unmeasured writes first, shared by all the clients. */
const WARM_UP_WRITES = 250;
/** The whole run stops after this long, whatever is left; one request after this. */
const RUN_LIMIT_MS = 180_000;

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

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-load-"));
  const target = process.env.DATABASE_URL && isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL : path.join(dir, "load.db");
  const { url, tokens } = await seededDatabase(target, CLIENTS);
  buildIfStale();

  const server = await startServer(url);
  console.log(
    `Server: ${server.url} on ${isPostgresUrl(url) ? "PostgreSQL" : "SQLite"} (${os.cpus().length} cores); ${CLIENTS} clients, ${WRITES} writes, about ${READ_RATIO} reads per write.`,
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
    await Promise.all(tokens.map((token, n) => client(server.url, token, n, deadline, WRITES)));
    const seconds = (performance.now() - started) / 1000;
    const loadCpu = process.cpuUsage(cpuBefore.load);
    const cpu = { load: (loadCpu.user + loadCpu.system) / 1e6, server: serverCpuSeconds(server.child.pid!) - cpuBefore.server };
    await server.stop("SIGTERM");

    const writes = ledger.writeLatencies.length;
    const throughput = writes / seconds;
    const p = (q: number) => percentile(ledger.writeLatencies, q).toFixed(1);
    console.log(`\nwrites   ${writes} in ${seconds.toFixed(2)} s = ${throughput.toFixed(0)} writes/s`);
    console.log(`latency  of writes: p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms, max ${percentile(ledger.writeLatencies, 100).toFixed(1)} ms`);
    console.log(
      `reads    ${ledger.readLatencies.length}: p50 ${percentile(ledger.readLatencies, 50).toFixed(1)} ms, p99 ${percentile(ledger.readLatencies, 99).toFixed(1)} ms`,
    );
    console.log(`answers  ${statusLine()}`);
    console.log(
      `cpu      server ${cpu.server.toFixed(1)} s (${((cpu.server / seconds) * 100).toFixed(0)}% of a core), this load script ${cpu.load.toFixed(1)} s (${((cpu.load / seconds) * 100).toFixed(0)}%), on ${os.cpus().length} cores`,
    );

    const problems = [...ledger.errors, ...(await verify(url))];
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
