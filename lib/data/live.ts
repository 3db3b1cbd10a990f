// Reads for the live views: what an event's live section starts from, which events are live now, and the listener
// curves /compare overlays.
import "server-only";
import { getDb } from "../db";
import type { SamplePoint } from "../domain/detectors";
import { downsampleMinMax } from "../domain/downsample";
import { buildMinuteRows, type CurveSummary, DRAW_MAX_POINTS, forDrawing, LIVE_SERIES, type LiveSeries, type MinuteRow, summarizeCurve } from "../domain/live-view";
import { readSamples, recentSamples } from "./samples";
import { clientSql, instantMs } from "./sql";

/** The last stretch read raw (the table's minutes and the finest drawing); anything older is drawn from the roll-ups. */
const RAW_WINDOW_MS = 3 * 3_600_000;

export interface LiveSnapshot {
  /** Points to draw per series, at most DRAW_MAX_POINTS each, every minimum and maximum kept. */
  points: Record<LiveSeries, SamplePoint[]>;
  /** Per-minute figures of the raw window, latest first. */
  minutes: MinuteRow[];
  /** The id of the newest sample read: the live stream sends what comes after it. */
  lastId: number;
  firstAt: number;
  lastAt: number;
}

async function minuteSpan(eventId: number): Promise<{ first: number; last: number } | null> {
  const row = await clientSql().one<{ first: string | Date | null; last: string | Date | null }>(
    `SELECT MIN("minute") AS "first", MAX("minute") AS "last" FROM "SampleRollup" WHERE "eventId" = ?`,
    eventId,
  );
  return row?.first && row.last ? { first: instantMs(row.first), last: instantMs(row.last) } : null;
}

/**
 * What an event's live section starts from, or null when it has no samples. The raw window and the id the live
 * stream resumes after come from one query, so a sample is either in the page or sent after it, never both.
 */
export async function getLiveSnapshot(eventId: number): Promise<LiveSnapshot | null> {
  const span = await minuteSpan(eventId);
  if (!span) return null;
  const rawFrom = Math.max(span.first, span.last + 60_000 - RAW_WINDOW_MS);
  const { bySeries, lastId } = await recentSamples(eventId, rawFrom);
  const older: Partial<Record<string, SamplePoint[]>> = {};
  if (span.first < rawFrom) {
    // Each older minute as its lowest and highest value, so that its dead air still shows.
    const minutes = await readSamples(eventId, { from: span.first, to: rawFrom, series: [...LIVE_SERIES], resolution: 60 });
    for (const [series, list] of Object.entries(minutes)) older[series] = list.flatMap((p) => [{ at: p.at, value: p.min }, { at: p.at + 30_000, value: p.max }]);
  }
  const points = Object.fromEntries(
    LIVE_SERIES.map((series) => [series, forDrawing([...(older[series] ?? []), ...(bySeries[series] ?? []).map((p) => ({ at: p.at, value: p.value }))])]),
  ) as Record<LiveSeries, SamplePoint[]>;
  const times = Object.values(bySeries).flatMap((list) => (list.length ? [list[0].at, list[list.length - 1].at] : []));
  return {
    points,
    minutes: buildMinuteRows(bySeries),
    lastId,
    firstAt: Math.min(span.first, ...times),
    lastAt: times.length ? Math.max(...times) : span.last,
  };
}

/** The events whose page is live: status "live", or one of `watched` (events fed lately), newest first. */
export async function getLiveCandidates(watched: number[], limit = 20) {
  return getDb().event.findMany({
    where: { OR: [{ status: "live" }, ...(watched.length ? [{ id: { in: watched } }] : [])] },
    select: { id: true, slug: true, title: true, platform: true, status: true },
    // Undated events last on both backends (PostgreSQL sorts NULL first in a descending order).
    orderBy: [{ scheduledStart: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: limit,
  });
}

/** One event's listeners per minute (the mean), in ms from its t = 0. */
export interface ListenerCurve {
  slug: string;
  title: string;
  /** What t = 0 is: "scheduled start" or "first sample" (no start was scheduled). */
  origin: "scheduled start" | "first sample";
  /** For drawing: at most DRAW_MAX_POINTS, each bucket's lowest and highest minute kept. */
  points: SamplePoint[];
  /** Over every minute, not only the drawn ones. */
  summary: CurveSummary;
}

/** How far from t = 0 a listener curve is read: two hours before, a day after. */
const CURVE_BEFORE_MS = 2 * 3_600_000;
const CURVE_AFTER_MS = 24 * 3_600_000;

/** Listener curves of the events of `slugs` that have listener samples, in that order; the others are left out. */
export async function getListenerCurves(slugs: string[]): Promise<ListenerCurve[]> {
  if (slugs.length === 0) return [];
  const db = getDb();
  const events = await db.event.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, title: true, scheduledStart: true } });
  if (events.length === 0) return [];
  // One walk of the roll-ups' (event, series, minute) key per event: which have listeners, and from when.
  const spans = await clientSql().all<{ eventId: number | bigint; first: string | Date }>(
    `SELECT "eventId", MIN("minute") AS "first" FROM "SampleRollup" WHERE "series" = 'listeners' AND "eventId" IN (${events.map(() => "?").join(", ")}) GROUP BY "eventId"`,
    ...events.map((e) => e.id),
  );
  const firstOf = new Map(spans.map((s) => [Number(s.eventId), instantMs(s.first)]));
  const curves = await Promise.all(
    events
      .filter((e) => firstOf.has(e.id))
      .map(async (e): Promise<ListenerCurve[]> => {
        const origin = e.scheduledStart?.getTime() ?? firstOf.get(e.id)!;
        const read = await readSamples(e.id, { from: origin - CURVE_BEFORE_MS, to: origin + CURVE_AFTER_MS, series: ["listeners"], resolution: 60 });
        const means = (read.listeners ?? []).map((p) => ({ at: p.at - origin, value: p.value }));
        const summary = summarizeCurve(means);
        if (!summary) return [];
        const points = means.length > DRAW_MAX_POINTS ? downsampleMinMax(means, DRAW_MAX_POINTS) : means;
        return [{ slug: e.slug, title: e.title, origin: e.scheduledStart ? "scheduled start" : "first sample", points, summary }];
      }),
  );
  const order = new Map(slugs.map((s, i) => [s, i]));
  return curves.flat().sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
}
