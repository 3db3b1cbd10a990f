// Timelines aligned at each event's scheduled start (t = 0): one block per event, one lane per segment, each
// segment's words beside it. Drawn on the server as SVG: the page loads no script for it.
import { layoutTimeline, ORIGIN_LABEL, LABEL_GAP, TIMELINE_BAR } from "@/lib/domain/chart-layout";
import type { TimelineRow } from "@/lib/domain/compare";
import { SEGMENT_COLORS } from "./chart-config";
import { hiddenAt, pct, SvgChart, XAxis } from "./svg-chart";

export function TimelineChart({ rows, domain, label }: { rows: TimelineRow[]; domain: [number, number]; label: string }) {
  const layout = layoutTimeline(rows, domain);
  const origin = layout.origin;
  // With t = 0 at the left edge, its dashed line runs there: the names start just right of it, not through it.
  const nameDx = origin.share === 0 ? LABEL_GAP : undefined;
  return (
    <SvgChart label={label} height={layout.height}>
      <XAxis ticks={layout.ticks} top={layout.plotTop} bottom={layout.plotBottom} />
      {layout.rows.map((row) => (
        <g key={row.slug}>
          <text x="0" dx={nameDx} y={row.nameY} fill="var(--fg)" fontWeight={600}>
            {row.name}
          </text>
          {row.untimedY !== null && (
            <text x="0" dx={nameDx} y={row.untimedY} dy="0.35em" fill="var(--muted)" fontSize={11}>
              no timing reported
            </text>
          )}
          {row.lanes.map((lane, i) => {
            const color = SEGMENT_COLORS[lane.segment.kind];
            // A crash is an instant: a line that can be seen, however short the axis.
            return lane.instant ? (
              <line key={i} x1={pct(lane.start)} x2={pct(lane.start)} y1={lane.y - 7} y2={lane.y + 7} stroke={color} strokeWidth={3} />
            ) : (
              <rect key={i} x={pct(lane.start)} width={pct(lane.end - lane.start)} y={lane.y - TIMELINE_BAR / 2} height={TIMELINE_BAR} fill={color} />
            );
          })}
        </g>
      ))}
      <line x1={pct(origin.share)} x2={pct(origin.share)} y1={layout.plotTop - 4} y2={layout.plotBottom} stroke="var(--fg)" strokeDasharray="4 2" />
      {origin.label.map((v) => (
        <text
          key={v.value}
          className={hiddenAt(v.hiddenAt)}
          x={pct(origin.share)}
          dx={v.value === "right" ? LABEL_GAP : -LABEL_GAP}
          y={origin.y}
          textAnchor={v.value === "right" ? "start" : "end"}
          fill="var(--fg)"
        >
          {ORIGIN_LABEL}
        </text>
      ))}
      {/* The segment's own words beside it, so "42 min late" and "about 20 min of dead air" read at a glance. */}
      {layout.rows.flatMap((row) =>
        row.lanes.flatMap((lane, i) =>
          lane.label.map((v) => (
            <text
              key={`${row.slug}-${i}-${v.value}`}
              className={hiddenAt(v.hiddenAt)}
              x={pct(v.value === "right" ? lane.end : lane.start)}
              dx={v.value === "right" ? LABEL_GAP : -LABEL_GAP}
              y={lane.y}
              dy="0.35em"
              textAnchor={v.value === "right" ? "start" : "end"}
              fill="var(--fg)"
            >
              {lane.segment.text}
            </text>
          )),
        ),
      )}
    </SvgChart>
  );
}
