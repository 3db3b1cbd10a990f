// An event's claims: each statement, who made it, its status and the sources that dispute or confirm it.
import Link from "next/link";
import { ClaimForm, DeleteForm } from "@/components/forms/record-forms";
import { createClaimAction, deleteClaimAction } from "@/lib/actions/records";
import type { EventDetail } from "@/lib/data/reads";
import { incidentKindLabel } from "@/lib/domain/options";
import { Quoted, reportedDay } from "./quoted";

type Option = { value: string; label: string };

export function EventClaims({ event, sources, canEdit }: { event: EventDetail; sources: Option[]; canEdit: boolean }) {
  const { slug } = event;
  // A claim may be about one of the event's incidents; the start of its description tells two of one kind apart.
  const incidents = event.incidents.map((i) => ({
    value: String(i.id),
    label: `${incidentKindLabel(i.kind)}${i.description ? `: ${i.description.slice(0, 60)}` : ""}`,
  }));
  return (
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
                {c.incident && <> · about the {incidentKindLabel(c.incident.kind).toLowerCase()}</>}
                {c.reportedOn && <> · reported on {reportedDay(c.reportedOn)}</>}
                {c.url && (
                  <>
                    {" "}
                    · <a href={c.url}>where the claim was made</a>
                  </>
                )}
              </p>
              <Quoted record={c} />
              {c.stances.length > 0 && (
                <ul className="stances">
                  {c.stances.map((s) => (
                    <li key={s.id}>
                      {s.source.name} <strong>{s.stance}</strong> it{s.quote && ": "}
                      <Quoted record={s} inline />
                      {s.reportedOn && <span className="muted"> (reported on {reportedDay(s.reportedOn)})</span>}
                      {s.url && (
                        <>
                          {" "}
                          <a href={s.url}>(source)</a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {canEdit && (
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
      {canEdit && (
        <details className="add">
          <summary>Add a claim</summary>
          <ClaimForm action={createClaimAction.bind(null, slug)} sources={sources} incidents={incidents} submitLabel="Add claim" />
        </details>
      )}
    </section>
  );
}
