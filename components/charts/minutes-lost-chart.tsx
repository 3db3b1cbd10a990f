"use client";
// Minutes lost per event: silence (start delay plus dead air) and, apart from it, degraded minutes (buffering, poor
// sound or picture), stacked; each event's figures are written under its bar, "not reported" included.
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import type { MinutesLostRow } from "@/lib/domain/compare";
import { AXIS, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

const AXIS_WIDTH = 110;

export function MinutesLostChart({ rows, label }: { rows: MinutesLostRow[]; label: string }) {
  const still = useReducedMotion();
  const anyDegraded = rows.some((r) => r.degraded !== null);
  const data = rows.map((r) => ({
    ...r,
    name: r.short,
    silence: r.value ?? 0,
    degradedBar: r.degraded ?? 0,
  }));
  // The words under each bar: the silence, then the degraded minutes; a total nobody reported says so.
  const summaries = Object.fromEntries(
    rows.map((r) => [r.short, r.degradedText ? `${r.value === null ? "silence not reported" : r.text} + ${r.degradedText}` : r.text]),
  );
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: Math.max(140, (anyDegraded ? 76 : 64) * rows.length + 40) }}
        data={data}
        layout="vertical"
        barSize={24}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" {...AXIS} unit=" min" allowDecimals={false} />
        <YAxis type="category" dataKey="name" {...AXIS} width={AXIS_WIDTH} tick={<RowTick summaries={summaries} />} />
        <Bar dataKey="silence" stackId="lost" name={SERIES.minutesLost.label} fill={SERIES.minutesLost.color} isAnimationActive={!still} />
        {anyDegraded && (
          <Bar dataKey="degradedBar" stackId="lost" name={SERIES.degraded.label} fill={SERIES.degraded.color} isAnimationActive={!still} />
        )}
      </BarChart>
    </div>
  );
}

/**
 * The event's name beside its bar, and its figures under the bar from the plot's left edge, whether a bar is drawn or
 * not: a long text ("at least 42 min + 30 min degraded") never runs off a 390 px screen or over another bar.
 */
function RowTick({ x, y, payload, summaries }: { x?: number; y?: number; payload?: { value: string }; summaries: Record<string, string> }) {
  const name = payload?.value ?? "";
  // A name too long for the axis goes on two lines, split at the space nearest its middle.
  const cut =
    name.length > 15
      ? [...name.matchAll(/ /g)].map((m) => m.index!).sort((a, b) => Math.abs(a - name.length / 2) - Math.abs(b - name.length / 2))[0]
      : undefined;
  const lines = cut === undefined ? [name] : [name.slice(0, cut), name.slice(cut + 1)];
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      {lines.map((line, i) => (
        <text key={i} textAnchor="end" dx={-4} dy={4 + (i - (lines.length - 1) / 2) * 14} fill="var(--fg)" fontSize={12}>
          {line}
        </text>
      ))}
      {/* Silence, then degraded minutes on a line of their own: no line is longer than a 390 px screen holds. */}
      {(summaries[name] ?? "").split(" + ").map((part, i) => (
        <text key={i} textAnchor="start" dx={4} dy={26 + i * 14} fill="var(--fg)" fontSize={12}>
          {i > 0 ? `+ ${part}` : part}
        </text>
      ))}
    </g>
  );
}
