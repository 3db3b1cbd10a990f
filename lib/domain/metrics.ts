// The metric catalogue: stable keys, labels for people, and the unit each figure is reported in.

export const METRIC_KEYS = ["start_delay", "silence_before_failure", "expected_audience", "average_audience", "peak_audience", "duration"] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export type Unit = "minutes" | "listeners";

export const METRICS: Record<MetricKey, { label: string; unit: Unit }> = {
  start_delay: { label: "Start delay", unit: "minutes" },
  silence_before_failure: { label: "Dead air before failure", unit: "minutes" },
  expected_audience: { label: "Expected audience", unit: "listeners" },
  average_audience: { label: "Average audience", unit: "listeners" },
  peak_audience: { label: "Peak audience", unit: "listeners" },
  duration: { label: "Duration", unit: "minutes" },
};

export function isMetricKey(value: string): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value);
}

export function unitOf(metric: MetricKey): Unit {
  return METRICS[metric].unit;
}
