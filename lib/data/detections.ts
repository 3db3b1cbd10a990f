// What the detectors found, written as incidents: opened when a condition begins, closed with its duration when it
// clears, with "Dead Air monitor" as their source; a detected late start gives the event its measured start.
import "server-only";
import { getDb, type Tx } from "../db";
import { NotFoundError } from "../errors";
import { systemActor } from "../domain/actor";
import type { Detection } from "../domain/detectors";
import { DETECTED_DESCRIPTIONS } from "../domain/options";
import type { WriteContext } from "./operation";
import { runAuthorized } from "./operation";
import { logChanges, logWholeRecord, type LogActor } from "./revisions";

export const MONITOR_SOURCE = "Dead Air monitor";
export const MONITOR: WriteContext = { actor: systemActor("monitor") };

/** Two runs over more samples may place a start a sample later or earlier: within this, it is the same incident. */
const SAME_START_MS = 5_000;

export type IncidentChange = "incident.opened" | "incident.closed" | "incident.updated";

export interface DetectedIncident {
  id: number;
  eventId: number;
  kind: string;
  detector: string;
  startedAt: string;
  endedAt: string | null;
  durationMinutes: number | null;
  startOffsetMinutes: number | null;
  review: string | null;
  description: string;
}

async function monitorSourceId(tx: Tx, actor: LogActor): Promise<number> {
  const existing = await tx.source.findUnique({ where: { name: MONITOR_SOURCE }, select: { id: true } });
  if (existing) return existing.id;
  const source = await tx.source.create({ data: { name: MONITOR_SOURCE, kind: "other", homeUrl: null } });
  await logWholeRecord(tx, "create", "source", source.id, null, source, actor);
  return source.id;
}

type Recorded = { detector: string | null; startedAt: Date | null; endedAt: Date | null; review: string | null };

/** The detected incident a detection is, if it was recorded: the same detector, starting within SAME_START_MS. */
function matchOf<T extends Recorded>(recorded: T[], d: Detection): T | undefined {
  return recorded.find((i) => i.detector === d.detector && i.startedAt && Math.abs(i.startedAt.getTime() - d.startedAt) <= SAME_START_MS);
}

/**
 * The open detected incidents, started within the window the detectors judged, that none of their detections is now:
 * a stream judged down when its samples were only late (a starved listener catching up fills the gap with samples
 * in their own time), or a start that moved. Left alone, such an incident would stay open for good.
 */
function orphansOf<T extends Recorded>(recorded: T[], detections: Detection[], since: number): T[] {
  return recorded.filter(
    (i) =>
      i.detector !== null &&
      i.endedAt === null &&
      i.startedAt !== null &&
      i.startedAt.getTime() >= since &&
      i.review !== "dismissed" &&
      i.review !== "corrected" &&
      !detections.some((d) => matchOf([i], d)),
  );
}

/** Whether a detection changes what is recorded (people's dismissals and corrections stand). */
function changes(recorded: Recorded[], d: Detection): boolean {
  const match = matchOf(recorded, d);
  if (!match) return true;
  if (match.review === "dismissed" || match.review === "corrected") return false;
  return match.startedAt?.getTime() !== d.startedAt || (match.endedAt?.getTime() ?? null) !== d.endedAt;
}

const minutesBetween = (a: number, b: number) => Math.round(((b - a) / 60_000) * 100) / 100;

function asDetected(i: { id: number; eventId: number; kind: string; detector: string | null; startedAt: Date | null; endedAt: Date | null; durationMinutes: number | null; startOffsetMinutes: number | null; review: string | null; description: string }): DetectedIncident {
  return { ...i, detector: i.detector ?? i.kind, startedAt: i.startedAt?.toISOString() ?? "", endedAt: i.endedAt?.toISOString() ?? null };
}

/**
 * Brings an event's detected incidents in step with what the detectors now find: a new condition opens one, an
 * ended one closes it; one that editors dismissed stays dismissed. With `since`, the start of the window they judged,
 * an open one started in it that they no longer find is closed where it began (it lasted no time in the samples).
 * `notify` runs inside the same transaction for every change (alerts are queued with the incident, or not at all).
 */
export async function applyDetections(
  eventId: number,
  detections: Detection[],
  notify: (tx: Tx, change: IncidentChange, incident: DetectedIncident) => Promise<unknown> = async () => {},
  since = Infinity,
): Promise<{ change: IncidentChange; incident: DetectedIncident }[]> {
  // The detectors run every second or so per watched event and mostly find what is already recorded: a read tells,
  // and only a change takes the writer (whose transaction reads again before it writes).
  const recorded = await getDb().incident.findMany({ where: { eventId, detector: { not: null } }, select: { detector: true, startedAt: true, endedAt: true, review: true } });
  if (!detections.some((d) => changes(recorded, d)) && orphansOf(recorded, detections, since).length === 0) return [];
  return runAuthorized(MONITOR, async ({ tx, actor }) => {
    const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { id: true, scheduledStart: true, actualStart: true } });
    const existing = await tx.incident.findMany({ where: { eventId, detector: { not: null } }, orderBy: { id: "asc" } });
    const changes: { change: IncidentChange; incident: DetectedIncident }[] = [];
    const scheduled = event.scheduledStart?.getTime() ?? null;
    let sourceId: number | null = null;
    for (const d of detections) {
      const match = matchOf(existing, d);
      if (match?.review === "dismissed") continue;
      const fields = {
        startedAt: new Date(d.startedAt),
        endedAt: d.endedAt === null ? null : new Date(d.endedAt),
        startOffsetMinutes: scheduled === null ? null : minutesBetween(scheduled, d.startedAt),
        durationMinutes: d.endedAt === null ? null : minutesBetween(d.startedAt, d.endedAt),
      };
      if (!match) {
        sourceId ??= await monitorSourceId(tx, actor);
        const created = await tx.incident.create({
          data: { eventId, kind: d.detector, detector: d.detector, review: "pending", qualifier: "exact", description: DETECTED_DESCRIPTIONS[d.detector], sourceId, ...fields },
        });
        await logWholeRecord(tx, "create", "incident", created.id, eventId, created, actor);
        existing.push(created);
        changes.push({ change: "incident.opened", incident: asDetected(created) });
        if (created.endedAt) changes.push({ change: "incident.closed", incident: asDetected(created) });
        if (d.detector === "late_start" && d.endedAt !== null) await recordMeasuredStart(tx, event, d.endedAt, created.sourceId!, actor);
        continue;
      }
      // People's corrections stand: only the instants of an incident still under the detector's care move.
      if (match.review === "corrected") continue;
      const wasOpen = match.endedAt === null;
      const same = match.endedAt?.getTime() === fields.endedAt?.getTime() && match.startedAt?.getTime() === fields.startedAt.getTime();
      if (same) continue;
      const after = await tx.incident.update({ where: { id: match.id }, data: { ...fields, version: { increment: 1 } } });
      await logChanges(tx, "incident", match.id, eventId, match, after, actor);
      existing[existing.indexOf(match)] = after;
      const change: IncidentChange = wasOpen && after.endedAt ? "incident.closed" : "incident.updated";
      changes.push({ change, incident: asDetected(after) });
      if (d.detector === "late_start" && d.endedAt !== null && wasOpen) await recordMeasuredStart(tx, event, d.endedAt, after.sourceId!, actor);
    }
    for (const orphan of orphansOf(existing, detections, since)) {
      const after = await tx.incident.update({
        where: { id: orphan.id },
        data: { endedAt: orphan.startedAt, durationMinutes: 0, version: { increment: 1 } },
      });
      await logChanges(tx, "incident", orphan.id, eventId, orphan, after, actor);
      changes.push({ change: "incident.closed", incident: asDetected(after) });
    }
    for (const c of changes) await notify(tx, c.change, c.incident);
    return changes;
  });
}

/**
 * A late start the monitor measured: the delay as a figure of "Dead Air monitor", beside any reported one and never
 * over it, and the actual start when nobody entered one.
 */
async function recordMeasuredStart(tx: Tx, event: { id: number; scheduledStart: Date | null; actualStart: Date | null }, startedAt: number, sourceId: number, actor: LogActor) {
  if (event.scheduledStart) {
    const value = Math.round(((startedAt - event.scheduledStart.getTime()) / 60_000) * 10) / 10;
    const figure = await tx.report.findFirst({ where: { eventId: event.id, metric: "start_delay", sourceId } });
    if (!figure) {
      const report = await tx.report.create({
        data: { eventId: event.id, metric: "start_delay", value, unit: "minutes", qualifier: "exact", sourceId, note: "Measured by Dead Air's monitor: the first sustained sound after the scheduled start." },
      });
      await logWholeRecord(tx, "create", "report", report.id, event.id, report, actor);
    }
  }
  if (!event.actualStart) {
    const before = await tx.event.findUniqueOrThrow({ where: { id: event.id } });
    const after = await tx.event.update({ where: { id: event.id }, data: { actualStart: new Date(startedAt), version: { increment: 1 } } });
    await logChanges(tx, "event", event.id, event.id, before, after, actor);
    event.actualStart = after.actualStart;
  }
}

/**
 * What a monitor read of an event's schedule (the X API's Space lookup): the scheduled and actual start and the end
 * fill the event's own fields where nobody entered them, its status follows the Space's (scheduled, live, ended), and
 * the delay is a figure of "Dead Air monitor" beside any reported one. Answers whether anything changed.
 */
export async function recordMonitoredTimes(
  eventId: number,
  times: { state: string; scheduledStart: number | null; startedAt: number | null; endedAt: number | null },
  measuredBy: string,
): Promise<boolean> {
  return runAuthorized(MONITOR, async ({ tx, actor }) => {
    const before = await tx.event.findUnique({ where: { id: eventId } });
    if (!before) return false;
    const data: { scheduledStart?: Date; actualStart?: Date; endedAt?: Date; status?: string } = {};
    if (!before.scheduledStart && times.scheduledStart !== null) data.scheduledStart = new Date(times.scheduledStart);
    if (!before.actualStart && times.startedAt !== null) data.actualStart = new Date(times.startedAt);
    if (!before.endedAt && times.endedAt !== null) data.endedAt = new Date(times.endedAt);
    if (times.state === "live" && before.status === "scheduled") data.status = "live";
    if (times.state === "ended" && (before.status === "scheduled" || before.status === "live")) data.status = "ended";
    let changed = false;
    if (Object.keys(data).length) {
      const after = await tx.event.update({ where: { id: eventId }, data: { ...data, version: { increment: 1 } } });
      await logChanges(tx, "event", eventId, eventId, before, after, actor);
      changed = true;
    }
    const scheduled = times.scheduledStart ?? before.scheduledStart?.getTime() ?? null;
    if (scheduled !== null && times.startedAt !== null) {
      const sourceId = await monitorSourceId(tx, actor);
      const figure = await tx.report.findFirst({ where: { eventId, metric: "start_delay", sourceId }, select: { id: true } });
      if (!figure) {
        const value = Math.round(((times.startedAt - scheduled) / 60_000) * 10) / 10;
        const note = `Measured by Dead Air's monitor from ${measuredBy}: scheduled for ${new Date(scheduled).toISOString()}, started at ${new Date(times.startedAt).toISOString()}.`;
        const report = await tx.report.create({ data: { eventId, metric: "start_delay", value, unit: "minutes", qualifier: "exact", sourceId, note } });
        await logWholeRecord(tx, "create", "report", report.id, eventId, report, actor);
        changed = true;
      }
    }
    return changed;
  });
}

/** Editors confirm or dismiss what the monitor found; the log keeps who did. */
export async function reviewDetectedIncident({ ctx, id, review }: { ctx: WriteContext; id: number; review: "confirmed" | "dismissed" }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const before = await tx.incident.findUnique({ where: { id } });
    if (!before || !before.detector) throw new NotFoundError(`No detected incident has the id ${id}.`);
    const after = await tx.incident.update({ where: { id }, data: { review, version: { increment: 1 } } });
    await logChanges(tx, "incident", id, before.eventId, before, after, actor);
    return after;
  });
}

/** The open detected incidents of an event (not dismissed): what the live status reads. */
export async function openDetections(tx: Pick<Tx, "incident">, eventId: number) {
  return tx.incident.findMany({ where: { eventId, detector: { not: null }, endedAt: null, NOT: { review: "dismissed" } }, select: { detector: true, startedAt: true } });
}
