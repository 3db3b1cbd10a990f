"use client";
// Audience expected against actual (average, peak), grouped per event; a figure nobody reported draws no bar.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { AudienceRow } from "@/lib/domain/compare";
import { formatCompact } from "@/lib/domain/format";
import { AXIS, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

export function AudienceChart({ rows, label }: { rows: AudienceRow[]; label: string }) {
  const still = useReducedMotion();
  const data = rows.map((r) => ({
    ...r,
    name: r.expected === null && r.average === null && r.peak === null ? `${r.short} (not reported)` : r.short,
  }));
  const series = (["expected", "average", "peak"] as const).filter((k) => rows.some((r) => r[k] !== null));
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
        <YAxis {...AXIS} tickFormatter={(v: number) => formatCompact(v)} width={48} />
        {series.map((k) => (
          <Bar key={k} dataKey={k} name={SERIES[k].label} fill={SERIES[k].color} isAnimationActive={!still}>
            <LabelList dataKey={k} position="top" fill="var(--fg)" fontSize={12} formatter={(v) => (typeof v === "number" ? formatCompact(v) : "")} />
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
