import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { AudienceSection, TimelineSection } from "@/components/comparison";
import { ExportBar } from "@/components/export-bar";
import { FigureRow } from "@/components/figure-row";
import { ReportRange } from "@/components/report-range";
import { ClaimForm, DeleteForm, IncidentForm, ReportForm } from "@/components/forms/record-forms";
import { deleteEventAction } from "@/lib/actions/events";
import { getViewer } from "@/lib/auth/server";
import { createClaimAction, createIncidentAction, createReportAction, deleteClaimAction, deleteIncidentAction, deleteReportAction } from "@/lib/actions/records";
import { toComparableEvent } from "@/lib/data/compare";
import { getEventDetail, getSources } from "@/lib/data/reads";
import { buildComparison } from "@/lib/domain/compare";
import type { ReportedFigure } from "@/lib/domain/figures";
import { formatScheduled, formatValue } from "@/lib/domain/format";
import { describeRevision } from "@/lib/domain/history";
import { isMetricKey, type MetricKey, METRICS } from "@/lib/domain/metrics";
import { INCIDENT_KIND_LABELS, type IncidentKind, QUALIFIER_LABELS, type Qualifier } from "@/lib/domain/options";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await getEventDetail((await params).slug);
  return { title: event?.title ?? "Event not found" };
}

const dateTime = (d: Date, zone: string) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(d);

function qualified(value: number, unit: string, qualifier: string): string {
  const text = formatValue(value, unit === "listeners" ? "listeners" : "minutes");
  return qualifier === "exact" ? text : `${QUALIFIER_LABELS[qualifier as Qualifier] ?? qualifier} ${text}`;
}

export default async function EventPage({ params }: Props) {
  const { slug } = await params;
  const [event, sources, viewer] = await Promise.all([getEventDetail(slug), getSources(), getViewer()]);
  if (!event) notFound();
  // The page's one read of the event feeds the charts too; their figures are the ones the page shows.
  const comparison = buildComparison([toComparableEvent(event)]);
  const { figures } = comparison.events[0];
  const host = (await headers()).get("host") ?? "localhost";
  const sourceOptions = sources.map((s) => ({ value: String(s.id), label: s.name }));
  const incidentOptions = event.incidents.map((i) => ({
    value: String(i.id),
    label: `${INCIDENT_KIND_LABELS[i.kind as IncidentKind] ?? i.kind}${i.description ? `: ${i.description.slice(0, 60)}` : ""}`,
  }));
  const disagreements = (Object.entries(figures.metrics) as [MetricKey, (typeof figures.metrics)[MetricKey]][]).filter(
    (entry): entry is [MetricKey, ReportedFigure] => entry[1].status === "reported" && entry[1].conflicting,
  );
  const conflicting = new Set(disagreements.map(([k]) => k));
  const people = [event.hosts && `hosted by ${event.hosts}`, event.guests && `with ${event.guests}`].filter(Boolean).join(" ");

  return (
    <article aria-labelledby="event-title">
      <div className="page-head">
        <h1 id="event-title">{event.title}</h1>
        {viewer.canEdit && (
          <div className="actions no-print">
            <Link className="button" href={`/events/${slug}/edit`}>
              Edit event
            </Link>
            <DeleteForm action={deleteEventAction.bind(null, slug)} what={`the event "${event.title}" with its figures, incidents and claims`} />
          </div>
        )}
      </div>
      <p className="meta">
        {event.platform} · {formatScheduled(event.scheduledStart, event.scheduledPrecision, event.timeZone)} · {event.status}
        {people && ` · ${people}`}
      </p>
      {event.notes && <p className="notes">{event.notes}</p>}
      <ExportBar apiPath={`/api/events/${slug}/export`} permalink={`http://${host}/events/${slug}`} what="this event" />

      <section aria-labelledby="glance">
        <h2 id="glance">At a glance</h2>
        <dl className="figures figures-wide">
          <FigureRow label="Start delay" figure={figures.delay} unit="minutes" />
          <FigureRow label="Dead air before failure" figure={figures.metrics.silence_before_failure} unit="minutes" />
          <FigureRow label="Expected audience" figure={figures.metrics.expected_audience} unit="listeners" />
          <FigureRow label="Average audience" figure={figures.metrics.average_audience} unit="listeners" />
          <FigureRow label="Peak audience" figure={figures.metrics.peak_audience} unit="listeners" />
          <FigureRow label="Audience attainment" figure={figures.attainment} unit="fraction" />
          <FigureRow label="Minutes lost" figure={figures.minutesLost} unit="minutes" />
          <FigureRow label="Duration" figure={figures.metrics.duration} unit="minutes" />
        </dl>
      </section>

      <TimelineSection comparison={comparison} title="Timeline, from the scheduled start (t = 0)" />
      <AudienceSection comparison={comparison} />

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
                        {conflicting.has(r.metric as MetricKey) && <span className="badge warn">sources disagree</span>}
                      </th>
                      <td className="num">{qualified(r.value, r.unit, r.qualifier)}</td>
                      <td>
                        {r.url ? <a href={r.url}>{r.source.name}</a> : r.source.name}
                        {r.source.leaning && <span className="muted"> ({r.source.leaning})</span>}
                        {r.note && <span className="figure-source">{r.note}</span>}
                      </td>
                      <td>
                        {r.quote ? (
                          <blockquote lang={r.quoteLang ?? undefined}>“{r.quote}”</blockquote>
                        ) : (
                          <span className="muted">—</span>
                        )}
                        {r.quoteEnglish && <span className="figure-source">English: “{r.quoteEnglish}”</span>}
                      </td>
                      <td>{r.reportedOn ? r.reportedOn.toISOString().slice(0, 10) : <span className="muted">—</span>}</td>
                      <td className="row-actions">
                        {viewer.canEdit && (
                          <>
                            <Link href={`/events/${slug}/reports/${r.id}/edit`}>
                              Edit<span className="visually-hidden"> {label} from {r.source.name}</span>
                            </Link>
                            <DeleteForm action={deleteReportAction.bind(null, slug, r.id)} what={`the ${label.toLowerCase()} figure from ${r.source.name}`} />
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
        {viewer.canEdit ? (
          <>
            <details className="add">
              <summary>Add a reported figure</summary>
              <ReportForm action={createReportAction.bind(null, slug)} sources={sourceOptions} submitLabel="Add figure" />
            </details>
            <p className="hint">
              A new source can be named in the form; edit or delete sources on the <Link href="/sources">Sources</Link> page.
            </p>
          </>
        ) : (
          <SignInToEdit slug={slug} what="add or correct figures, incidents and claims" />
        )}
      </section>

      <section aria-labelledby="incidents">
        <h2 id="incidents">Incidents</h2>
        {event.incidents.length === 0 ? (
          <p className="empty-inline">No incidents recorded.</p>
        ) : (
          <ul className="record-list">
            {event.incidents.map((i) => {
              const kind = INCIDENT_KIND_LABELS[i.kind as IncidentKind] ?? i.kind;
              return (
                <li key={i.id}>
                  <p>
                    <strong>{kind}</strong>
                    {i.startOffsetMinutes !== null && <> at t = {formatValue(i.startOffsetMinutes, "minutes")}</>}
                    {i.durationMinutes !== null && <>, lasting {qualified(i.durationMinutes, "minutes", i.qualifier)}</>}
                    {i.source && <span className="muted"> · Source: {i.source.name}</span>}
                  </p>
                  {i.description && <p>{i.description}</p>}
                  {i.quote && <blockquote>“{i.quote}”</blockquote>}
                  {viewer.canEdit && (
                    <div className="row-actions">
                      <Link href={`/events/${slug}/incidents/${i.id}/edit`}>
                        Edit<span className="visually-hidden"> incident {kind}</span>
                      </Link>
                      <DeleteForm action={deleteIncidentAction.bind(null, slug, i.id)} what={`the ${kind.toLowerCase()} incident`} />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {viewer.canEdit && (
          <details className="add">
            <summary>Add an incident</summary>
            <IncidentForm action={createIncidentAction.bind(null, slug)} sources={sourceOptions} submitLabel="Add incident" />
          </details>
        )}
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">Claims</h2>
        {event.claims.length === 0 ? (
          <p className="empty-inline">No claims recorded.</p>
        ) : (
          <ul className="record-list">
            {event.claims.map((c) => (
              <li key={c.id}>
                <p>
                  <span className={`badge status-${c.status}`}>{c.status}</span> {c.statement}
                </p>
                <p className="muted">
                  Claimed by {c.claimant.name}
                  {c.incident && <> · about the {(INCIDENT_KIND_LABELS[c.incident.kind as IncidentKind] ?? c.incident.kind).toLowerCase()}</>}
                </p>
                {c.quote && <blockquote>“{c.quote}”</blockquote>}
                {c.stances.length > 0 && (
                  <ul className="stances">
                    {c.stances.map((s) => (
                      <li key={s.id}>
                        {s.source.name} <strong>{s.stance}</strong> it{s.quote && <>: “{s.quote}”</>}
                      </li>
                    ))}
                  </ul>
                )}
                {viewer.canEdit && (
                  <div className="row-actions">
                    <Link href={`/events/${slug}/claims/${c.id}/edit`}>
                      Edit<span className="visually-hidden"> claim</span>
                    </Link>
                    <DeleteForm action={deleteClaimAction.bind(null, slug, c.id)} what="this claim" />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {viewer.canEdit && (
          <details className="add">
            <summary>Add a claim</summary>
            <ClaimForm action={createClaimAction.bind(null, slug)} sources={sourceOptions} incidents={incidentOptions} submitLabel="Add claim" />
          </details>
        )}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">Correction log</h2>
        {event.revisions.length === 0 ? (
          <p className="empty-inline">No changes recorded.</p>
        ) : (
          <ol className="history">
            {event.revisions.map((r) => {
              const { what, change } = describeRevision(r);
              return (
                <li key={r.id}>
                  <time dateTime={r.at.toISOString()}>{dateTime(r.at, "UTC")} UTC</time> · {what} · {change}
                  {r.actor && <span className="muted"> · by {r.actor}</span>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </article>
  );
}

/** What a reader sees where an editor has forms. */
function SignInToEdit({ slug, what }: { slug: string; what: string }) {
  return (
    <p className="hint no-print">
      <a href={`/signin?next=${encodeURIComponent(`/events/${slug}`)}`}>Sign in</a> as an editor to {what}.
    </p>
  );
}
