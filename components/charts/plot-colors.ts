// Colours of the page-drawn plots (components/charts/plot.tsx): the live chart's series and incident shades, and the
// curves of compared events; CSS variables, like chart-config.ts.

/** The live chart's two series, each on its own axis. */
export const LIVE_COLORS = { listeners: "var(--chart-1)", loudness: "var(--chart-3)" } as const;

/** Shading of incidents on the live chart, by kind; a kind not listed is shaded grey. */
export const INCIDENT_SHADES: Record<string, string> = {
  dead_air: "var(--chart-2)",
  late_start: "var(--chart-5)",
  stream_down: "var(--danger)",
  crash: "var(--danger)",
  audience_collapse: "var(--chart-4)",
  degraded_audio: "var(--chart-4)",
  capacity: "var(--chart-6)",
};
export const incidentShade = (kind: string) => INCIDENT_SHADES[kind] ?? "var(--muted)";

/** Colours and dashes of the curves of compared events: six colours, then the same with dashes. */
export function curveStyle(index: number): { color: string; dash: string | undefined } {
  return { color: `var(--chart-${(index % 6) + 1})`, dash: index >= 6 ? "6 3" : undefined };
}
