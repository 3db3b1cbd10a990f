// An event's key moments (the main fight, the guest joining): when, on whose word, drawn on the timeline above.
import Link from "next/link";
import { DeleteForm, MomentForm } from "@/components/forms/record-forms";
import { createMomentAction, deleteMomentAction } from "@/lib/actions/records";
import type { EventDetail } from "@/lib/data/reads";
import { formatInstant } from "@/lib/domain/format";
import { formatOffset } from "@/lib/domain/live-view";

type Option = { value: string; label: string };

export function EventMoments({ event, sources, canEdit }: { event: EventDetail; sources: Option[]; canEdit: boolean }) {
  const { slug } = event;
  if (event.moments.length === 0 && !canEdit) return null;
  return (
    <section aria-labelledby="moments">
      <h2 id="moments">Key moments</h2>
      {event.moments.length === 0 ? (
        <p className="empty-inline">No key moments recorded. A moment (the main fight, a guest joining) is drawn on the timeline.</p>
      ) : (
        <ul className="record-list">
          {event.moments.map((m) => (
            <li key={m.id}>
              <p>
                <strong>{m.label}</strong> at {formatInstant(m.at, event.timeZone)}
                {event.scheduledStart && <> (t = {formatOffset(m.at.getTime() - event.scheduledStart.getTime())})</>}
                {m.source && <span className="muted"> · Source: {m.source.name}</span>}
                {m.url && (
                  <>
                    {" "}
                    · <a href={m.url}>where it was said</a>
                  </>
                )}
              </p>
              {m.note && <p>{m.note}</p>}
              {canEdit && (
                <div className="row-actions">
                  <Link href={`/events/${slug}/moments/${m.id}/edit`}>
                    Edit<span className="visually-hidden"> the key moment “{m.label}”</span>
                  </Link>
                  <DeleteForm action={deleteMomentAction.bind(null, slug, m.id)} what={`the key moment “${m.label}”`} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details className="add">
          <summary>Add a key moment</summary>
          <MomentForm action={createMomentAction.bind(null, slug)} sources={sources} timeZone={event.timeZone} submitLabel="Add key moment" />
        </details>
      )}
    </section>
  );
}
