// Shapes events for comparison: audience expected against actual, minutes lost, and timelines aligned at t = 0
// (each event's scheduled start), as plain data for the charts and the tables beside them.
import { buildEventFigures, type EventFigures, type Figure, type ReportedValue } from "./figures";
import { formatFigure, formatMinutes, formatWithUnit } from "./format";
import { audienceUnit, type MetricKey, METRICS, unitOf } from "./metrics";
import { INCIDENT_KIND_LABELS, incidentKindLabel, type Qualifier, qualify } from "./options";

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 12;

export interface ComparableReport extends ReportedValue {
  sourceUrl: string | null;
  url: string | null;
  quote: string | null;
  note: string;
}

export interface ComparableIncident {
  id: number;
  kind: string;
  startOffsetMinutes: number | null;
  durationMinutes: number | null;
  qualifier: Qualifier;
  description: string;
  sourceName: string | null;
}

export interface ComparableEvent {
  slug: string;
  title: string;
  platform: string;
  scheduledStart: Date | null;
  actualStart: Date | null;
  /** When the broadcast ended; draws the on-air segment when no duration was reported. */
  endedAt?: Date | null;
  /** audio or video: the audience is counted in listeners or viewers. */
  medium?: string;
  reports: ComparableReport[];
  incidents: ComparableIncident[];
  /** Key moments, in minutes from the scheduled start. */
  moments?: { label: string; offsetMinutes: number }[];
}

/** What a timeline draws, in the order of the chart's key: the incident kinds, and the time on air. */
export const SEGMENT_KINDS = [
  "late_start",
  "dead_air",
  "on_air",
  "crash",
  "degraded_audio",
  "degraded_video",
  "buffering",
  "capacity",
  "stream_down",
  "audience_collapse",
  "other",
  "moment",
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** A segment's name on the chart and in its table: the incident kind's chart label. */
export function segmentLabel(kind: SegmentKind): string {
  return kind === "on_air" ? "On air" : kind === "moment" ? "Key moment" : INCIDENT_KIND_LABELS[kind].chart;
}

export interface Segment {
  kind: SegmentKind;
  /** Minutes from the scheduled start; negative before it. */
  start: number;
  end: number;
  approximate: boolean;
  /** What a reader needs: "42 min late", "about 20 min of dead air", "crash at about 20 min". */
  text: string;
  source: string | null;
}

export interface TimelineRow {
  slug: string;
  title: string;
  /** A name short enough for an axis: "X Spaces 2024". */
  short: string;
  segments: Segment[];
}

export interface AudienceRow {
  slug: string;
  title: string;
  short: string;
  /** What the figures count: listeners, viewers, or streams (playbacks, not people). */
  unit: "listeners" | "viewers" | "streams";
  /** The highest reported value (charts draw one bar); null when nobody reported one. */
  expected: number | null;
  average: number | null;
  peak: number | null;
  expectedText: string;
  averageText: string;
  peakText: string;
  attainmentText: string;
  /** "13.75 % of expected" under the average bar; empty when it cannot be computed. */
  attainmentLabel: string;
}

export interface MinutesLostRow {
  slug: string;
  title: string;
  short: string;
  /** Minutes of silence: the start delay plus dead air. */
  value: number | null;
  text: string;
  /** Minutes of buffering or degraded sound or picture, drawn apart from the silence. */
  degraded: number | null;
  degradedText: string;
  /** Why the figure is a lower bound, when it is one. */
  note: string;
}

export interface FigureTableRow {
  slug: string;
  eventTitle: string;
  metric: MetricKey | "attainment" | "minutes_lost" | "degraded_minutes" | "delay_from_instants";
  label: string;
  text: string;
  source: string;
  sourceUrl: string | null;
  quote: string | null;
  derived: boolean;
}

export interface Comparison {
  events: { slug: string; title: string; platform: string; figures: EventFigures }[];
  /** One chart each: listeners, viewers and streams are different units and never share an axis. */
  audience: { unit: AudienceRow["unit"]; rows: AudienceRow[] }[];
  minutesLost: MinutesLostRow[];
  timeline: { rows: TimelineRow[]; domain: [number, number] };
  table: FigureTableRow[];
}

const high = (f: Figure) => (f.status === "reported" ? f.max : null);

/** The segments of one event on the aligned axis, from its figures and incidents. */
export function buildTimeline(event: ComparableEvent, figures: EventFigures): Segment[] {
  const segments: Segment[] = [];
  const delay = figures.delay;
  let airStart = 0;
  if (delay.status === "reported") {
    airStart = delay.max;
    if (delay.max > 0) {
      segments.push({
        kind: "late_start",
        start: 0,
        end: delay.max,
        approximate: delay.qualifier !== "exact" || delay.conflicting,
        text: `${formatFigure(delay, "minutes")} late`,
        source: delay.sources.join(", "),
      });
    }
  }
  const placed = event.incidents.filter((i) => i.startOffsetMinutes !== null);
  for (const incident of placed) {
    const start = incident.startOffsetMinutes!;
    const approximate = incident.qualifier !== "exact";
    if (incident.kind === "late_start" && segments.some((s) => s.kind === "late_start")) continue;
    if (incident.kind === "crash") {
      segments.push({
        kind: "crash",
        start,
        end: start,
        approximate,
        text: `crash at ${qualify(formatMinutes(start), incident.qualifier)}`,
        source: incident.sourceName,
      });
      continue;
    }
    const kind =
      (["late_start", "dead_air", "degraded_audio", "degraded_video", "buffering", "capacity", "stream_down", "audience_collapse"] as const).find(
        (k) => k === incident.kind,
      ) ?? "other";
    const duration = incident.durationMinutes;
    // A length nobody reported is said so, and drawn as an instant rather than as zero minutes.
    const length = duration === null ? "length not reported" : qualify(formatMinutes(duration), incident.qualifier);
    const text =
      kind === "late_start"
        ? duration === null
          ? "late start, length not reported"
          : `${length} late`
        : kind === "dead_air"
          ? duration === null
            ? "dead air, length not reported"
            : `${length} of dead air`
          : `${incidentKindLabel(incident.kind).toLowerCase()}, ${length}`;
    segments.push({ kind, start, end: start + (duration ?? 0), approximate, text, source: incident.sourceName });
    // Known only as an incident, a late start still tells when the event went on air.
    if (kind === "late_start" && delay.status !== "reported" && duration !== null) airStart = start + duration;
  }
  // Dead air reported as a figure but not placed as an incident: it starts when the event should have gone on air.
  const silence = figures.metrics.silence_before_failure;
  if (silence.status === "reported" && !segments.some((s) => s.kind === "dead_air")) {
    const start = Math.max(0, airStart);
    segments.push({
      kind: "dead_air",
      start,
      end: start + silence.max,
      approximate: silence.qualifier !== "exact" || silence.conflicting,
      text: `${formatFigure(silence, "minutes")} of dead air`,
      source: silence.sources.join(", "),
    });
    if (!segments.some((s) => s.kind === "crash")) {
      const at = start + silence.max;
      segments.push({
        kind: "crash",
        start: at,
        end: at,
        approximate: true,
        text: `failure at ${qualify(formatMinutes(at), silence.qualifier)}`,
        source: silence.sources.join(", "),
      });
    }
  }
  const duration = figures.metrics.duration;
  const endOffset = event.endedAt && event.scheduledStart ? (event.endedAt.getTime() - event.scheduledStart.getTime()) / 60_000 : null;
  if (duration.status !== "reported" && endOffset !== null && endOffset > airStart) {
    segments.push({
      kind: "on_air",
      start: airStart,
      end: endOffset,
      approximate: false,
      text: `on air until t = ${formatMinutes(endOffset)}`,
      source: "the event's recorded start and end",
    });
  }
  if (duration.status === "reported") {
    segments.push({
      kind: "on_air",
      start: airStart,
      end: airStart + duration.max,
      approximate: duration.qualifier !== "exact" || duration.conflicting,
      text: `on air for ${formatFigure(duration, "minutes")}`,
      source: duration.sources.join(", "),
    });
  }
  for (const m of event.moments ?? []) {
    segments.push({
      kind: "moment",
      start: m.offsetMinutes,
      end: m.offsetMinutes,
      approximate: false,
      text: `${m.label} at t = ${formatMinutes(m.offsetMinutes)}`,
      source: null,
    });
  }
  return segments.sort((a, b) => a.start - b.start || a.end - b.end);
}

function tableRows(event: ComparableEvent, figures: EventFigures): FigureTableRow[] {
  const base = { slug: event.slug, eventTitle: event.title };
  const rows: FigureTableRow[] = event.reports.map((r) => ({
    ...base,
    metric: r.metric,
    label: r.scope && r.scope !== "global" ? `${METRICS[r.metric].label} (${r.scope})` : METRICS[r.metric].label,
    text: qualify(formatWithUnit(r.value, unitOf(r.metric, event.medium)), r.qualifier),
    source: r.sourceName,
    sourceUrl: r.url ?? r.sourceUrl,
    quote: r.quote,
    derived: false,
  }));
  const derived = (metric: FigureTableRow["metric"], label: string, figure: Figure, unit: "fraction" | "minutes") => {
    if (figure.status !== "reported") return;
    const missing = figure.missing.map((m) => METRICS[m].label.toLowerCase());
    rows.push({
      ...base,
      metric,
      label,
      text: formatFigure(figure, unit),
      source: `derived from ${figure.sources.join(", ")}${missing.length ? ` (${missing.join(", ")} not reported)` : ""}`,
      sourceUrl: null,
      quote: null,
      derived: true,
    });
  };
  if (figures.delayFromInstants !== null) {
    rows.push({
      ...base,
      metric: "delay_from_instants",
      label: "Delay from the scheduled and actual start",
      text: formatMinutes(figures.delayFromInstants),
      source: "derived from the event's times",
      sourceUrl: null,
      quote: null,
      derived: true,
    });
  }
  derived("attainment", "Audience attainment", figures.attainment, "fraction");
  derived("minutes_lost", "Minutes lost to silence", figures.minutesLost, "minutes");
  derived("degraded_minutes", "Minutes degraded (buffering, degraded sound or picture)", figures.degradedMinutes, "minutes");
  return rows;
}

/**
 * Axis names: platform and year ("X Spaces 2024") where that tells the events apart, else the title cut short.
 */
export function shortLabels(events: { title: string; platform: string; scheduledStart: Date | null }[]): string[] {
  const labels = events.map((e) => (e.scheduledStart ? `${e.platform} ${e.scheduledStart.getUTCFullYear()}` : e.platform));
  return labels.map((label, i) =>
    labels.indexOf(label) === labels.lastIndexOf(label) ? label : events[i].title.length > 24 ? `${events[i].title.slice(0, 23)}…` : events[i].title,
  );
}

/** Round tick marks for a minutes axis: every 5, 10, 15, 30, 60… minutes, about six of them. */
export function minuteTicks([lo, hi]: [number, number]): number[] {
  const span = Math.max(1, hi - lo);
  const step = [5, 10, 15, 30, 60, 120, 240, 480, 1440].find((s) => span / s <= 8) ?? 2880;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= last; t += step) ticks.push(t);
  return ticks;
}

/** Everything /compare and the overview chart, in the order the events were given. */
export function buildComparison(events: ComparableEvent[]): Comparison {
  const shorts = shortLabels(events);
  const shaped = events.map((event) => ({
    event,
    figures: buildEventFigures({
      scheduledStart: event.scheduledStart,
      actualStart: event.actualStart,
      reports: event.reports,
      incidents: event.incidents,
    }),
  }));
  const rows: TimelineRow[] = shaped.map(({ event, figures }, i) => ({
    slug: event.slug,
    title: event.title,
    short: shorts[i],
    segments: buildTimeline(event, figures),
  }));
  const edges = rows.flatMap((r) => r.segments.flatMap((s) => [s.start, s.end]));
  const domain: [number, number] = [Math.min(0, ...edges), Math.max(10, ...edges)];
  return {
    events: shaped.map(({ event, figures }) => ({ slug: event.slug, title: event.title, platform: event.platform, figures })),
    audience: audienceGroups(shaped, shorts),
    minutesLost: shaped.map(({ event, figures }, i) => {
      const f = figures.minutesLost;
      return {
        slug: event.slug,
        title: event.title,
        short: shorts[i],
        value: high(f),
        text: formatFigure(f, "minutes"),
        degraded: high(figures.degradedMinutes),
        degradedText: figures.degradedMinutes.status === "reported" ? `${formatFigure(figures.degradedMinutes, "minutes")} degraded` : "",
        note: f.status === "reported" && f.missing.length ? `${f.missing.map((m) => METRICS[m].label.toLowerCase()).join(" and ")} not reported` : "",
      };
    }),
    timeline: { rows, domain },
    table: shaped.flatMap(({ event, figures }) => tableRows(event, figures)),
  };
}

/**
 * The audience charts: the events counted in listeners, those in viewers, and the peak concurrent streams a platform
 * counted, each its own group (a stream is a playback, not a person). An event appears in a group when it has a
 * figure there, or, for its own audience unit, always (so that "not reported" shows).
 */
function audienceGroups(shaped: { event: ComparableEvent; figures: EventFigures }[], shorts: string[]): Comparison["audience"] {
  const groups = new Map<AudienceRow["unit"], AudienceRow[]>();
  const add = (row: AudienceRow) => (groups.get(row.unit) ?? groups.set(row.unit, []).get(row.unit)!).push(row);
  shaped.forEach(({ event, figures }, i) => {
    const base = { slug: event.slug, title: event.title, short: shorts[i] };
    const unit = audienceUnit(event.medium ?? "audio");
    add({
      ...base,
      unit,
      expected: high(figures.metrics.expected_audience),
      average: high(figures.metrics.average_audience),
      peak: high(figures.metrics.peak_audience),
      expectedText: formatFigure(figures.metrics.expected_audience, unit, "compact"),
      averageText: formatFigure(figures.metrics.average_audience, unit, "compact"),
      peakText: formatFigure(figures.metrics.peak_audience, unit, "compact"),
      attainmentText: formatFigure(figures.attainment, "fraction"),
      attainmentLabel: figures.attainment.status === "reported" ? `${formatFigure(figures.attainment, "fraction")} of expected` : "",
    });
    const streams = figures.metrics.peak_streams;
    if (streams.status === "reported") {
      add({
        ...base,
        unit: "streams",
        expected: null,
        average: null,
        peak: high(streams),
        expectedText: "",
        averageText: "",
        peakText: formatFigure(streams, "streams", "compact"),
        attainmentText: "",
        attainmentLabel: "",
      });
    }
  });
  const order: AudienceRow["unit"][] = ["listeners", "viewers", "streams"];
  return order.filter((u) => groups.has(u)).map((unit) => ({ unit, rows: groups.get(unit)! }));
}

/** A slug is at most 100 characters (lib/validation/event.ts): a comparison's list, with room for spaces, is no longer. */
const EVENTS_PARAM_MAX = (MAX_COMPARED + 1) * 2 * 101;

/**
 * The slugs of `?events=a,b` (or repeated `?e=`), cleaned and without duplicates, in the order given. Reading stops
 * at one more than a comparison takes (too many either way) and at the length such a list can have: a longer
 * value's end is never read, so no request makes this cost more than a short list does.
 */
export function parseComparedSlugs(raw: string | string[] | undefined): string[] {
  const slugs = new Set<string>();
  for (const value of Array.isArray(raw) ? raw : [raw ?? ""]) {
    for (const part of value.slice(0, EVENTS_PARAM_MAX).split(",")) {
      const slug = part.trim().toLowerCase();
      if (slug) slugs.add(slug);
      if (slugs.size > MAX_COMPARED) return [...slugs];
    }
  }
  return [...slugs];
}
