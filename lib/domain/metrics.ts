// The metric catalogue: stable keys, labels for people, and the unit each figure is reported in.
import type { Medium } from "./options";

export const METRIC_KEYS = [
  "start_delay",
  "silence_before_failure",
  "expected_audience",
  "average_audience",
  "peak_audience",
  "peak_streams",
  "problem_reports",
  "sessions_affected",
  "rebuffering",
  "duration",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** What a figure counts or measures. Listeners and viewers are people; streams are playbacks (one screen, several people). */
export type Unit = "minutes" | "listeners" | "viewers" | "streams" | "reports" | "percent";
/** The units of whole counts: a figure in one of them is a whole number from 0 up. */
export const COUNT_UNITS: readonly Unit[] = ["listeners", "viewers", "streams", "reports"];

/** "audience": listeners for an audio event, viewers for a video one. */
type CatalogueUnit = Unit | "audience";

export const METRICS: Record<MetricKey, { label: string; unit: CatalogueUnit; hint?: string }> = {
  start_delay: { label: "Start delay", unit: "minutes" },
  silence_before_failure: { label: "Dead air before failure", unit: "minutes" },
  expected_audience: { label: "Expected audience", unit: "audience" },
  average_audience: { label: "Average audience", unit: "audience" },
  peak_audience: { label: "Peak audience", unit: "audience" },
  peak_streams: { label: "Peak concurrent streams", unit: "streams", hint: "Playbacks at once, as a platform counts them; not people." },
  problem_reports: {
    label: "Problem reports",
    unit: "reports",
    hint: "The highest count of user reports, as a monitoring service such as Downdetector gives it.",
  },
  sessions_affected: { label: "Sessions affected", unit: "percent", hint: "The share of sessions with a problem, from 0 to 100." },
  rebuffering: { label: "Rebuffering share", unit: "percent", hint: "The share of viewing time spent rebuffering, from 0 to 100." },
  duration: { label: "Duration", unit: "minutes" },
};

/** The audience metrics, whose unit follows the event's medium. */
export const AUDIENCE_METRICS = ["expected_audience", "average_audience", "peak_audience"] as const satisfies readonly MetricKey[];

export function isMetricKey(value: string): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value);
}

/** What the audience of an event is counted in: listeners for audio, viewers for video. */
export function audienceUnit(medium: Medium | string): "listeners" | "viewers" {
  return medium === "video" ? "viewers" : "listeners";
}

/** The unit a figure of this metric is stored and shown in, for an event of this medium. */
export function unitOf(metric: MetricKey, medium: Medium | string = "audio"): Unit {
  const unit = METRICS[metric].unit;
  return unit === "audience" ? audienceUnit(medium) : unit;
}

export const isCountUnit = (unit: string): boolean => (COUNT_UNITS as readonly string[]).includes(unit);

/** The unit's name as a sentence uses it: "listeners", "percent of sessions". */
export const UNIT_LABELS: Record<Unit, string> = {
  minutes: "minutes",
  listeners: "listeners",
  viewers: "viewers",
  streams: "streams",
  reports: "problem reports",
  percent: "percent",
};
