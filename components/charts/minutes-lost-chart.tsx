"use client";
// Minutes lost (start delay plus dead air) per event, one bar each.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { MinutesLostRow } from "@/lib/domain/compare";
import { AXIS, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

export function MinutesLostChart({ rows, label }: { rows: MinutesLostRow[]; label: string }) {
  const still = useReducedMotion();
  const data = rows.map((r) => ({ ...r, name: r.short }));
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: Math.max(140, 56 * rows.length + 40) }}
        data={data}
        layout="vertical"
        margin={{ top: 8, right: 110, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" {...AXIS} unit=" min" allowDecimals={false} />
        <YAxis type="category" dataKey="name" {...AXIS} width={120} />
        <Bar dataKey="value" name={SERIES.minutesLost.label} fill={SERIES.minutesLost.color} isAnimationActive={!still}>
          <LabelList dataKey="text" position="right" fill="var(--fg)" fontSize={12} />
        </Bar>
      </BarChart>
    </div>
  );
}
