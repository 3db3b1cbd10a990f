// An event's reported figures: where sources disagree, every report with its source and quote, and the form to add one.
import Link from "next/link";
import { Fragment } from "react";
import { DeleteForm, ReportForm } from "@/components/forms/record-forms";
import { ReportRange } from "@/components/report-range";
import { createReportAction, deleteReportAction } from "@/lib/actions/records";
import type { EventDetail } from "@/lib/data/reads";
import { disagreeingFigures, type EventFigures } from "@/lib/domain/figures";
import { formatReportedValue } from "@/lib/domain/format";
import { isCountUnit, isMetricKey, METRICS, type Unit, UNIT_LABELS } from "@/lib/domain/metrics";
import { FIGURES_SHOWN_PER_METRIC, groupReportsByMetric, type ReportGroup } from "@/lib/domain/report-groups";
import { Quoted, reportedDay } from "./quoted";
import { SignInToEdit } from "./sign-in-to-edit";

type Option = { value: string; label: string };

const count = (n: number) => n.toLocaleString("en-US");

/** Who gave a metric's reports, the five who gave most by name: "Dead Air monitor (4,950), Financial Times (50)". */
function sourcesOf(group: ReportGroup<unknown>): string {
  const named = group.bySource.slice(0, 5).map((s) => `${s.name} (${count(s.count)})`);
  const others = group.bySource.length - named.length;
  return others > 0 ? `${named.join(", ")} and ${count(others)} more` : named.join(", ");
}

export function EventReports({
  event,
  figures,
  sources,
  canEdit,
  expanded = null,
}: {
  event: EventDetail;
  figures: EventFigures;
  sources: Option[];
  canEdit: boolean;
  /** The metric whose every figure is shown (?figures=<metric>); the others show their first FIGURES_SHOWN_PER_METRIC. */
  expanded?: string | null;
}) {
  const { slug } = event;
  const groups = groupReportsByMetric(event.reports, expanded);
  const folded = groups.some((g) => g.shown.length < g.total);
  const disagreements = disagreeingFigures(figures);
  const conflicting = new Set<string>(disagreements.map(([metric]) => metric));
  // A figure changed since it was entered says so, with the latest reason given (the log is newest first).
  const corrections = new Map<number, string | null>();
  for (const r of event.revisions) {
    if (r.entity === "report" && r.action === "update" && !corrections.get(r.entityId)) corrections.set(r.entityId, r.reason);
  }
  return (
    <section aria-labelledby="figures">
      <h2 id="figures">Reported figures</h2>
      {disagreements.length > 0 && (
        <div className="ranges">
          <h3>Where sources disagree</h3>
          {disagreements.map(([metric, figure]) => (
            <ReportRange key={metric} metric={metric} figure={figure} medium={event.medium} />
          ))}
        </div>
      )}
      {event.reports.length === 0 ? (
        <p className="empty-inline">No figures reported yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              Every reported figure with its source
              {folded ? `; of a metric with more than ${FIGURES_SHOWN_PER_METRIC}, the first ${FIGURES_SHOWN_PER_METRIC}` : ""}
            </caption>
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
              {groups.map((group) => (
                <Fragment key={group.metric}>
                  {group.shown.map((r, i) => {
                    const label = isMetricKey(r.metric) ? METRICS[r.metric].label : r.metric;
                    return (
                      // The first row of a metric is where "Show all" and "Show fewer" land.
                      <tr key={r.id} id={i === 0 ? `figures-${r.metric}` : undefined}>
                        <th scope="row">
                          {label}
                          {conflicting.has(r.metric) && <span className="badge warn">sources disagree</span>}
                        </th>
                        <td className="num">
                          {formatReportedValue(r.value, r.unit, r.qualifier)}
                          {isCountUnit(r.unit) && ` ${UNIT_LABELS[r.unit as Unit]}`}
                          {r.scope !== "global" && <span className="figure-source">for {r.scope}</span>}
                          {corrections.has(r.id) && (
                            <span className="figure-source corrected">
                              <span className="badge">corrected</span>
                              {corrections.get(r.id) && <> “{corrections.get(r.id)}”</>}
                            </span>
                          )}
                        </td>
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
                  <GroupFooter slug={slug} group={group} />
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <>
          <details className="add">
            <summary>Add a reported figure</summary>
            <ReportForm action={createReportAction.bind(null, slug)} sources={sources} medium={event.medium} submitLabel="Add figure" />
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

/** Below a metric with more figures than a page shows at once: how many, from whom, and the link to all (or back). */
function GroupFooter({ slug, group }: { slug: string; group: ReportGroup<unknown> }) {
  if (group.total <= FIGURES_SHOWN_PER_METRIC) return null;
  const label = isMetricKey(group.metric) ? METRICS[group.metric].label : group.metric;
  const all = group.shown.length === group.total;
  return (
    <tr className="group-footer">
      <td colSpan={6}>
        {all ? `All ${count(group.total)}` : `${count(group.shown.length)} of ${count(group.total)}`} {label.toLowerCase()} figures shown, from{" "}
        {sourcesOf(group)}.{" "}
        {all ? (
          <a href={`/events/${slug}#figures-${group.metric}`}>Show the first {FIGURES_SHOWN_PER_METRIC} only</a>
        ) : (
          <a href={`/events/${slug}?figures=${encodeURIComponent(group.metric)}#figures-${group.metric}`}>
            Show all {count(group.total)} {label.toLowerCase()} figures
          </a>
        )}
      </td>
    </tr>
  );
}
