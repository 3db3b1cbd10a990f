// Minutes lost per event: silence (start delay plus dead air) and, apart from it, degraded minutes (buffering, poor
// sound or picture), stacked; each event's figures are written under its bar, "not reported" included. Drawn on
// the server as SVG: the page loads no script for it.
import { layoutMinutesLost } from "@/lib/domain/chart-layout";
import type { MinutesLostRow } from "@/lib/domain/compare";
import { SERIES } from "./chart-config";
import { pct, SvgChart, XAxis } from "./svg-chart";

export function MinutesLostChart({ rows, label }: { rows: MinutesLostRow[]; label: string }) {
  const layout = layoutMinutesLost(rows);
  return (
    <SvgChart label={label} height={layout.height}>
      <XAxis ticks={layout.ticks} top={0} bottom={layout.plotBottom} />
      {layout.rows.map((row) => (
        <g key={row.slug}>
          <text x="0" y={row.nameY} fill="var(--fg)" fontWeight={600}>
            {row.name}
          </text>
          {/* The silence, then the degraded minutes stacked after it. */}
          {(
            [
              [row.silence, SERIES.minutesLost.color],
              [row.degraded, SERIES.degraded.color],
            ] as const
          ).map(
            ([span, color]) =>
              span && <rect key={color} x={pct(span[0])} width={pct(span[1] - span[0])} y={row.barY} height={layout.bar} fill={color} />,
          )}
          {/* Silence, then degraded minutes on a line of their own: no line is longer than a 390 px screen holds. */}
          {row.lines.map((line) => (
            <text key={line.text} x="0" y={line.y} fill="var(--fg)">
              {line.text}
            </text>
          ))}
        </g>
      ))}
    </SvgChart>
  );
}
