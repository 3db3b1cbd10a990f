// Listeners (left axis) and loudness in LUFS (right axis) on one time axis from t = 0, incidents shaded behind them.
// Drawn by the page's own SVG plot rather than Recharts: Recharts' line chart would add to the shared chart code
// that every page with a chart loads (README, Speed). Never animated; it moves with every sample.
import type { PlotShape } from "@/lib/domain/live-view";
import { incidentShade, LIVE_COLORS } from "./plot-colors";
import { Plot } from "./plot";

export function LiveChart({ shape, label }: { shape: PlotShape; label: string }) {
  return (
    <Plot
      shape={shape}
      label={label}
      style={{
        line: (key) => (key === "loudness" ? { color: LIVE_COLORS.loudness, width: 1.5 } : { color: LIVE_COLORS.listeners, width: 2 }),
        band: incidentShade,
        levelColor: LIVE_COLORS.loudness,
        leftTitle: { text: "listeners", color: LIVE_COLORS.listeners },
        rightTitle: { text: "LUFS", color: LIVE_COLORS.loudness },
        xTitle: "time from t = 0 (h:mm:ss)",
        height: 260,
      }}
    />
  );
}
