// One place for chart colours (CSS variables, so light and dark follow the system) and series names.
import type { SegmentKind } from "@/lib/domain/compare";

export const SERIES = {
  expected: { label: "Expected", color: "var(--chart-1)" },
  average: { label: "Average", color: "var(--chart-2)" },
  peak: { label: "Peak", color: "var(--chart-3)" },
  minutesLost: { label: "Minutes lost", color: "var(--chart-2)" },
} as const;

export const SEGMENT_COLORS: Record<SegmentKind, string> = {
  late_start: "var(--chart-5)",
  dead_air: "var(--chart-2)",
  on_air: "var(--chart-1)",
  crash: "var(--danger)",
  degraded_audio: "var(--chart-4)",
  capacity: "var(--chart-6)",
  stream_down: "var(--danger)",
  audience_collapse: "var(--chart-3)",
  other: "var(--muted)",
};

export const AXIS = { stroke: "var(--muted)", tick: { fill: "var(--fg)", fontSize: 12 } } as const;
