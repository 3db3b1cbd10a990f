// The monitors' part of `npm run bench`: the CPU one monitored 128 kbit/s MP3 stream costs (Dead Air's ffmpeg and its
// share of the worker) beside a bare ffmpeg decode of the same stream in the same run, then 20 streams at once, every
// second of each checked for its loudness sample. Real streams: Debian's icecast2, fed by ffmpeg copying an MP3 file.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEvent } from "../lib/data/event-writes";
import { createMonitor } from "../lib/data/monitors";
import { disconnectDb, getDb } from "../lib/db";
import { systemActor } from "../lib/domain/actor";
import { MonitorWorker } from "../lib/monitor/worker";
import { prepareDatabase } from "../lib/prepare";
import { type IcecastServer, type SourceProcess, startIcecast, startSource } from "../tests/support/icecast";
import { cpuSeconds } from "./bench-live";
import { median } from "./median";

const STREAMS = 20;
const WINDOW_S = 30;
const CONSOLE = { actor: systemActor("console") };

export interface MonitorFigures {
  /** Share of a core: a bare `ffmpeg -i <stream> -f null -`, the floor any listener pays. */
  bareDecode: number;
  /** One monitored stream: its ffmpeg (decode and EBU R128) plus the worker's share of Node. */
  oneStream: number;
  /** With 20 at once: per stream, all ffmpeg and the worker's Node shared out. */
  perStreamOf20: number;
  medianFfmpegOf20: number;
  workerOf20: number;
  /** Seconds of the 20 streams' window that have a loudness sample, and that should. */
  secondsSampled: number;
  secondsExpected: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The ffmpeg processes this process started other than `except` (the sources, the bare decode). */
function ownFfmpegs(except: Set<number>): number[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,comm="])
    .toString()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, ppid, comm]) => Number(ppid) === process.pid && comm === "ffmpeg" && !except.has(Number(pid)))
    .map(([pid]) => Number(pid));
}

/** Core shares of `pids` and of this process over `seconds`. */
async function measure(pids: number[], seconds: number): Promise<{ each: number[]; node: number }> {
  const before = pids.map(cpuSeconds);
  const node = process.cpuUsage();
  await sleep(seconds * 1000);
  const used = process.cpuUsage(node);
  return { each: pids.map((pid, i) => (cpuSeconds(pid) - before[i]) / seconds), node: (used.user + used.system) / 1e6 / seconds };
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not within ${ms / 1000} s: ${what}`);
    await sleep(250);
  }
}

export async function runMonitorBench(): Promise<MonitorFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bench-monitor-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  await prepareDatabase();
  const file = path.join(dir, "tone.mp3");
  execFileSync(
    "ffmpeg",
    ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=120", "-ac", "2", "-ar", "44100"].concat([
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      file,
    ]),
  );
  let icecast: IcecastServer | null = null;
  const sources: SourceProcess[] = [];
  let worker: MonitorWorker | null = null;
  try {
    icecast = await startIcecast({ sources: STREAMS + 2 });
    for (let i = 0; i < STREAMS; i++) sources.push(await startSource(icecast, { mount: `/s${i}`, file }));
    const notOurs = new Set(sources.map((s) => s.process.pid!));

    const bare = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", `${icecast.url}/s0`, "-f", "null", "-"], { stdio: "ignore" });
    notOurs.add(bare.pid!);
    await sleep(3_000);
    const bareDecode = (await measure([bare.pid!], 15)).each[0];
    bare.kill("SIGKILL");

    // One event a stream, as a newsroom watching 20 broadcasts has (an event has one sound).
    const events = [];
    for (let i = 0; i < STREAMS; i++) {
      events.push(await createEvent({ ctx: CONSOLE, input: { title: `Monitor bench ${i}`, platform: "Icecast", timeZone: "UTC", status: "live" } }));
    }
    const ids = events.map((e) => e.id);
    const samples = async () => getDb().sample.count({ where: { eventId: ids[0], series: "loudness" } });
    await createMonitor({ ctx: CONSOLE, slug: events[0].slug, input: { kind: "audio", url: `${icecast.url}/s0`, mode: "on" } });
    worker = new MonitorWorker().start();
    await waitFor("the first stream sampled", async () => (await samples()) > 3);
    const one = await measure(ownFfmpegs(notOurs), 15);
    const oneStream = one.each.reduce((a, b) => a + b, 0) + one.node;

    for (let i = 1; i < STREAMS; i++)
      await createMonitor({ ctx: CONSOLE, slug: events[i].slug, input: { kind: "audio", url: `${icecast.url}/s${i}`, mode: "on" } });
    void worker.look();
    const monitors = await getDb().monitor.findMany({ select: { id: true, eventId: true } });
    await waitFor(`${STREAMS} ffmpeg running`, async () => ownFfmpegs(notOurs).length === STREAMS);
    await waitFor(`${STREAMS} streams sampled`, async () => {
      const rows = await getDb().sample.groupBy({ by: ["origin"], where: { series: "loudness" }, _count: true });
      return rows.length === STREAMS;
    }).catch(async (error) => {
      const states = await getDb().monitor.findMany({ select: { id: true, state: true, lastError: true, lastSampleAt: true } });
      throw new Error(`${(error as Error).message}: ${JSON.stringify(states)}`);
    });
    await sleep(3_000);
    const from = Math.ceil(Date.now() / 1000) * 1000;
    const twenty = await measure(ownFfmpegs(notOurs), WINDOW_S);
    const to = from + WINDOW_S * 1000 - 3_000;
    // The samples of the window's seconds (leaving the last 3 s for what is still being measured and stored).
    await sleep(3_000);
    let secondsSampled = 0;
    for (const { id, eventId } of monitors) {
      const rows = await getDb().sample.findMany({
        where: { eventId, series: "loudness", origin: `monitor:${id}`, at: { gte: new Date(from), lt: new Date(to) } },
        select: { at: true },
      });
      secondsSampled += new Set(rows.map((r) => Math.floor(r.at.getTime() / 1000))).size;
    }
    const ffmpegTotal = twenty.each.reduce((a, b) => a + b, 0);
    return {
      bareDecode,
      oneStream,
      perStreamOf20: (ffmpegTotal + twenty.node) / STREAMS,
      medianFfmpegOf20: median(twenty.each),
      workerOf20: twenty.node,
      secondsSampled,
      secondsExpected: (STREAMS * (to - from)) / 1000,
    };
  } finally {
    await worker?.stop();
    for (const s of sources) await s.stop();
    await icecast?.stop();
    await disconnectDb();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printMonitorFigures(f: MonitorFigures): void {
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(`\nMonitors (real Icecast streams, 128 kbit/s MP3, ${os.cpus().length} cores):`);
  console.log(
    `${verdict(f.oneStream <= 0.05)}  one stream: ${pct(f.oneStream)} of a core (its ffmpeg and the worker; target at most 5 %); a bare ffmpeg decode of the same stream, same run: ${pct(f.bareDecode)}`,
  );
  console.log(
    `${verdict(f.perStreamOf20 <= 0.05)}  ${STREAMS} streams at once: ${pct(f.perStreamOf20)} of a core per stream (median ffmpeg ${pct(f.medianFfmpegOf20)}, the worker's Node ${pct(f.workerOf20)} for all)`,
  );
  console.log(
    `${verdict(f.secondsSampled === f.secondsExpected)}  ${STREAMS} streams: ${f.secondsSampled} of ${f.secondsExpected} stream-seconds have their loudness sample (no sample lost)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runMonitorBench()
    .then(printMonitorFigures)
    .catch((error) => {
      console.error(`Monitor bench failed: ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    });
}
