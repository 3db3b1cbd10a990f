// An event on the overview: what it was, when, and its headline figures with their sources, in its audience's words.
import Link from "next/link";
import type { EventSummary } from "@/lib/data/events";
import type { EventFigures } from "@/lib/domain/figures";
import { formatScheduled } from "@/lib/domain/format";
import { audienceUnit } from "@/lib/domain/metrics";
import { FigureRow } from "./figure-row";

export function EventCard({ event, figures }: { event: EventSummary; figures: EventFigures }) {
  const people = [event.hosts && `hosted by ${event.hosts}`, event.guests && `with ${event.guests}`].filter(Boolean).join(" ");
  const unit = audienceUnit(event.medium);
  const { metrics } = figures;
  return (
    <article className="card" aria-labelledby={`event-${event.slug}`}>
      <h2 id={`event-${event.slug}`}>
        <Link href={`/events/${event.slug}`}>{event.title}</Link>
      </h2>
      <p className="meta">
        {event.platform} · {event.medium === "video" ? "video" : "audio"} ·{" "}
        {formatScheduled(event.scheduledStart, event.scheduledPrecision, event.timeZone)}
        {people && ` · ${people}`}
      </p>
      <dl className="figures">
        <FigureRow label="Start delay" figure={figures.delay} unit="minutes" />
        <FigureRow label="Dead air before failure" figure={metrics.silence_before_failure} unit="minutes" />
        <FigureRow label="Expected audience" figure={metrics.expected_audience} unit={unit} />
        <FigureRow label="Average audience" figure={metrics.average_audience} unit={unit} />
        {metrics.peak_audience.status === "reported" && <FigureRow label="Peak audience" figure={metrics.peak_audience} unit={unit} />}
        {metrics.peak_streams.status === "reported" && <FigureRow label="Peak concurrent streams" figure={metrics.peak_streams} unit="streams" />}
        <FigureRow label="Audience attainment" figure={figures.attainment} unit="fraction" />
        <FigureRow label="Minutes lost to silence" figure={figures.minutesLost} unit="minutes" />
        {figures.degradedMinutes.status === "reported" && <FigureRow label="Minutes degraded" figure={figures.degradedMinutes} unit="minutes" />}
      </dl>
    </article>
  );
}
