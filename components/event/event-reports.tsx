// An event's reported figures: where sources disagree, every report with its source and quote, and the form to add one.
import Link from "next/link";
import { DeleteForm, ReportForm } from "@/components/forms/record-forms";
import { ReportRange } from "@/components/report-range";
import { createReportAction, deleteReportAction } from "@/lib/actions/records";
import type { EventDetail } from "@/lib/data/reads";
import { disagreeingFigures, type EventFigures } from "@/lib/domain/figures";
import { formatReportedValue } from "@/lib/domain/format";
import { isMetricKey, METRICS } from "@/lib/domain/metrics";
import { Quoted, reportedDay } from "./quoted";
import { SignInToEdit } from "./sign-in-to-edit";

type Option = { value: string; label: string };

export function EventReports({
  event,
  figures,
  sources,
  canEdit,
}: {
  event: EventDetail;
  figures: EventFigures;
  sources: Option[];
  canEdit: boolean;
}) {
  const { slug } = event;
  const disagreements = disagreeingFigures(figures);
  const conflicting = new Set<string>(disagreements.map(([metric]) => metric));
  return (
    <section aria-labelledby="figures">
      <h2 id="figures">Reported figures</h2>
      {disagreements.length > 0 && (
        <div className="ranges">
          <h3>Where sources disagree</h3>
          {disagreements.map(([metric, figure]) => (
            <ReportRange key={metric} metric={metric} figure={figure} />
          ))}
        </div>
      )}
      {event.reports.length === 0 ? (
        <p className="empty-inline">No figures reported yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Every reported figure with its source</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Value</th>
                <th scope="col">Source</th>
                <th scope="col">Quote</th>
                <th scope="col">Reported</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {event.reports.map((r) => {
                const label = isMetricKey(r.metric) ? METRICS[r.metric].label : r.metric;
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      {label}
                      {conflicting.has(r.metric) && <span className="badge warn">sources disagree</span>}
                    </th>
                    <td className="num">{formatReportedValue(r.value, r.unit, r.qualifier)}</td>
                    <td>
                      {r.url ? <a href={r.url}>{r.source.name}</a> : r.source.name}
                      {r.source.leaning && <span className="muted"> ({r.source.leaning})</span>}
                      {r.note && <span className="figure-source">{r.note}</span>}
                    </td>
                    <td>
                      {!r.quote && <span className="muted">—</span>}
                      <Quoted record={r} />
                    </td>
                    <td>{r.reportedOn ? reportedDay(r.reportedOn) : <span className="muted">—</span>}</td>
                    <td className="row-actions">
                      {canEdit && (
                        <>
                          <Link href={`/events/${slug}/reports/${r.id}/edit`}>
                            Edit
                            <span className="visually-hidden">
                              {" "}
                              {label} from {r.source.name}
                            </span>
                          </Link>
                          <DeleteForm
                            action={deleteReportAction.bind(null, slug, r.id)}
                            what={`the ${label.toLowerCase()} figure from ${r.source.name}`}
                          />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <>
          <details className="add">
            <summary>Add a reported figure</summary>
            <ReportForm action={createReportAction.bind(null, slug)} sources={sources} submitLabel="Add figure" />
          </details>
          <p className="hint">
            A new source can be named in the form; edit or delete sources on the <Link href="/sources">Sources</Link> page.
          </p>
        </>
      ) : (
        <SignInToEdit slug={slug} what="add or correct figures, incidents and claims" />
      )}
    </section>
  );
}
