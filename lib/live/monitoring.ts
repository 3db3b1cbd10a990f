// Live monitoring inside the server: stored samples go to the live viewers at once, the detectors run over each
// event's recent samples (after every batch, and every few seconds while samples flow, since a stream that stops
// sends nothing), incidents open and close, alerts are queued, and old raw samples are purged.
import "server-only";
import { applyDetections, type DetectedIncident, type IncidentChange, openDetections } from "../data/detections";
import { detectorSamples, type IngestResult, latestDetectorSamples, purgeRawSamples } from "../data/samples";
import { clientSql, instantMs } from "../data/sql";
import { enqueueWebhook } from "../data/webhooks";
import { getDb, type Tx } from "../db";
import { parseDetectorSettings, runDetectors } from "../domain/detectors";
import { computeLiveStatus, type LiveStatus } from "../domain/live-status";
import { anyViewers, publish, sent } from "./bus";

/** How far back the detectors look: an hour before the scheduled start, and at most six hours. */
const LOOKBACK_MS = 6 * 3_600_000;
/** An event whose last sample is older than this is no longer being watched: no "stream down" for an archive. */
const WATCHED_MS = 10 * 60_000;

interface Run {
  running: Promise<void> | null;
  again: boolean;
}
const globalRuns = globalThis as unknown as {
  deadAirDetections?: Map<number, Run>;
  deadAirFed?: Map<number, number>;
  deadAirDetectionStarted?: Map<number, number>;
  deadAirDetectionTimers?: Map<number, NodeJS.Timeout>;
};
const runs = (globalRuns.deadAirDetections ??= new Map());
/** When the detectors were last started for each event after a batch, and the run each waits for, if any. */
const startedAfterBatch = (globalRuns.deadAirDetectionStarted ??= new Map());
const waitingAfterBatch = (globalRuns.deadAirDetectionTimers ??= new Map());
/**
 * Batches that arrive closer together than this share one run of the detectors: a collector back-filling 10,000
 * samples every 150 ms would otherwise have six hours of samples read and judged after each. The first batch after
 * a pause is judged at once; a burst's last batch waits at most this long (the target is an incident within 1 s).
 */
const DETECTION_GAP_MS = 250;
/** When each event last received samples through this server: the events the clock keeps checking. */
const fed = (globalRuns.deadAirFed ??= new Map());
/**
 * How far behind the wall clock each event's samples arrive: a monitor stores a second's loudness about a second
 * after it went out, a collector may batch a few seconds. The detectors judge "nothing came" in the samples' own time
 * (now minus that lag), so that the lag is not taken for a stream that stopped; when one does stop, the gap still
 * grows with the wall clock. Capped, so that a back-fill's lag does not blind them.
 */
const lags = ((globalRuns as { deadAirLags?: Map<number, number> }).deadAirLags ??= new Map());
const MAX_LAG_MS = 10_000;

/** After a batch is stored: its samples to the viewers now, then the detectors (one run at a time per event). */
export function afterIngest(result: IngestResult): void {
  const now = Date.now();
  fed.set(result.eventId, now);
  // Polled listener counts are no sign of the stream's life (see runDetectors): their lag is not the stream's.
  const stream = result.samples.filter((s) => s.series !== "listeners");
  if (stream.length > 0) lags.set(result.eventId, Math.max(0, now - Math.max(...stream.map((s) => s.at))));
  if (result.samples.length > 0) {
    publish(result.eventId, {
      type: "samples",
      id: result.samples.at(-1)!.id,
      samples: result.samples.map(({ series, at, value }) => ({ series, at, value })),
    });
  }
  detectAfterBatch(result.eventId);
}

function detectAfterBatch(eventId: number): void {
  if (waitingAfterBatch.has(eventId)) return;
  const start = () => {
    waitingAfterBatch.delete(eventId);
    startedAfterBatch.set(eventId, Date.now());
    void scheduleDetection(eventId);
  };
  const wait = (startedAfterBatch.get(eventId) ?? 0) + DETECTION_GAP_MS - Date.now();
  if (wait <= 0) start();
  else waitingAfterBatch.set(eventId, setTimeout(start, wait));
}

/**
 * Drops the detector runs still waiting after a batch, then waits for the runs under way and the live updates being
 * sent: once it resolves, nothing started by a batch reaches the database, so it can be closed or left (tests switch
 * databases; a run that started later would open the one being dropped again, and hang on its killed connection).
 */
export async function settleLiveWork(): Promise<void> {
  for (const timer of waitingAfterBatch.values()) clearTimeout(timer);
  waitingAfterBatch.clear();
  await Promise.all([...runs.values()].map((run) => run.running));
  await sent();
}

/** The events that received samples through this server within the last ten minutes (what "live now" lists). */
export function watchedEventIds(now = Date.now()): number[] {
  return [...fed].filter(([, at]) => now - at <= WATCHED_MS).map(([eventId]) => eventId);
}

/** Runs the detectors for an event; a request while one runs makes one more run after it, never a pile of them. */
export function scheduleDetection(eventId: number): Promise<void> {
  let run = runs.get(eventId);
  if (!run) runs.set(eventId, (run = { running: null, again: false }));
  if (run.running) {
    run.again = true;
    return run.running;
  }
  const current = run;
  current.running = (async () => {
    do {
      current.again = false;
      try {
        await detectNow(eventId);
      } catch (error) {
        console.error(`Dead Air: the detectors failed for event ${eventId}:`, error);
      }
    } while (current.again);
    current.running = null;
  })();
  return current.running;
}

const queueAlert = (tx: Tx, change: IncidentChange, incident: DetectedIncident) => enqueueWebhook(tx, change, { incident });

async function detectNow(eventId: number, now = Date.now()): Promise<void> {
  const event = await getDb().event.findUnique({ where: { id: eventId }, select: { scheduledStart: true, timeZone: true, detectorSettings: true } });
  if (!event) return;
  const scheduled = event.scheduledStart?.getTime() ?? null;
  const last = await clientSql().one<{ minute: string | Date | null }>(
    `SELECT MAX("minute") AS "minute" FROM "SampleRollup" WHERE "eventId" = ?`,
    eventId,
  );
  if (!last?.minute) return;
  // The window ends at the latest sample (a back-fill of a past event is judged where its samples are) and always
  // covers the scheduled start when the event is no longer than half a day.
  const latestMinute = instantMs(last.minute) + 60_000;
  let since = latestMinute - LOOKBACK_MS;
  if (scheduled !== null && scheduled > latestMinute - 2 * LOOKBACK_MS) since = Math.min(since, scheduled - 3_600_000);
  const bySeries = await detectorSamples(eventId, since);
  const latestAt = Math.max(0, ...Object.values(bySeries).map((s) => s.at(-1)?.at ?? 0));
  // Samples sent after the fact: the detectors judge up to the last sample, not now (no "stream down" for an archive);
  // live ones, in the samples' own time (see lags).
  const judgedAt = now - latestAt <= WATCHED_MS ? Math.max(latestAt, now - Math.min(MAX_LAG_MS, lags.get(eventId) ?? 0)) : latestAt;
  const detections =
    latestAt === 0
      ? []
      : runDetectors({ series: bySeries, scheduledStart: scheduled, now: judgedAt, settings: parseDetectorSettings(event.detectorSettings) });
  // With no sample in the window the detectors judged nothing: no incident of theirs is closed for it.
  const changes = await applyDetections(eventId, detections, queueAlert, latestAt === 0 ? Infinity : since);
  for (const c of changes) publish(eventId, { type: "incident", incident: c });
  // The status line is for the page's viewers; with none anywhere, it is not worked out.
  if (anyViewers(eventId)) publish(eventId, { type: "status", status: await liveStatus(eventId, now) });
}

/** The one line the live page shows, from the latest samples and the open detected incidents. */
export async function liveStatus(eventId: number, now = Date.now()): Promise<LiveStatus> {
  const db = getDb();
  const event = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { scheduledStart: true, timeZone: true, medium: true } });
  const latest = await latestDetectorSamples(eventId);
  const open = (await openDetections(db, eventId)).map((i) => ({ detector: i.detector!, startedAt: i.startedAt?.getTime() ?? now }));
  return computeLiveStatus({
    now,
    scheduledStart: event.scheduledStart?.getTime() ?? null,
    timeZone: event.timeZone,
    latest,
    open,
    medium: event.medium,
  });
}

/**
 * The server's own rhythm: every 2 s the detectors run for events that received samples lately (a stream that
 * stops sends nothing, so only a clock notices), and every hour raw samples past their retention are purged.
 */
export function startLiveMonitoring(): void {
  const state = globalThis as unknown as { deadAirLiveTimers?: NodeJS.Timeout[] };
  if (state.deadAirLiveTimers) return;
  const tick = setInterval(() => {
    const now = Date.now();
    for (const [eventId, at] of fed) {
      if (now - at > WATCHED_MS) fed.delete(eventId);
      else void scheduleDetection(eventId);
    }
  }, 2_000);
  // Events that were being fed when the server last stopped are watched again (a stopped stream sends nothing).
  void clientSql()
    .all<{ eventId: number | bigint; minute: string | Date }>(`SELECT "eventId", MAX("minute") AS "minute" FROM "SampleRollup" GROUP BY "eventId"`)
    .then((rows) => {
      for (const r of rows) if (Date.now() - instantMs(r.minute) < WATCHED_MS) fed.set(Number(r.eventId), Date.now());
    })
    .catch((error) => console.error("Dead Air: could not read which events were being watched:", error));
  const purge = setInterval(() => {
    purgeRawSamples().catch((error) => console.error("Dead Air: purging old samples failed:", error));
  }, 3_600_000);
  tick.unref();
  purge.unref();
  state.deadAirLiveTimers = [tick, purge];
}
