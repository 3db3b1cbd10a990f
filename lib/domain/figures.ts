// Figures as sources reported them, summarised into ranges, and the figures derived from them (never stored).
import { METRIC_KEYS, type MetricKey } from "./metrics";
import { DEGRADED_KINDS, type Qualifier } from "./options";
import { computeDelayMinutes } from "./time";

/** One reported value with the name of the source that reported it. */
export interface ReportedValue {
  id: number;
  metric: MetricKey;
  value: number;
  qualifier: Qualifier;
  sourceName: string;
  /** "global" (or absent) for a figure of the whole audience; a country or region's figure is not the headline's. */
  scope?: string;
}

/**
 * A figure as the record stands: nobody reported it, or one or more reports whose values span [min, max].
 * `sources` names who the figure rests on; `conflicting` is true when reports give different values.
 */
export type Figure =
  | { status: "not_reported"; missing: MetricKey[] }
  | {
      status: "reported";
      min: number;
      max: number;
      qualifier: Qualifier;
      sources: string[];
      reports: ReportedValue[];
      conflicting: boolean;
      /** Derived from other figures rather than reported as such. */
      derived: boolean;
      /** Inputs that nobody reported, which make a derived figure a lower bound. */
      missing: MetricKey[];
    };

export type ReportedFigure = Extract<Figure, { status: "reported" }>;

const NOT_REPORTED = (metric: MetricKey): Figure => ({ status: "not_reported", missing: [metric] });

function combineQualifiers(qualifiers: Qualifier[]): Qualifier {
  if (qualifiers.length === 0) return "exact";
  if (qualifiers.every((q) => q === qualifiers[0])) return qualifiers[0];
  // Mixed bounds and approximations can only be read as approximate.
  return "approximate";
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/** The range of every report of one metric; "not reported" when there is none. */
export function summariseReports(metric: MetricKey, reports: ReportedValue[]): Figure {
  // A figure for one country or region is not the event's: the headline figures and their ranges are global.
  const own = reports.filter((r) => r.metric === metric && Number.isFinite(r.value) && (r.scope ?? "global") === "global");
  if (own.length === 0) return NOT_REPORTED(metric);
  const values = own.map((r) => r.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    status: "reported",
    min,
    max,
    qualifier: combineQualifiers(own.map((r) => r.qualifier)),
    sources: unique(own.map((r) => r.sourceName)),
    reports: own,
    conflicting: min !== max,
    derived: false,
    missing: [],
  };
}

/** Average audience over expected audience, as a fraction (0.1375 for 13.75 %); spans the ranges of both. */
export function computeAttainment(expected: Figure, average: Figure): Figure {
  if (expected.status !== "reported" || average.status !== "reported") {
    return { status: "not_reported", missing: [...expected.missing, ...average.missing] };
  }
  if (expected.min <= 0) return { status: "not_reported", missing: ["expected_audience"] };
  return derive([expected, average], average.min / expected.max, average.max / expected.min);
}

/** Expected minus average audience; spans the ranges of both. */
export function computeShortfall(expected: Figure, average: Figure): Figure {
  if (expected.status !== "reported" || average.status !== "reported") {
    return { status: "not_reported", missing: [...expected.missing, ...average.missing] };
  }
  return derive([expected, average], expected.min - average.max, expected.max - average.min);
}

/**
 * Start delay plus dead air before failure. When only one of them was reported the sum is a lower bound
 * ("at least"), and the figure names the one that is missing.
 */
export function computeMinutesLost(delay: Figure, deadAir: Figure): Figure {
  const known = [delay, deadAir].filter((f): f is ReportedFigure => f.status === "reported");
  const missing = [delay, deadAir].flatMap((f) => (f.status === "not_reported" ? f.missing : []));
  if (known.length === 0) return { status: "not_reported", missing };
  // An event that started early loses no minutes through its start.
  const clamp = (f: ReportedFigure, v: number) => (f === delay ? Math.max(0, v) : v);
  const min = known.reduce((sum, f) => sum + clamp(f, f.min), 0);
  const max = known.reduce((sum, f) => sum + clamp(f, f.max), 0);
  // "At least 0 min" says nothing: a total whose known parts are nothing, with a part unknown, is not reported.
  if (max === 0 && missing.length > 0) return { status: "not_reported", missing };
  const figure = derive(known, min, max) as ReportedFigure;
  return missing.length > 0 ? { ...figure, missing } : figure;
}

function derive(inputs: ReportedFigure[], min: number, max: number): Figure {
  return {
    status: "reported",
    min,
    max,
    qualifier: combineQualifiers(inputs.map((f) => f.qualifier)),
    sources: unique(inputs.flatMap((f) => f.sources)),
    reports: inputs.flatMap((f) => f.reports),
    conflicting: min !== max,
    derived: true,
    missing: [],
  };
}

/** An incident as the degraded minutes read it. */
export interface DegradedStretch {
  kind: string;
  durationMinutes: number | null;
  qualifier: Qualifier;
  sourceName: string | null;
}

/**
 * Minutes the stream went on, worse (buffering, degraded audio or video): the sum of those incidents' lengths, apart
 * from silence. A stretch whose length nobody reported makes the sum a lower bound; none at all is "not reported".
 */
export function computeDegradedMinutes(stretches: DegradedStretch[]): Figure {
  const own = stretches.filter((s) => (DEGRADED_KINDS as readonly string[]).includes(s.kind));
  const timed = own.filter((s) => s.durationMinutes !== null);
  if (timed.length === 0) return { status: "not_reported", missing: [] };
  const total = timed.reduce((sum, s) => sum + s.durationMinutes!, 0);
  const qualifier = own.length > timed.length ? "at_least" : combineQualifiers(timed.map((s) => s.qualifier));
  return {
    status: "reported",
    min: total,
    max: total,
    qualifier,
    sources: unique(timed.map((s) => s.sourceName ?? "an incident with no source")),
    reports: [],
    conflicting: false,
    derived: true,
    missing: [],
  };
}

/** Said of a delay Dead Air worked out from the event's scheduled and actual start (after "derived from"). */
export const COMPUTED_FROM_INSTANTS = "the scheduled and actual start";

/** What a reader of one event needs first: each metric's figure and the derived ones. */
export interface EventFigures {
  metrics: Record<MetricKey, Figure>;
  /** The reported start delay, or the delay computed from the instants when nobody reported one. */
  delay: Figure;
  /** The delay from the scheduled and actual instants, when both are known. */
  delayFromInstants: number | null;
  attainment: Figure;
  shortfall: Figure;
  minutesLost: Figure;
  /** Minutes of buffering or degraded sound or picture, apart from the silence in minutesLost. */
  degradedMinutes: Figure;
}

export function buildEventFigures(input: {
  scheduledStart: Date | null;
  actualStart: Date | null;
  reports: ReportedValue[];
  incidents?: DegradedStretch[];
}): EventFigures {
  const metrics = Object.fromEntries(METRIC_KEYS.map((key) => [key, summariseReports(key, input.reports)])) as Record<MetricKey, Figure>;
  const delayFromInstants = computeDelayMinutes(input.scheduledStart, input.actualStart);
  let delay = metrics.start_delay;
  if (delay.status === "not_reported" && delayFromInstants !== null) {
    delay = {
      status: "reported",
      min: delayFromInstants,
      max: delayFromInstants,
      qualifier: "exact",
      sources: [COMPUTED_FROM_INSTANTS],
      reports: [],
      conflicting: false,
      derived: true,
      missing: [],
    };
  }
  return {
    metrics,
    delay,
    delayFromInstants,
    attainment: computeAttainment(metrics.expected_audience, metrics.average_audience),
    shortfall: computeShortfall(metrics.expected_audience, metrics.average_audience),
    minutesLost: computeMinutesLost(delay, metrics.silence_before_failure),
    degradedMinutes: computeDegradedMinutes(input.incidents ?? []),
  };
}

/** The metrics whose sources disagree (their reports span a range), in catalogue order. */
export function disagreeingFigures(figures: EventFigures): [MetricKey, ReportedFigure][] {
  return METRIC_KEYS.flatMap((key): [MetricKey, ReportedFigure][] => {
    const figure = figures.metrics[key];
    return figure.status === "reported" && figure.conflicting ? [[key, figure]] : [];
  });
}

/**
 * A scale from zero when the values are far enough apart to be told apart on it (the lowest below 80 % of the
 * highest); else a close-up that starts at the lowest value, which the caption says in words.
 */
export function rangeScale(min: number, max: number): { from: number; to: number; fromZero: boolean } {
  const fromZero = min >= 0 && (max === 0 || min / max < 0.8);
  return fromZero ? { from: 0, to: max || 1, fromZero } : { from: min, to: max === min ? min + 1 : max, fromZero };
}
