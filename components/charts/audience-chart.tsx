"use client";
// Audience expected against actual (average, peak), grouped per event, in one unit (listeners, viewers or streams);
// a figure nobody reported draws no bar and says "n/r" where its bar would be.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { AudienceRow } from "@/lib/domain/compare";
import { formatCompact } from "@/lib/domain/format";
import { AXIS, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

/** The label where a bar would be when nobody reported the figure (the legend says what it means). */
export const NOT_REPORTED_MARK = "n/r";

export function AudienceChart({ rows, unit, label }: { rows: AudienceRow[]; unit: AudienceRow["unit"]; label: string }) {
  const still = useReducedMotion();
  const series = unit === "streams" ? (["peak"] as const) : (["expected", "average", "peak"] as const).filter((k) => rows.some((r) => r[k] !== null));
  const data = rows.map((r) => ({
    ...r,
    name: r.short,
    ...Object.fromEntries(
      series.flatMap((k) => [
        [`${k}Bar`, r[k] ?? 0],
        [`${k}Mark`, r[k] === null ? NOT_REPORTED_MARK : formatCompact(r[k])],
      ]),
    ),
  }));
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: 300 }}
        data={data}
        margin={{ top: 36, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
        <XAxis dataKey="name" {...AXIS} interval={0} />
        <YAxis
          {...AXIS}
          tickFormatter={(v: number) => formatCompact(v)}
          width={56}
          label={{ value: unit, angle: -90, position: "insideLeft", offset: 4, fill: "var(--muted)", fontSize: 12 }}
        />
        {series.map((k) => (
          <Bar key={k} dataKey={`${k}Bar`} name={SERIES[k].label} fill={SERIES[k].color} isAnimationActive={!still}>
            <LabelList dataKey={`${k}Mark`} position="top" fill="var(--fg)" fontSize={12} />
            {k === "average" && (
              <LabelList
                dataKey="attainmentLabel"
                // Drawn above the value label, on one line however narrow the bar.
                content={({ x, y, width, value }) =>
                  value ? (
                    <text x={Number(x) + Number(width) / 2} y={Number(y) - 22} textAnchor="middle" fill="var(--fg)" fontSize={12} fontWeight={600}>
                      {String(value)}
                    </text>
                  ) : null
                }
              />
            )}
          </Bar>
        ))}
      </BarChart>
    </div>
  );
}
