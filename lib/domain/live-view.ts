// What the live event page draws and tabulates, shaped by pure code: series kept by instant, per-minute figures,
// incidents as spans of time, a time axis in minutes from t = 0, and the status line split into what is announced.
import type { SamplePoint } from "./detectors";
import { downsampleMinMax } from "./downsample";
import { clock, type LiveStatus } from "./live-status";

/** The series the live chart draws, each on its own y axis. */
export const LIVE_SERIES = ["listeners", "loudness"] as const;
export type LiveSeries = (typeof LIVE_SERIES)[number];

/** Points per series the chart draws at most; past it a series is cut back to DRAW_TARGET (min and max kept). */
export const DRAW_MAX_POINTS = 1000;
const DRAW_TARGET = 800;

/** The minutes the table shows, latest first; the rest is a request away (the samples API at resolution=60). */
export const TABLE_MINUTES = 60;

export const MINUTE_MS = 60_000;

/** One series over one minute: what the table needs, with the sum and count so that later samples merge in. */
export interface MinuteStat {
  min: number;
  max: number;
  sum: number;
  count: number;
}

export interface MinuteRow {
  /** The minute's first instant (epoch ms). */
  minute: number;
  listeners: MinuteStat | null;
  loudness: MinuteStat | null;
}

export interface IncomingSample {
  series: string;
  at: number;
  value: number;
}

/** What the live section holds between updates: points to draw (by series) and the minutes of the table. */
export interface LiveSeriesState {
  points: Record<LiveSeries, SamplePoint[]>;
  minutes: MinuteRow[];
}

const isLiveSeries = (series: string): series is LiveSeries => (LIVE_SERIES as readonly string[]).includes(series);

/** A series cut back for drawing: at most DRAW_MAX_POINTS, each time-bucket's lowest and highest kept. */
export function forDrawing(points: SamplePoint[]): SamplePoint[] {
  return points.length > DRAW_MAX_POINTS ? downsampleMinMax(points, DRAW_TARGET) : points;
}

function addToMinute(rows: Map<number, MinuteRow>, series: LiveSeries, at: number, value: number) {
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  let row = rows.get(minute);
  if (!row) rows.set(minute, (row = { minute, listeners: null, loudness: null }));
  const stat = row[series];
  if (!stat) row[series] = { min: value, max: value, sum: value, count: 1 };
  else {
    stat.min = Math.min(stat.min, value);
    stat.max = Math.max(stat.max, value);
    stat.sum += value;
    stat.count++;
  }
}

/** Per-minute figures of raw samples, latest minute first. */
export function buildMinuteRows(bySeries: Partial<Record<string, SamplePoint[]>>): MinuteRow[] {
  const rows = new Map<number, MinuteRow>();
  for (const series of LIVE_SERIES) for (const p of bySeries[series] ?? []) addToMinute(rows, series, p.at, p.value);
  return [...rows.values()].sort((a, b) => b.minute - a.minute);
}

export const sampleKey = (series: string, at: number) => `${series}@${at}`;

/**
 * Samples that arrived live, merged into what is drawn and tabulated. A sample whose series and instant were seen
 * already is skipped (a reconnecting viewer may be sent a sample twice); `seen` records the new ones. Samples may
 * come out of order. Returns the state unchanged when nothing was new.
 */
export function mergeLiveSamples(state: LiveSeriesState, incoming: IncomingSample[], seen: Set<string>): LiveSeriesState {
  const fresh = incoming.filter((s) => {
    if (!isLiveSeries(s.series) || !Number.isFinite(s.at) || !Number.isFinite(s.value)) return false;
    const key = sampleKey(s.series, s.at);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return state;
  const rows = new Map(
    state.minutes.map((r) => [
      r.minute,
      { minute: r.minute, listeners: r.listeners && { ...r.listeners }, loudness: r.loudness && { ...r.loudness } },
    ]),
  );
  const points = { ...state.points };
  for (const series of LIVE_SERIES) {
    const added = fresh.filter((s) => s.series === series);
    if (added.length === 0) continue;
    for (const s of added) addToMinute(rows, series, s.at, s.value);
    const merged = [...points[series], ...added.map((s) => ({ at: s.at, value: s.value }))];
    const inOrder = merged.every((p, i) => i === 0 || merged[i - 1].at <= p.at);
    points[series] = forDrawing(inOrder ? merged : merged.sort((a, b) => a.at - b.at));
  }
  return { points, minutes: [...rows.values()].sort((a, b) => b.minute - a.minute) };
}

/** An incident as the chart shades it: instants (epoch ms); `to` null while it is still going on. */
export interface LiveIncident {
  id: number;
  kind: string;
  detected: boolean;
  from: number;
  to: number | null;
  review: string | null;
}

/** What the page's read of incidents holds, detected or reported. */
export interface IncidentRecord {
  id: number;
  kind: string;
  detector: string | null;
  startedAt: Date | string | null;
  endedAt: Date | string | null;
  startOffsetMinutes: number | null;
  durationMinutes: number | null;
  review: string | null;
}

const ms = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? Date.parse(d) : d.getTime());

/**
 * Incidents placed in time: a detected one by its instants, a reported one by its offset from the scheduled start
 * (and its duration; an instant when none was reported). Dismissed ones and ones that cannot be placed are left out.
 */
export function placeIncidents(incidents: IncidentRecord[], scheduledStart: number | null): LiveIncident[] {
  return incidents.flatMap((i): LiveIncident[] => {
    if (i.review === "dismissed") return [];
    if (i.detector !== null) {
      const from = ms(i.startedAt);
      if (from === null || Number.isNaN(from)) return [];
      return [{ id: i.id, kind: i.kind, detected: true, from, to: ms(i.endedAt), review: i.review }];
    }
    if (scheduledStart === null || i.startOffsetMinutes === null) return [];
    const from = scheduledStart + i.startOffsetMinutes * MINUTE_MS;
    return [{ id: i.id, kind: i.kind, detected: false, from, to: from + (i.durationMinutes ?? 0) * MINUTE_MS, review: null }];
  });
}

/** A detected incident as the live stream sends it, merged in by id (opened, updated, closed). */
export function mergeLiveIncident(list: LiveIncident[], incident: IncidentRecord): LiveIncident[] {
  const [placed] = placeIncidents([{ ...incident, detector: incident.detector ?? incident.kind }], null);
  const others = list.filter((i) => i.id !== incident.id);
  return placed ? [...others, placed].sort((a, b) => a.from - b.from) : others;
}

/** Where t = 0 is: the scheduled start, or the first sample when no start was scheduled. */
export function timeOrigin(scheduledStart: number | null, firstSampleAt: number | null): { origin: number; label: string } | null {
  if (scheduledStart !== null) return { origin: scheduledStart, label: "the scheduled start" };
  if (firstSampleAt !== null) return { origin: firstSampleAt, label: "the first sample" };
  return null;
}

/**
 * The chart's time range in ms from t = 0: the samples, and t = 0 itself when it lies within an hour before the
 * first sample (so a pre-show and a late start show where the broadcast should have begun). At least a minute wide.
 */
export function chartDomain(points: SamplePoint[][], origin: number): [number, number] {
  const all = points.flat();
  if (all.length === 0) return [0, MINUTE_MS];
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of all) {
    lo = Math.min(lo, p.at - origin);
    hi = Math.max(hi, p.at - origin);
  }
  if (lo > 0 && lo <= 3_600_000) lo = 0;
  if (hi < 0 && hi >= -3_600_000) hi = 0;
  if (hi - lo < MINUTE_MS) hi = lo + MINUTE_MS;
  return [lo, hi];
}

const TICK_STEPS_MS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400].map((s) => s * 1000);

/** Round ticks for an axis of ms from t = 0: every 10 s, 15 s, 30 s, 1 min … 1 day, at most about eight. */
export function offsetTicks([lo, hi]: [number, number]): number[] {
  const span = Math.max(1, hi - lo);
  const step = TICK_STEPS_MS.find((s) => span / s <= 8) ?? 2 * 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return ticks;
}

/** An offset from t = 0 as a clock reads it: "−1:30", "0:00", "12:05", "1:02:00". */
export function formatOffset(offsetMs: number): string {
  const rounded = Math.round(offsetMs / 1000) * 1000;
  return (rounded < 0 ? "−" : "") + clock(Math.abs(rounded));
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a wall clock in a zone: "21:04", or "21:04:05" with seconds. */
export function formatClockTime(at: number, timeZone: string, seconds = false): string {
  const key = `${timeZone}|${seconds}`;
  let format = clockFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        minute: "2-digit",
        second: seconds ? "2-digit" : undefined,
        hourCycle: "h23",
        timeZone,
      });
    } catch {
      return new Date(at).toISOString().slice(11, seconds ? 19 : 16);
    }
    clockFormats.set(key, format);
  }
  return format.format(at);
}

/** What editors made of a detected incident, as the page says it. */
export function reviewLabel(review: string | null): string {
  if (review === "confirmed") return "confirmed by an editor";
  if (review === "corrected") return "corrected by an editor";
  if (review === "dismissed") return "dismissed by an editor";
  return "awaiting review";
}

/** A duration in words: "15 s", "2 min 5 s", "1 hr 4 min". */
export function formatSpan(durationMs: number): string {
  const s = Math.max(0, Math.round(durationMs / 1000));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return m > 0 ? `${h} hr ${m} min` : `${h} hr`;
  return s % 60 > 0 ? `${m} min ${s % 60} s` : `${m} min`;
}

/**
 * The status line in two parts: the headline, which changes only when the state does (the part a screen reader is
 * told about), and the detail that moves with every sample or second ("1,234 listening", "for 0:42").
 */
export function splitStatus(status: Pick<LiveStatus, "state" | "text">): { headline: string; detail: string } {
  const at = (separator: string) => {
    const i = status.text.indexOf(separator);
    return i < 0 ? { headline: status.text, detail: "" } : { headline: status.text.slice(0, i), detail: status.text.slice(i) };
  };
  if (status.state === "on_air" || status.state === "late") return at(" · ");
  if (status.state === "dead_air") return at(" for ");
  return { headline: status.text, detail: "" };
}

/** The figures of one minute as the table reads them. */
export function minuteCells(row: MinuteRow): {
  listenersMean: number | null;
  listenersMin: number | null;
  listenersMax: number | null;
  loudnessMin: number | null;
} {
  const l = row.listeners;
  return {
    listenersMean: l ? l.sum / l.count : null,
    listenersMin: l?.min ?? null,
    listenersMax: l?.max ?? null,
    loudnessMin: row.loudness?.min ?? null,
  };
}

/** One compared event's listener curve in figures: its range in time from t = 0, its peak and its mean. */
export interface CurveSummary {
  from: number;
  to: number;
  peak: number;
  peakAt: number;
  mean: number;
}

/** Points are per-minute means in ms from t = 0; the mean is over those minutes. Null for an empty curve. */
export function summarizeCurve(points: SamplePoint[]): CurveSummary | null {
  if (points.length === 0) return null;
  let peak = points[0];
  let sum = 0;
  for (const p of points) {
    if (p.value > peak.value) peak = p;
    sum += p.value;
  }
  return { from: points[0].at, to: points[points.length - 1].at, peak: peak.value, peakAt: peak.at, mean: sum / points.length };
}

/** Round steps for a count axis from 0: 1, 2, 2.5 or 5 times a power of ten, about five of them. */
export function countTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/**
 * A chart as the page's SVG draws it: every position a share of the plot's width (x, from the left) or height (y,
 * from the top), so the lines stretch with the box while the labels stay HTML at their own size.
 */
export interface PlotShape {
  xTicks: { share: number; label: string }[];
  left: { share: number; label: string }[];
  right: { share: number; label: string }[] | null;
  /** Shaded spans of time: incidents. */
  bands: { key: string; kind: string; from: number; to: number }[];
  /** A dashed level on the right axis (the dead-air threshold). */
  level: number | null;
  /** Where t = 0 is, when in range. */
  origin: number | null;
  /** Each line as runs of points ("x,y x,y" in a 1000 × 1000 box); a gap in the samples breaks a line. */
  lines: { key: string; runs: string[] }[];
}

export const PLOT_BOX = 1000;

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** Points as polyline runs, broken where two samples lie further apart than `maxGap` (ms): a gap is not data. */
function runs(points: SamplePoint[], x: (at: number) => number, y: (v: number) => number, maxGap: number): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let previous = -Infinity;
  for (const p of points) {
    if (p.at - previous > maxGap && run.length) {
      out.push(run.join(" "));
      run = [];
    }
    run.push(`${Math.round(x(p.at) * PLOT_BOX * 10) / 10},${Math.round(y(p.value) * PLOT_BOX * 10) / 10}`);
    previous = p.at;
  }
  if (run.length) out.push(run.join(" "));
  return out;
}

/** A gap that breaks a line: ten seconds, or a fiftieth of the range on long ones. */
const gapFor = (span: number) => Math.max(10_000, span / 50);

/** Ticks of a count axis labelled as people read them: 1.5K, 3K, 4.5K. */
const countLabel = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * The live chart: listeners on the left axis and loudness (LUFS) on the right, over time from t = 0, incidents
 * shaded; the loudness axis reaches 10 LU below the quietest sample (or the threshold) and up to 0 LUFS.
 */
export function buildLivePlot(input: {
  listeners: SamplePoint[];
  loudness: SamplePoint[];
  origin: number;
  incidents: LiveIncident[];
  thresholdLufs: number;
}): PlotShape {
  const { listeners, loudness, origin, incidents, thresholdLufs } = input;
  const [lo, hi] = chartDomain([listeners, loudness], origin);
  const x = (at: number) => (at - origin - lo) / (hi - lo);
  const counts = countTicks(listeners.reduce((m, p) => Math.max(m, p.value), 0));
  const top = counts[counts.length - 1];
  const quietest = loudness.reduce((m, p) => Math.min(m, p.value), thresholdLufs);
  const floor = Math.max(-100, Math.floor((quietest - 10) / 10) * 10);
  const lufsStep = floor < -60 ? 20 : 10;
  const lufsY = (v: number) => clamp01(v / floor);
  const lufsTicks: number[] = [];
  for (let v = 0; v >= floor; v -= lufsStep) lufsTicks.unshift(v);
  const latest = origin + hi;
  const gap = gapFor(hi - lo);
  return {
    xTicks: offsetTicks([lo, hi]).map((t) => ({ share: (t - lo) / (hi - lo), label: formatOffset(t) })),
    left: counts.map((v) => ({ share: 1 - v / top, label: countLabel.format(v) })),
    right: lufsTicks.map((v) => ({ share: lufsY(v), label: String(v).replace("-", "−") })),
    bands: incidents
      .map((i) => ({ key: String(i.id), kind: i.kind, from: clamp01(x(i.from)), to: clamp01(x(Math.min(i.to ?? latest, latest))) }))
      .filter((b) => b.to > b.from || (b.to === b.from && b.from > 0 && b.from < 1)),
    level: lufsY(thresholdLufs),
    origin: lo <= 0 && hi >= 0 ? -lo / (hi - lo) : null,
    lines: [
      { key: "listeners", runs: runs(listeners, x, (v) => 1 - v / top, gap) },
      { key: "loudness", runs: runs(loudness, x, lufsY, gap) },
    ],
  };
}

/** The overlay of compared events' listener curves (points in ms from each event's t = 0), on one count axis. */
export function buildCurvePlot(curves: { slug: string; points: SamplePoint[] }[]): PlotShape {
  const all = curves.flatMap((c) => c.points);
  const lo = Math.min(0, ...all.map((p) => p.at));
  const hi = Math.max(lo + MINUTE_MS, ...all.map((p) => p.at));
  const counts = countTicks(Math.max(0, ...all.map((p) => p.value)));
  const top = counts[counts.length - 1];
  const x = (at: number) => (at - lo) / (hi - lo);
  // Per-minute means: a missing minute or more is a gap.
  const gap = Math.max(2 * MINUTE_MS, (hi - lo) / 50);
  return {
    xTicks: offsetTicks([lo, hi]).map((t) => ({ share: x(t), label: formatOffset(t) })),
    left: counts.map((v) => ({ share: 1 - v / top, label: countLabel.format(v) })),
    right: null,
    bands: [],
    level: null,
    origin: lo <= 0 && hi >= 0 ? x(0) : null,
    lines: curves.map((c) => ({ key: c.slug, runs: runs(c.points, x, (v) => 1 - v / top, gap) })),
  };
}
