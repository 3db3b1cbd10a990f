// The comparison sections: each chart with the same figures in a table that keyboard and screen reader reach.
import { AudienceChart } from "@/components/charts/audience-chart";
import { MinutesLostChart } from "@/components/charts/minutes-lost-chart";
import { TimelineChart } from "@/components/charts/timeline-chart";
import { SEGMENT_COLORS, SERIES } from "@/components/charts/chart-config";
import { ChartDownloads } from "@/components/charts/chart-downloads";
import { type Comparison, SEGMENT_KINDS, segmentLabel } from "@/lib/domain/compare";
import { formatMinutes } from "@/lib/domain/format";

/** The key to a chart's colours, in HTML: it needs no script and reads as a list. */
function ChartLegend({ items }: { items: { label: string; color: string }[] }) {
  return (
    <ul className="legend" aria-label="Key">
      {items.map((i) => (
        <li key={i.label}>
          <span className="swatch" style={{ background: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function TableRegion({ id, caption, children }: { id: string; caption: string; children: React.ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function AudienceSection({ comparison, id = "audience" }: { comparison: Comparison; id?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>Audience: expected against actual</h2>
      <div id={`${id}-chart`}>
        <AudienceChart
          rows={comparison.audience}
          label="Bar chart of expected, average and peak audience per event; the figures are in the table below."
        />
      </div>
      <ChartLegend
        items={(["expected", "average", "peak"] as const)
          .filter((k) => comparison.audience.some((r) => r[k] !== null))
          .map((k) => ({ label: SERIES[k].label, color: SERIES[k].color }))}
      />
      <ChartDownloads chartId={`${id}-chart`} title="Audience: expected against actual" fileName={`deadair-${id}`} />
      <TableRegion id={`${id}-table`} caption="Audience per event, with the share of the expected audience reached">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Expected</th>
            <th scope="col">Average</th>
            <th scope="col">Peak</th>
            <th scope="col">Attainment</th>
          </tr>
        </thead>
        <tbody>
          {comparison.audience.map((r) => (
            <tr key={r.slug}>
              <th scope="row">{r.title}</th>
              <td className="num">{r.expectedText}</td>
              <td className="num">{r.averageText}</td>
              <td className="num">{r.peakText}</td>
              <td className="num">{r.attainmentText}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}

export function MinutesLostSection({ comparison, id = "minutes-lost" }: { comparison: Comparison; id?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>Minutes lost: start delay plus dead air</h2>
      <div id={`${id}-chart`}>
        <MinutesLostChart rows={comparison.minutesLost} label="Bar chart of minutes lost per event; the figures are in the table below." />
      </div>
      <ChartDownloads chartId={`${id}-chart`} title="Minutes lost: start delay plus dead air" fileName={`deadair-${id}`} />
      <TableRegion id={`${id}-table`} caption="Minutes lost per event">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Minutes lost</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {comparison.minutesLost.map((r) => (
            <tr key={r.slug}>
              <th scope="row">{r.title}</th>
              <td className="num">{r.text}</td>
              <td>{r.note || "—"}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}

export function TimelineSection({
  comparison,
  id = "timeline",
  title = "Timelines aligned at the scheduled start (t = 0)",
}: {
  comparison: Comparison;
  id?: string;
  title?: string;
}) {
  const { rows, domain } = comparison.timeline;
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div id={`${id}-chart`}>
        <TimelineChart
          rows={rows}
          domain={domain}
          label="Timeline chart, in minutes from each event's scheduled start; the segments are in the table below."
        />
      </div>
      <ChartLegend
        items={SEGMENT_KINDS.filter((k) => rows.some((r) => r.segments.some((s) => s.kind === k))).map((k) => ({
          label: segmentLabel(k),
          color: SEGMENT_COLORS[k],
        }))}
      />
      <ChartDownloads chartId={`${id}-chart`} title={title} fileName={`deadair-${id}`} />
      <TableRegion id={`${id}-table`} caption="What happened, in minutes from each event's scheduled start">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">What</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            row.segments.length === 0
              ? [
                  <tr key={row.slug}>
                    <th scope="row">{row.title}</th>
                    <td colSpan={4} className="muted">
                      No timing reported
                    </td>
                  </tr>,
                ]
              : row.segments.map((s, i) => (
                  <tr key={`${row.slug}-${i}`}>
                    <th scope="row">{row.title}</th>
                    <td>
                      {segmentLabel(s.kind)}: {s.text}
                    </td>
                    <td className="num">t = {formatMinutes(s.start)}</td>
                    <td className="num">{s.end === s.start ? "—" : `t = ${formatMinutes(s.end)}`}</td>
                    <td>{s.source ?? "—"}</td>
                  </tr>
                )),
          )}
        </tbody>
      </TableRegion>
    </section>
  );
}

export function FiguresTableSection({ comparison, id = "figures-used" }: { comparison: Comparison; id?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Every figure used, with its source</h2>
      <p className="hint">Charts draw the highest value where sources disagree; this table lists every report.</p>
      <TableRegion id={`${id}-table`} caption="Figures and their sources">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Figure</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
            <th scope="col">Quote</th>
          </tr>
        </thead>
        <tbody>
          {comparison.table.map((r, i) => (
            <tr key={i} className={r.derived ? "derived" : undefined}>
              <th scope="row">{r.eventTitle}</th>
              <td>{r.label}</td>
              <td className="num">{r.text}</td>
              <td>{r.sourceUrl ? <a href={r.sourceUrl}>{r.source}</a> : r.source}</td>
              <td>{r.quote ? `“${r.quote}”` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
    </section>
  );
}
