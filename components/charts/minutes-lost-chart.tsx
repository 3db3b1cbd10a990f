"use client";
// Minutes lost per event: silence (start delay plus dead air) and, apart from it, degraded minutes (buffering, poor
// sound or picture), stacked; a total nobody reported says so where its bar would be.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { MinutesLostRow } from "@/lib/domain/compare";
import { AXIS, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

export function MinutesLostChart({ rows, label }: { rows: MinutesLostRow[]; label: string }) {
  const still = useReducedMotion();
  const anyDegraded = rows.some((r) => r.degraded !== null);
  const data = rows.map((r) => ({
    ...r,
    name: r.short,
    silence: r.value ?? 0,
    degradedBar: r.degraded ?? 0,
    // One label at the end of the whole bar: the silence, then the degraded minutes.
    summary: [r.text, r.degradedText].filter(Boolean).join(" + "),
  }));
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: Math.max(140, 64 * rows.length + 40) }}
        data={data}
        layout="vertical"
        barSize={24}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" {...AXIS} unit=" min" allowDecimals={false} />
        <YAxis type="category" dataKey="name" {...AXIS} width={110} />
        <Bar dataKey="silence" stackId="lost" name={SERIES.minutesLost.label} fill={SERIES.minutesLost.color} isAnimationActive={!still}>
          <LabelList dataKey="summary" content={SummaryLabel} />
        </Bar>
        {anyDegraded && (
          <Bar dataKey="degradedBar" stackId="lost" name={SERIES.degraded.label} fill={SERIES.degraded.color} isAnimationActive={!still}></Bar>
        )}
      </BarChart>
    </div>
  );
}

/**
 * The figures under the bar (from the start of the silence segment, the plot's left edge) rather than beside it, so that a long text ("at least 42 min + 30 min degraded") never runs
 * off a 390 px screen or over another bar.
 */
function SummaryLabel({ x, y, height, value }: { x?: number | string; y?: number | string; height?: number | string; value?: unknown }) {
  if (!value) return null;
  return (
    <text x={Number(x)} y={Number(y) + Number(height) + 13} fill="var(--fg)" fontSize={12} textAnchor="start">
      {String(value)}
    </text>
  );
}
