// An event on the overview: what it was, when, and its headline figures with their sources.
import Link from "next/link";
import type { EventSummary } from "@/lib/data/events";
import type { EventFigures } from "@/lib/domain/figures";
import { formatScheduled } from "@/lib/domain/format";
import { FigureRow } from "./figure-row";

export function EventCard({ event, figures }: { event: EventSummary; figures: EventFigures }) {
  const people = [event.hosts && `hosted by ${event.hosts}`, event.guests && `with ${event.guests}`].filter(Boolean).join(" ");
  return (
    <article className="card" aria-labelledby={`event-${event.slug}`}>
      <h2 id={`event-${event.slug}`}>
        <Link href={`/events/${event.slug}`}>{event.title}</Link>
      </h2>
      <p className="meta">
        {event.platform} · {formatScheduled(event.scheduledStart, event.scheduledPrecision, event.timeZone)}
        {people && ` · ${people}`}
      </p>
      <dl className="figures">
        <FigureRow label="Start delay" figure={figures.delay} unit="minutes" />
        <FigureRow label="Dead air before failure" figure={figures.metrics.silence_before_failure} unit="minutes" />
        <FigureRow label="Expected audience" figure={figures.metrics.expected_audience} unit="listeners" />
        <FigureRow label="Average audience" figure={figures.metrics.average_audience} unit="listeners" />
        <FigureRow label="Audience attainment" figure={figures.attainment} unit="fraction" />
        <FigureRow label="Minutes lost" figure={figures.minutesLost} unit="minutes" />
      </dl>
    </article>
  );
}
