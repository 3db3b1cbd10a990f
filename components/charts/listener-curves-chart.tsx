// Compared events' listeners per minute on one axis of time from each event's t = 0, drawn on the server by the
// page's own SVG plot: /compare loads no script for it.
import type { PlotShape } from "@/lib/domain/live-view";
import { curveStyle } from "./plot-colors";
import { Plot } from "./plot";

export function ListenerCurvesChart({ shape, order, label }: { shape: PlotShape; order: string[]; label: string }) {
  return (
    <Plot
      shape={shape}
      label={label}
      style={{
        line: (key) => curveStyle(order.indexOf(key)),
        leftTitle: { text: "listeners", color: "var(--muted)" },
        xTitle: "time from t = 0 (h:mm:ss)",
        height: 240,
      }}
    />
  );
}
