// A line chart drawn without a chart library: an SVG stretched to the plot for the lines, bands and grid (strokes keep
// their width), and HTML for every label, placed by share, so text stays readable at any width. No hooks: it renders
// on the server (/compare) as in the browser (the live page). Shapes come from lib/domain/live-view.ts.
import type { PlotShape } from "@/lib/domain/live-view";
import { PLOT_BOX } from "@/lib/domain/live-view";

const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
const at = (share: number) => share * PLOT_BOX;

export interface PlotStyle {
  /** Colour and dash of each line, by its key. */
  line: (key: string) => { color: string; dash?: string; width?: number };
  band?: (kind: string) => string;
  levelColor?: string;
  /** What each y axis measures, written above it and underlined in its line's colour (text in colour would be too faint). */
  leftTitle?: { text: string; color: string };
  rightTitle?: { text: string; color: string };
  xTitle: string;
  height: number;
}

export function Plot({ shape, style, label }: { shape: PlotShape; style: PlotStyle; label: string }) {
  const hasRight = shape.right !== null;
  return (
    <div className={hasRight ? "chart plot two-axes" : "chart plot"} role="img" aria-label={label}>
      <div className="plot-area" style={{ height: style.height }}>
        <svg viewBox={`0 0 ${PLOT_BOX} ${PLOT_BOX}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
          {shape.bands.map((b) => {
            const color = style.band?.(b.kind) ?? "var(--muted)";
            return (
              <rect
                key={b.key}
                x={at(b.from)}
                width={Math.max(at(b.to) - at(b.from), 2)}
                y={0}
                height={PLOT_BOX}
                fill={color}
                fillOpacity={0.22}
                stroke={color}
                strokeOpacity={0.7}
                vectorEffect="non-scaling-stroke"
              />
            );
          })}
          {shape.left.map((t) => (
            <line
              key={`y${t.label}`}
              x1={0}
              x2={PLOT_BOX}
              y1={at(t.share)}
              y2={at(t.share)}
              stroke="var(--border)"
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {shape.xTicks.map((t) => (
            <line
              key={`x${t.label}`}
              x1={at(t.share)}
              x2={at(t.share)}
              y1={0}
              y2={PLOT_BOX}
              stroke="var(--border)"
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {shape.level !== null && (
            <line
              x1={0}
              x2={PLOT_BOX}
              y1={at(shape.level)}
              y2={at(shape.level)}
              stroke={style.levelColor ?? "var(--muted)"}
              strokeDasharray="2 4"
              vectorEffect="non-scaling-stroke"
            />
          )}
          {shape.origin !== null && (
            <line
              x1={at(shape.origin)}
              x2={at(shape.origin)}
              y1={0}
              y2={PLOT_BOX}
              stroke="var(--fg)"
              strokeDasharray="4 2"
              vectorEffect="non-scaling-stroke"
            />
          )}
          {shape.lines.map((l) => {
            const { color, dash, width = 2 } = style.line(l.key);
            return l.runs.map((points, i) => (
              <polyline
                key={`${l.key}-${i}`}
                points={points}
                fill="none"
                stroke={color}
                strokeWidth={width}
                strokeDasharray={dash}
                strokeLinejoin="round"
                vectorEffect="non-scaling-stroke"
              />
            ));
          })}
          <rect
            x={0}
            y={0}
            width={PLOT_BOX}
            height={PLOT_BOX}
            fill="none"
            stroke="var(--muted)"
            strokeOpacity={0.6}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
        {shape.left.map((t) => (
          <span key={`yl${t.label}`} className="tick left" style={{ top: pct(t.share) }} aria-hidden="true">
            {t.label}
          </span>
        ))}
        {shape.right?.map((t) => (
          <span key={`yr${t.label}`} className="tick right" style={{ top: pct(t.share) }} aria-hidden="true">
            {t.label}
          </span>
        ))}
        {shape.xTicks.map((t) => (
          <span key={`xl${t.label}`} className="tick bottom" style={{ left: pct(t.share) }} aria-hidden="true">
            {t.label}
          </span>
        ))}
        {style.leftTitle && (
          <span className="axis-name left" style={{ borderBottomColor: style.leftTitle.color }} aria-hidden="true">
            {style.leftTitle.text}
          </span>
        )}
        {style.rightTitle && (
          <span className="axis-name right" style={{ borderBottomColor: style.rightTitle.color }} aria-hidden="true">
            {style.rightTitle.text}
          </span>
        )}
        {shape.origin !== null && (
          <span className="tick origin" style={{ left: pct(shape.origin) }} aria-hidden="true">
            t = 0
          </span>
        )}
      </div>
      <p className="axis-title" aria-hidden="true">
        {style.xTitle}
      </p>
    </div>
  );
}
