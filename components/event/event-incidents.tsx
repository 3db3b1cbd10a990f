// An event's incidents: what went wrong, when and for how long, on whose word; and the form to add one.
import Link from "next/link";
import { DeleteForm, IncidentForm } from "@/components/forms/record-forms";
import { ReviewForm } from "@/components/forms/review-form";
import { reviewIncidentAction } from "@/lib/actions/detections";
import { createIncidentAction, deleteIncidentAction } from "@/lib/actions/records";
import type { EventDetail } from "@/lib/data/reads";
import { formatReportedValue, formatValue } from "@/lib/domain/format";
import { formatClockTime, formatOffset, formatSpan, reviewLabel } from "@/lib/domain/live-view";
import { incidentKindLabel } from "@/lib/domain/options";
import { Quoted, reportedDay } from "./quoted";

type Option = { value: string; label: string };
type Incident = EventDetail["incidents"][number];

/** When a detected incident began and ended, to the second in the event's zone, and how long it lasted. */
function DetectedTiming({ incident: i, event }: { incident: Incident; event: EventDetail }) {
  if (!i.startedAt) return null;
  const from = i.startedAt.getTime();
  const offset = event.scheduledStart ? ` (t = ${formatOffset(from - event.scheduledStart.getTime())})` : "";
  return (
    <>
      {" "}
      from {formatClockTime(from, event.timeZone, true)}
      {offset}
      {i.endedAt ? (
        <>
          {" "}
          to {formatClockTime(i.endedAt.getTime(), event.timeZone, true)}, lasted {formatSpan(i.endedAt.getTime() - from)}
        </>
      ) : (
        <>, ongoing</>
      )}
    </>
  );
}

/**
 * An incident as a button names it: "the buffering incident at t = 120 min"; one of kind Other by its description,
 * never "the other incident", which reads as a second one.
 */
function incidentName(i: Incident, kind: string): string {
  const what = i.kind === "other" ? "the incident" : `the ${kind.toLowerCase()} incident`;
  const where = i.startOffsetMinutes !== null ? ` at t = ${formatValue(i.startOffsetMinutes, "minutes")}` : "";
  const said = i.kind === "other" && i.description ? ` “${i.description.length > 40 ? `${i.description.slice(0, 39)}…` : i.description}”` : "";
  return `${what}${said}${where}`;
}

export function EventIncidents({ event, sources, canEdit }: { event: EventDetail; sources: Option[]; canEdit: boolean }) {
  const { slug } = event;
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">Incidents</h2>
      {event.incidents.length === 0 ? (
        <p className="empty-inline">No incidents recorded.</p>
      ) : (
        <ul className="record-list">
          {event.incidents.map((i) => {
            const kind = incidentKindLabel(i.kind);
            return (
              <li key={i.id}>
                {i.detector !== null && i.review !== "corrected" ? (
                  <p>
                    <strong>{kind}</strong>
                    <DetectedTiming incident={i} event={event} />
                    <span className="muted"> · Detected by Dead Air monitor · {reviewLabel(i.review)}</span>
                  </p>
                ) : (
                  <p>
                    <strong>{kind}</strong>
                    {i.startOffsetMinutes !== null && <> at t = {formatValue(i.startOffsetMinutes, "minutes")}</>}
                    {i.durationMinutes !== null && <>, lasting {formatReportedValue(i.durationMinutes, "minutes", i.qualifier)}</>}
                    {i.source && (
                      <span className="muted">
                        {" "}
                        · {i.detector !== null ? "Detected by" : "Source:"} {i.source.name}
                      </span>
                    )}
                    {i.detector !== null && <span className="muted"> · {reviewLabel(i.review)}</span>}
                    {i.reportedOn && <span className="muted"> · reported on {reportedDay(i.reportedOn)}</span>}
                    {i.url && (
                      <span className="muted">
                        {" "}
                        · <a href={i.url}>where it was reported</a>
                      </span>
                    )}
                  </p>
                )}
                {i.description && <p>{i.description}</p>}
                <Quoted record={i} />
                {canEdit && (
                  <div className="row-actions">
                    {i.detector !== null && (
                      <ReviewForm
                        action={reviewIncidentAction.bind(null, slug, i.id)}
                        review={i.review}
                        what={`the detected ${kind.toLowerCase()} incident`}
                      />
                    )}
                    <Link href={`/events/${slug}/incidents/${i.id}/edit`}>
                      Edit<span className="visually-hidden"> {incidentName(i, kind)}</span>
                    </Link>
                    <DeleteForm action={deleteIncidentAction.bind(null, slug, i.id)} what={incidentName(i, kind)} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && (
        <details className="add">
          <summary>Add an incident</summary>
          <IncidentForm action={createIncidentAction.bind(null, slug)} sources={sources} submitLabel="Add incident" />
        </details>
      )}
    </section>
  );
}
