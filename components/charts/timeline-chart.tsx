"use client";
// Timelines aligned at each event's scheduled start (t = 0): one row per event, one lane per kind of segment.
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";
import { minuteTicks, SEGMENT_KINDS, type SegmentKind, segmentLabel, type TimelineRow } from "@/lib/domain/compare";
import { formatMinutes } from "@/lib/domain/format";
import { AXIS, SEGMENT_COLORS } from "./chart-config";
import { useReducedMotion } from "./use-reduced-motion";

const MARGIN = { top: 24, right: 24, bottom: 8, left: 8 };
const AXIS_WIDTH = 120;
/** About how wide a character of the 12 px labels is: enough to keep two labels apart. */
const CHAR_PX = 6.8;

// A crash is an instant; it is drawn a little wide so that it can be seen.
const INSTANT_WIDTH = 1;

export function TimelineChart({ rows, domain, label }: { rows: TimelineRow[]; domain: [number, number]; label: string }) {
  const still = useReducedMotion();
  const kinds = SEGMENT_KINDS.filter((k) => rows.some((r) => r.segments.some((s) => s.kind === k)));
  // Recharts draws a range bar from a [start, end] pair; a second segment of one kind gets a key of its own.
  const keys: { key: string; kind: SegmentKind }[] = [];
  const data = rows.map((row) => {
    const entry: Record<string, unknown> = { name: row.short };
    const seen = new Map<SegmentKind, number>();
    for (const s of row.segments) {
      const n = seen.get(s.kind) ?? 0;
      seen.set(s.kind, n + 1);
      const key = `${s.kind}_${n}`;
      if (!keys.some((k) => k.key === key)) keys.push({ key, kind: s.kind });
      entry[key] = [s.start, s.end === s.start ? s.end + INSTANT_WIDTH : s.end];
      entry[`${key}_text`] = s.text;
    }
    return entry;
  });
  keys.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
  const ticks = minuteTicks(domain);
  // Each label goes right of its segment, else left of it, else nowhere (the table below has it): never over another
  // label, nor past the plot, whose edges follow from the segment's own pixels per minute (the chart's box is not
  // given to labels while it animates). Placed afresh on every drawing.
  // Where each label was placed, by its segment: a label drawn again (each frame of an animation) replaces its own.
  const taken = new Map<string, { y: number; from: number; to: number }>();
  const place = (id: string, plot: { left: number; right: number }, y: number, from: number, to: number): boolean => {
    if (from < plot.left - 1 || to > plot.right + 1) return false;
    if ([...taken].some(([other, t]) => other !== id && Math.abs(t.y - y) < 13 && from < t.to + 6 && to > t.from - 6)) return false;
    taken.set(id, { y, from, to });
    return true;
  };
  const [lo, hi] = [ticks[0], ticks[ticks.length - 1]];
  const SegmentLabel = (
    key: string,
    props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown; index?: number },
  ) => {
    const text = typeof props.value === "string" ? props.value : "";
    const span = data[props.index ?? -1]?.[key] as [number, number] | undefined;
    if (!text || !span) return null;
    const [x, y, w, h] = [props.x, props.y, props.width, props.height].map(Number);
    const perMinute = w / Math.max(1e-9, span[1] - span[0]);
    const plot = { left: x - (span[0] - lo) * perMinute, right: x + (hi - span[0]) * perMinute };
    const length = text.length * CHAR_PX;
    const middle = y + h / 2;
    const id = `${key}:${props.index}`;
    taken.delete(id);
    const right = place(id, plot, middle, x + w + 4, x + w + 4 + length);
    if (!right && !place(id, plot, middle, x - 4 - length, x - 4)) return null;
    return (
      <text
        x={right ? x + w + 4 : x - 4}
        y={y + h / 2}
        dominantBaseline="central"
        textAnchor={right ? "start" : "end"}
        fill="var(--fg)"
        fontSize={12}
      >
        {text}
      </text>
    );
  };
  return (
    <div className="chart" role="img" aria-label={label}>
      <BarChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: Math.max(180, 90 * rows.length + 80) }}
        data={data}
        layout="vertical"
        margin={MARGIN}
        barGap={2}
        barCategoryGap="18%"
      >
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
        <XAxis type="number" domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} {...AXIS} tickFormatter={(v: number) => formatMinutes(v)} />
        <YAxis
          type="category"
          dataKey="name"
          {...AXIS}
          width={AXIS_WIDTH}
          tick={<RowTick untimed={new Set(rows.filter((r) => r.segments.length === 0).map((r) => r.short))} />}
        />
        <ReferenceLine
          x={0}
          stroke="var(--fg)"
          strokeDasharray="4 2"
          label={{ value: "scheduled start, t = 0", position: "top", fill: "var(--fg)", fontSize: 12 }}
        />
        {keys.map(({ key, kind }) => (
          <Bar
            key={key}
            dataKey={key}
            name={segmentLabel(kind)}
            fill={SEGMENT_COLORS[kind]}
            legendType={key.endsWith("_0") ? "rect" : "none"}
            isAnimationActive={!still}
          >
            {/* The segment's own words beside it, so "42 min late" and "about 20 min of dead air" read at a glance. */}
            {kind !== "on_air" && <LabelList dataKey={`${key}_text`} content={(props) => SegmentLabel(key, props)} />}
          </Bar>
        ))}
      </BarChart>
    </div>
  );
}

/** An event's name beside its row and, for an event with no timing at all, "no timing reported" under it. */
function RowTick({ x, y, payload, untimed }: { x?: number; y?: number; payload?: { value: string }; untimed: Set<string> }) {
  const name = payload?.value ?? "";
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text textAnchor="end" dy={untimed.has(name) ? -2 : 4} fill="var(--fg)" fontSize={12}>
        {name}
      </text>
      {untimed.has(name) && (
        <text textAnchor="end" dy={12} fill="var(--muted)" fontSize={11}>
          no timing reported
        </text>
      )}
    </g>
  );
}
