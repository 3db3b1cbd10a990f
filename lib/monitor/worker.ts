// The monitor worker: takes the monitors that should run now (each under a lease in the database, so that of several
// workers exactly one runs it), starts a probe for each, stores what they measure through lib/data every second, and
// stops them when they should stop, when their settings change, or when the worker stops.
import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { recordMonitoredTimes } from "../data/detections";
import {
  claimMonitor,
  listMonitorJobs,
  type MonitorJob,
  releaseAllMonitors,
  releaseMonitor,
  renewLeases,
  reportMonitorState,
} from "../data/monitors";
import { storeMonitorSamples } from "../data/samples";
import { afterIngest } from "../live/monitoring";
import { startAudienceProbe } from "./audience-probe";
import { startAudioProbe } from "./audio-probe";
import { errorText, type Probe, type ProbeSink, type SpaceTimes } from "./probe";

/** A lease lasts this long; the worker renews it every LOOK_MS, so a dead worker's monitors are free within 20 s. */
export const LEASE_MS = 20_000;
/** How often the worker looks at what should run: a new monitor starts, and a dead worker's are taken, within this. */
export const LOOK_MS = 5_000;
/** How often states are stored, and samples at the latest. */
const FLUSH_MS = 1_000;
/** A sample waits at most this long to be stored (with whatever else came meanwhile): the detectors see it at once. */
const SAMPLE_DELAY_MS = 50;
/** Samples kept while the database refuses them (an hour of a stream); older ones go first past it. */
const MAX_BUFFERED = 7_200;

type Sample = { series: string; at: number; value: number };

interface Running {
  job: MonitorJob;
  probe: Probe;
  buffer: Sample[];
  state: { state: string; error: string | null };
  written: { state: string; error: string | null } | null;
  times: SpaceTimes | null;
  timesWritten: string | null;
}

export type StartProbe = (job: MonitorJob, sink: ProbeSink) => Probe;

const defaultStartProbe: StartProbe = (job, sink) => (job.kind === "audio" ? startAudioProbe(job, sink) : startAudienceProbe(job, sink));

export class MonitorWorker {
  /** Who holds a lease: this process, told apart from others on the machine and from a restart of itself. */
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  private readonly running = new Map<number, Running>();
  private timers: NodeJS.Timeout[] = [];
  private looking: Promise<void> | null = null;
  private lookAgain = false;
  private flushing: Promise<void> | null = null;
  private soon: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly startProbe: StartProbe = defaultStartProbe) {}

  start(): this {
    const look = setInterval(() => void this.look(), LOOK_MS);
    const flush = setInterval(() => void this.flush(), FLUSH_MS);
    look.unref();
    flush.unref();
    this.timers = [look, flush];
    void this.look();
    return this;
  }

  /** The monitors this worker runs now. */
  get runningIds(): number[] {
    return [...this.running.keys()];
  }

  /** Looks now (a monitor was just made or changed); a look under way is followed by one more. */
  look(): Promise<void> {
    if (this.looking) {
      this.lookAgain = true;
      return this.looking;
    }
    this.looking = (async () => {
      do {
        this.lookAgain = false;
        try {
          await this.lookNow();
        } catch (error) {
          console.error("Dead Air: the monitor worker could not read its monitors:", errorText(error));
        }
      } while (this.lookAgain && !this.stopped);
      this.looking = null;
    })();
    return this.looking;
  }

  private async lookNow(): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    const jobs = new Map((await listMonitorJobs(now)).map((j) => [j.id, j]));
    for (const [id, run] of this.running) {
      const job = jobs.get(id);
      // Deleted, out of its window, stopped by hand, or changed (it starts again below with its new settings).
      if (!job || !job.due || job.version !== run.job.version) await this.stopOne(id, job ? "release" : "keep");
    }
    const held = new Set(await renewLeases(this.id, this.runningIds, new Date(now + LEASE_MS)));
    for (const id of this.runningIds) if (!held.has(id)) await this.stopOne(id, "keep");
    for (const job of jobs.values()) {
      if (this.stopped || !job.due || this.running.has(job.id)) continue;
      const leasedElsewhere = job.leaseOwner !== null && job.leaseOwner !== this.id && job.leaseUntil !== null && job.leaseUntil > now;
      if (leasedElsewhere) continue;
      if (await claimMonitor(job.id, this.id, new Date(now + LEASE_MS), new Date(now))) this.startOne(job);
    }
  }

  private startOne(job: MonitorJob): void {
    const run: Running = { job, probe: null!, buffer: [], state: { state: "starting", error: null }, written: null, times: null, timesWritten: null };
    const sink: ProbeSink = {
      sample: (series, at, value) => {
        run.buffer.push({ series, at, value });
        if (run.buffer.length > MAX_BUFFERED) run.buffer.splice(0, run.buffer.length - MAX_BUFFERED);
        this.soon ??= setTimeout(() => {
          this.soon = null;
          void this.flush();
        }, SAMPLE_DELAY_MS);
      },
      state: (state, error = null) => {
        // An error stands until another replaces it; a state without one keeps the last error on record.
        run.state = { state, error: error ?? null };
      },
      times: (times) => (run.times = times),
    };
    this.running.set(job.id, run);
    run.probe = this.startProbe(job, sink);
  }

  /** Stops a probe; "release" gives the monitor back (its state idle), "keep" leaves the lease to whoever has it. */
  private async stopOne(id: number, lease: "release" | "keep"): Promise<void> {
    const run = this.running.get(id);
    if (!run) return;
    this.running.delete(id);
    await run.probe.stop();
    await this.store(id, run);
    if (lease === "release")
      await releaseMonitor(id, this.id).catch((error) => console.error(`Dead Air: monitor ${id} could not be released:`, errorText(error)));
  }

  /** Stores every monitor's measured samples, state and times (one write each; the writer commits them together). */
  flush(): Promise<void> {
    this.flushing ??= Promise.all([...this.running].map(([id, run]) => this.store(id, run))).then(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async store(id: number, run: Running): Promise<void> {
    const samples = run.buffer.splice(0);
    try {
      if (samples.length) {
        const result = await storeMonitorSamples({ monitorId: id, owner: this.id, eventId: run.job.eventId, samples });
        // Refused: the lease is another worker's now; this probe stops at the next look.
        if (result) afterIngest(result);
      }
      const { state, error } = run.state;
      if (!run.written || run.written.state !== state || (error !== null && run.written.error !== error)) {
        await reportMonitorState(id, this.id, state, error);
        run.written = { state, error };
      }
      const times = run.times && JSON.stringify(run.times);
      if (times && times !== run.timesWritten) {
        await recordMonitoredTimes(run.job.eventId, run.times!, "the X API");
        run.timesWritten = times;
      }
    } catch (error) {
      // Kept for the next flush (the database may be busy or full for a moment): no sample is dropped for that.
      run.buffer.unshift(...samples);
      if (run.buffer.length > MAX_BUFFERED) run.buffer.splice(0, run.buffer.length - MAX_BUFFERED);
      console.error(`Dead Air: monitor ${id}'s samples could not be stored yet:`, errorText(error));
    }
  }

  /** Stops every probe (and every ffmpeg), stores what they measured, and lets go of the leases. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.soon) clearTimeout(this.soon);
    await this.looking;
    await this.flushing;
    const runs = [...this.running];
    this.running.clear();
    await Promise.all(runs.map(([, run]) => run.probe.stop()));
    await Promise.all(runs.map(([id, run]) => this.store(id, run)));
    await releaseAllMonitors(this.id).catch((error) => console.error("Dead Air: the monitors could not be released:", errorText(error)));
  }
}

// On globalThis: Next may load this module in more than one bundle of one server process.
const shared = globalThis as unknown as { deadAirMonitorWorker?: MonitorWorker };

/** Starts this process's worker (once, whoever calls). */
export function startMonitorWorker(): MonitorWorker {
  shared.deadAirMonitorWorker ??= new MonitorWorker().start();
  return shared.deadAirMonitorWorker;
}

/** This process's worker, if it runs one. */
export function currentMonitorWorker(): MonitorWorker | null {
  return shared.deadAirMonitorWorker ?? null;
}

/** Asks the worker to look now: a monitor made or changed here starts within a moment, not at the next look. */
export function nudgeMonitorWorker(): void {
  void shared.deadAirMonitorWorker?.look();
}

export async function stopMonitorWorker(): Promise<void> {
  const worker = shared.deadAirMonitorWorker;
  shared.deadAirMonitorWorker = undefined;
  await worker?.stop();
}
