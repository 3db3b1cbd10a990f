// Audience expected against actual (average, peak), grouped per event, in one unit (listeners, viewers or streams);
// a figure nobody reported draws no bar, and "n/r: peak" under its event's name says which. Drawn on the server as
// SVG: the page loads no script for it.
import { layoutAudience } from "@/lib/domain/chart-layout";
import type { AudienceRow } from "@/lib/domain/compare";
import { NOT_REPORTED_MARK, SERIES } from "./chart-config";
import { hiddenAt, pct, SvgChart } from "./svg-chart";

export function AudienceChart({ rows, unit, label }: { rows: AudienceRow[]; unit: AudienceRow["unit"]; label: string }) {
  // Every series is drawn, reported or not: a figure nobody reported says "n/r" under its event's name.
  const series = unit === "streams" ? (["peak"] as const) : (["expected", "average", "peak"] as const);
  if (rows.every((r) => series.every((k) => r[k] === null))) {
    return (
      <p className="chart-empty">
        No {unit === "streams" ? "stream count" : `${unit.slice(0, -1)} figure`} is reported for {rows.length === 1 ? "this event" : "these events"}{" "}
        yet ({NOT_REPORTED_MARK}: not reported).
      </p>
    );
  }
  const layout = layoutAudience(
    rows,
    series.map((key) => ({ key, name: SERIES[key].label.toLowerCase() })),
    NOT_REPORTED_MARK,
  );
  return (
    <SvgChart label={label} height={layout.height}>
      <text x="0" y={14} fill="var(--muted)">
        {unit}
      </text>
      {layout.yTicks.map((t) => (
        <g key={t.text}>
          <line
            x1="0"
            x2="100%"
            y1={t.y}
            y2={t.y}
            stroke={t.y === layout.base ? "var(--muted)" : "var(--border)"}
            strokeDasharray={t.y === layout.base ? undefined : "3 3"}
          />
          <text x="0" y={t.y - 4} fill="var(--fg)" fontSize={11}>
            {t.text}
          </text>
        </g>
      ))}
      {layout.groups.map((g) => (
        <g key={g.slug}>
          {g.bars.map((b) => (
            <g key={b.series}>
              <rect x={pct(b.x)} width={pct(b.width)} y={b.y} height={layout.base - b.y} fill={SERIES[b.series].color} />
              {b.textHiddenAt && (
                <text className={hiddenAt(b.textHiddenAt)} x={pct(b.x + b.width / 2)} y={b.y - 5} textAnchor="middle" fill="var(--fg)">
                  {b.text}
                </text>
              )}
            </g>
          ))}
          {/* The name, then the attainment and what nobody reported, under the axis rather than over the bars. */}
          {g.under.map((v, n) => (
            <g key={n} className={hiddenAt(v.hiddenAt)}>
              {v.value.map((line) => (
                <text
                  key={line.kind + line.text}
                  x={pct(g.center)}
                  y={line.y}
                  textAnchor="middle"
                  fill={line.kind === "note" ? "var(--muted)" : "var(--fg)"}
                  fontSize={line.kind === "note" ? 11 : 12}
                  fontWeight={line.kind === "attainment" ? 600 : undefined}
                >
                  {line.text}
                </text>
              ))}
            </g>
          ))}
        </g>
      ))}
    </SvgChart>
  );
}
