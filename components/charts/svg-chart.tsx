// The frame and axis of the comparison charts, drawn on the server as SVG (no script, no chart library): every x a
// percentage of the width, so the drawing stretches with its box while its text keeps its size; what
// lib/domain/chart-layout.ts laid out for one width carries the classes that hide it at the others (app/globals.css).
import type { ReactNode } from "react";
import type { Tick } from "@/lib/domain/chart-layout";

/** A share of the width as an SVG length. */
export const pct = (share: number) => `${Math.round(share * 100_000) / 1000}%`;

/** The classes that hide a piece of the chart at the widths it was not laid out for. */
export const hiddenAt = (buckets: number[]) => (buckets.length ? buckets.map((b) => `h${b}`).join(" ") : undefined);

/** The chart's box: one SVG, named for screen readers by the box (the table beside it has the figures). */
export function SvgChart({ label, height, children }: { label: string; height: number; children: ReactNode }) {
  return (
    <div className="chart svg-chart" role="img" aria-label={label}>
      <svg width="100%" height={height} fontSize={12} aria-hidden="true" focusable="false">
        {children}
      </svg>
    </div>
  );
}

/** Dashed lines up from each tick, the axis along the bottom, and the tick labels the width holds. */
export function XAxis({ ticks, top, bottom }: { ticks: Tick[]; top: number; bottom: number }) {
  return (
    <g>
      {ticks.map((t) => (
        <line key={`g${t.text}`} x1={pct(t.share)} x2={pct(t.share)} y1={top} y2={bottom} stroke="var(--border)" strokeDasharray="3 3" />
      ))}
      <line x1="0" x2="100%" y1={bottom} y2={bottom} stroke="var(--muted)" />
      {ticks.map((t) => (
        <line key={`m${t.text}`} x1={pct(t.share)} x2={pct(t.share)} y1={bottom} y2={bottom + 5} stroke="var(--muted)" />
      ))}
      {ticks.map((t) => (
        <text key={`t${t.text}`} className={hiddenAt(t.hiddenAt)} x={pct(t.share)} y={bottom + 18} textAnchor={t.anchor} fill="var(--fg)">
          {t.text}
        </text>
      ))}
    </g>
  );
}
