// /compare's listener curves: each event's listeners per minute from its samples, aligned at t = 0, with a table.
import { curveStyle } from "@/components/charts/plot-colors";
import { ListenerCurvesChart } from "@/components/charts/listener-curves-chart";
import type { ListenerCurve } from "@/lib/data/live";
import { formatNumber } from "@/lib/domain/format";
import { buildCurvePlot, formatOffset } from "@/lib/domain/live-view";

export function ListenerCurvesSection({
  curves,
  names,
  id = "listener-curves",
}: {
  curves: ListenerCurve[];
  names: Record<string, string>;
  id?: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="chart-section">
      <h2 id={`${id}-heading`}>Listeners over time, aligned at t = 0</h2>
      <p className="hint">From the samples Dead Air received: the mean number of listeners in each minute. Events without samples are left out.</p>
      <div id={`${id}-chart`}>
        <ListenerCurvesChart
          shape={buildCurvePlot(curves)}
          order={curves.map((c) => c.slug)}
          label="Line chart of listeners per minute of each event, in time from its t = 0; the figures are in the table below."
        />
      </div>
      <ul className="legend" aria-label="Key">
        {curves.map((c, i) => {
          const { color, dash } = curveStyle(i);
          return (
            <li key={c.slug}>
              <span className={dash ? "swatch line dashed" : "swatch line"} style={{ background: color }} aria-hidden="true" />
              {names[c.slug] ?? c.title}
            </li>
          );
        })}
      </ul>
      <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table id={`${id}-table`}>
          <caption id={`${id}-caption`}>Listeners per minute, from each event&apos;s samples</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">t = 0</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Peak (minute mean)</th>
              <th scope="col">Mean</th>
            </tr>
          </thead>
          <tbody>
            {curves.map((c) => {
              const s = c.summary;
              return (
                <tr key={c.slug}>
                  <th scope="row">
                    <a href={`/events/${c.slug}`}>{c.title}</a>
                  </th>
                  <td>{c.origin}</td>
                  <td className="num">t = {formatOffset(s.from)}</td>
                  <td className="num">t = {formatOffset(s.to)}</td>
                  <td className="num">
                    {formatNumber(s.peak)} at t = {formatOffset(s.peakAt)}
                  </td>
                  <td className="num">{formatNumber(s.mean)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
