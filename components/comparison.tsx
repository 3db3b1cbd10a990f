// The comparison sections: each chart with the same figures in a table that keyboard and screen reader reach.
import { AudienceChart } from "@/components/charts/audience-chart";
import { MinutesLostChart } from "@/components/charts/minutes-lost-chart";
import { TimelineChart } from "@/components/charts/timeline-chart";
import { NOT_REPORTED_MARK, SEGMENT_COLORS, SERIES } from "@/components/charts/chart-config";
import { ChartDownloads } from "@/components/charts/chart-downloads";
import { type AudienceRow, type Comparison, SEGMENT_KINDS, segmentLabel } from "@/lib/domain/compare";
import { formatMinutes, formatSources as formatList } from "@/lib/domain/format";

/** The key to a chart's colours, in HTML: it needs no script and reads as a list. */
function ChartLegend({ items, note }: { items: { label: string; color: string }[]; note?: string }) {
  return (
    <ul className="legend" aria-label="Key">
      {items.map((i) => (
        <li key={i.label}>
          <span className="swatch" style={{ background: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
      {note && <li className="muted">{note}</li>}
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

const UNIT_HEADINGS: Record<AudienceRow["unit"], string> = {
  listeners: "Listeners (audio)",
  viewers: "Viewers (video)",
  streams: "Peak concurrent streams (playbacks, not people)",
};

/** What a downloaded chart names as its sources: everyone whose figures the comparison rests on. */
function sourcesOf(comparison: Comparison): string[] {
  return [...new Set(comparison.table.filter((r) => !r.derived).map((r) => r.source))];
}

/** A file name that names the events compared: deadair-audience-musk-trump-x-spaces-2024_desantis-… */
function fileNameOf(id: string, comparison: Comparison): string {
  return `deadair-${id}-${comparison.events.map((e) => e.slug).join("_")}`.slice(0, 180);
}

export function AudienceSection({ comparison, id = "audience" }: { comparison: Comparison; id?: string }) {
  const title = "Audience: expected against actual";
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {comparison.audience.length > 1 && (
        <p className="hint">
          {formatList(comparison.audience.map((g) => g.unit)).replace(/^./, (c) => c.toUpperCase())} are different units: each has a chart of its own,
          on its own scale.
        </p>
      )}
      {comparison.audience.map(({ unit, rows }) => {
        const chartId = `${id}-${unit}-chart`;
        const legend = (unit === "streams" ? (["peak"] as const) : (["expected", "average", "peak"] as const)).map((k) => ({
          label: SERIES[k].label,
          color: SERIES[k].color,
        }));
        const unreported = rows.some((r) => (unit === "streams" ? r.peak === null : [r.expected, r.average, r.peak].some((v) => v === null)));
        const chartTitle = `${title}, in ${unit}`;
        return (
          <div key={unit} className="chart-group">
            <h3>{UNIT_HEADINGS[unit]}</h3>
            <div id={chartId}>
              <AudienceChart
                rows={rows}
                unit={unit}
                label={`Bar chart of ${unit === "streams" ? "peak concurrent streams" : "expected, average and peak audience"} per event, in ${unit}; the figures are in the table below.`}
              />
            </div>
            <ChartLegend items={legend} note={unreported ? `${NOT_REPORTED_MARK}: not reported` : undefined} />
            <ChartDownloads
              chartId={chartId}
              title={chartTitle}
              fileName={fileNameOf(`${id}-${unit}`, comparison)}
              legend={legend}
              notes={unreported ? [`${NOT_REPORTED_MARK}: not reported`] : []}
              sources={sourcesOf(comparison)}
            />
          </div>
        );
      })}
      <TableRegion id={`${id}-table`} caption="Audience per event, with the share of the expected audience reached">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Counted in</th>
            <th scope="col">Expected</th>
            <th scope="col">Average</th>
            <th scope="col">Peak</th>
            <th scope="col">Attainment</th>
          </tr>
        </thead>
        <tbody>
          {comparison.audience.flatMap(({ unit, rows }) =>
            rows.map((r) => (
              <tr key={`${unit}-${r.slug}`}>
                <th scope="row">{r.title}</th>
                <td>{unit}</td>
                <td className="num">{r.expectedText || "—"}</td>
                <td className="num">{r.averageText || "—"}</td>
                <td className="num">{r.peakText}</td>
                <td className="num">{r.attainmentText || "—"}</td>
              </tr>
            )),
          )}
        </tbody>
      </TableRegion>
    </section>
  );
}

export function MinutesLostSection({ comparison, id = "minutes-lost" }: { comparison: Comparison; id?: string }) {
  const title = "Minutes lost: silence (late start and dead air), and degraded minutes apart";
  const degraded = comparison.minutesLost.some((r) => r.degraded !== null);
  const legend = [
    { label: SERIES.minutesLost.label, color: SERIES.minutesLost.color },
    ...(degraded ? [{ label: SERIES.degraded.label, color: SERIES.degraded.color }] : []),
  ];
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div id={`${id}-chart`}>
        <MinutesLostChart rows={comparison.minutesLost} label="Bar chart of minutes lost per event; the figures are in the table below." />
      </div>
      <ChartLegend items={legend} />
      <ChartDownloads chartId={`${id}-chart`} title={title} fileName={fileNameOf(id, comparison)} legend={legend} sources={sourcesOf(comparison)} />
      <TableRegion id={`${id}-table`} caption="Minutes lost per event">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Silence</th>
            <th scope="col">Degraded</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {comparison.minutesLost.map((r) => (
            <tr key={r.slug}>
              <th scope="row">{r.title}</th>
              <td className="num">{r.text}</td>
              <td className="num">{r.degradedText || "not reported"}</td>
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
  const timelineLegend = SEGMENT_KINDS.filter((k) => rows.some((r) => r.segments.some((s) => s.kind === k))).map((k) => ({
    label: segmentLabel(k),
    color: SEGMENT_COLORS[k],
  }));
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
      <ChartLegend items={timelineLegend} />
      <ChartDownloads
        chartId={`${id}-chart`}
        title={title}
        fileName={fileNameOf(id, comparison)}
        legend={timelineLegend}
        sources={[...new Set(rows.flatMap((r) => r.segments.flatMap((s) => (s.source ? [s.source] : []))))]}
      />
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
