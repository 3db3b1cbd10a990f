// The top of an event's page: its title, the editor's actions, what and when it was, and its exports.
import Link from "next/link";
import { ExportBar } from "@/components/export-bar";
import { DeleteForm } from "@/components/forms/record-forms";
import { deleteEventAction } from "@/lib/actions/events";
import type { EventDetail } from "@/lib/data/reads";
import { formatPeople, formatScheduled } from "@/lib/domain/format";
import { publicOrigin } from "@/lib/http/origin";

export function EventHeader({ event, canEdit }: { event: EventDetail; canEdit: boolean }) {
  const { slug } = event;
  const people = formatPeople(event.hosts, event.guests);
  return (
    <>
      <div className="page-head">
        <h1 id="event-title">{event.title}</h1>
        {canEdit && (
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
      <ExportBar apiPath={`/api/events/${slug}/export`} permalink={`${publicOrigin()}/events/${slug}`} what="this event" />
    </>
  );
}
