// One place for chart colours (CSS variables, so light and dark follow the system) and series names.
import type { SegmentKind } from "@/lib/domain/compare";

export const SERIES = {
  expected: { label: "Expected", color: "var(--chart-1)" },
  average: { label: "Average", color: "var(--chart-2)" },
  peak: { label: "Peak", color: "var(--chart-3)" },
  minutesLost: { label: "Silence (late start and dead air)", color: "var(--chart-2)" },
  degraded: { label: "Degraded (buffering, poor sound or picture)", color: "var(--chart-4)" },
} as const;

export const SEGMENT_COLORS: Record<SegmentKind, string> = {
  late_start: "var(--chart-5)",
  dead_air: "var(--chart-2)",
  on_air: "var(--chart-1)",
  crash: "var(--danger)",
  degraded_audio: "var(--chart-4)",
  degraded_video: "var(--chart-4)",
  buffering: "var(--chart-3)",
  capacity: "var(--chart-6)",
  stream_down: "var(--danger)",
  audience_collapse: "var(--chart-3)",
  other: "var(--muted)",
  moment: "var(--fg)",
};

/** The label where a bar would be when nobody reported the figure (the chart's key says what it means). */
export const NOT_REPORTED_MARK = "n/r";
