"use client";
// Audience expected against actual (average, peak), grouped per event, in one unit (listeners, viewers or streams);
// a figure nobody reported draws no bar and says "n/r" where its bar would be.
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import type { AudienceRow } from "@/lib/domain/compare";
import { formatCompact } from "@/lib/domain/format";
import { AXIS, NOT_REPORTED_MARK, SERIES } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

/** About how wide a character of the 11–12 px labels is. */
const CHAR_PX = 6.8;

export function AudienceChart({ rows, unit, label }: { rows: AudienceRow[]; unit: AudienceRow["unit"]; label: string }) {
  const still = useReducedMotion();
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
  // Room for each event's group of bars (from the plot the labels are drawn in): a label wider than it is left out,
  // the table below has the figure.
  const fits = (text: string, plotWidth: number) => text.length * CHAR_PX <= plotWidth / Math.max(1, rows.length) - 8;
  const data = rows.map((r) => ({
    ...r,
    name: r.short,
    missing: series.filter((k) => r[k] === null).map((k) => SERIES[k].label.toLowerCase()),
    ...Object.fromEntries(
      series.flatMap((k) => [
        [`${k}Bar`, r[k] ?? 0],
        [`${k}Mark`, r[k] === null ? "" : formatCompact(r[k])],
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
        <XAxis
          dataKey="name"
          {...AXIS}
          interval={0}
          height={54}
          tick={
            <EventTick
              missing={Object.fromEntries(data.map((d) => [d.name, d.missing]))}
              attainment={Object.fromEntries(data.map((d) => [d.name, d.attainmentLabel]))}
              fits={fits}
            />
          }
        />
        <YAxis
          {...AXIS}
          tickFormatter={(v: number) => formatCompact(v)}
          width={56}
          label={{ value: unit, angle: -90, position: "insideLeft", offset: 4, fill: "var(--muted)", fontSize: 12 }}
        />
        {series.map((k) => (
          <Bar key={k} dataKey={`${k}Bar`} name={SERIES[k].label} fill={SERIES[k].color} isAnimationActive={!still}>
            <LabelList dataKey={`${k}Mark`} position="top" fill="var(--fg)" fontSize={12} />
          </Bar>
        ))}
      </BarChart>
    </div>
  );
}

/** An event's name on the axis and, under it, its attainment and which of its figures nobody reported ("n/r: peak"). */
function EventTick({
  x,
  y,
  payload,
  missing,
  attainment,
  fits,
  width,
}: {
  x?: number;
  y?: number;
  payload?: { value: string };
  missing: Record<string, string[]>;
  /** "13.75% of expected", under the name rather than over the bars, where it would cross the taller one. */
  attainment: Record<string, string>;
  fits: (text: string, plotWidth: number) => boolean;
  /** The axis's width (Recharts gives it to each tick). */
  width?: number;
}) {
  const name = payload?.value ?? "";
  const absent = missing[name] ?? [];
  // Where the list does not fit under the name, the mark alone (the missing bars show which).
  const note = `${NOT_REPORTED_MARK}: ${absent.join(", ")}`;
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text dy={12} textAnchor="middle" fill="var(--fg)" fontSize={12}>
        {name}
      </text>
      {attainment[name] && fits(attainment[name], Number(width) || 0) && (
        <text dy={27} textAnchor="middle" fill="var(--fg)" fontSize={12} fontWeight={600}>
          {attainment[name]}
        </text>
      )}
      {absent.length > 0 && (
        <text dy={attainment[name] ? 41 : 27} textAnchor="middle" fill="var(--muted)" fontSize={11}>
          {fits(note, Number(width) || 0) ? note : NOT_REPORTED_MARK}
        </text>
      )}
    </g>
  );
}
