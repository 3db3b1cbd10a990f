import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AudienceSection, TimelineSection } from "@/components/comparison";
import { EventClaims } from "@/components/event/event-claims";
import { EventGlance } from "@/components/event/event-glance";
import { EventHeader } from "@/components/event/event-header";
import { EventHistory } from "@/components/event/event-history";
import { EventIncidents } from "@/components/event/event-incidents";
import { EventLive } from "@/components/event/event-live";
import { EventMoments } from "@/components/event/event-moments";
import { EventMonitors } from "@/components/event/event-monitors";
import { EventReports } from "@/components/event/event-reports";
import { getViewer } from "@/lib/auth/server";
import { toComparableEvent } from "@/lib/data/compare";
import { getLiveSnapshot } from "@/lib/data/live";
import { listEventMonitors } from "@/lib/data/monitors";
import { getEventDetail, getSources } from "@/lib/data/reads";
import { buildComparison } from "@/lib/domain/compare";
import { liveStatus } from "@/lib/live/monitoring";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ figures?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await getEventDetail((await params).slug);
  return { title: event?.title ?? "Event not found" };
}

export default async function EventPage({ params, searchParams }: Props) {
  const { slug } = await params;
  // ?figures=<metric>: every figure of that metric in the table, not only the first few.
  const { figures: expanded } = await searchParams;
  const [event, sources, viewer] = await Promise.all([getEventDetail(slug), getSources(), getViewer()]);
  if (!event) notFound();
  const { canEdit } = viewer;
  // Monitors are for editors: their addresses and errors say how the event is watched, which readers need not see.
  const [snapshot, monitors] = await Promise.all([getLiveSnapshot(event.id), canEdit ? listEventMonitors(slug) : null]);
  // The live section shows once an event has samples, or while it is marked live (waiting for its first ones).
  const status = snapshot || event.status === "live" ? await liveStatus(event.id) : null;
  // The page's one read of the event feeds the charts too; their figures are the ones the page shows.
  const comparison = buildComparison([toComparableEvent(event)]);
  const { figures } = comparison.events[0];
  const sourceOptions = sources.map((s) => ({ value: String(s.id), label: s.name }));

  return (
    <article aria-labelledby="event-title">
      <EventHeader event={event} canEdit={canEdit} />
      <EventGlance figures={figures} medium={event.medium} />
      {status && <EventLive event={event} snapshot={snapshot} status={status} />}
      <TimelineSection comparison={comparison} title="Timeline, from the scheduled start (t = 0)" />
      <AudienceSection comparison={comparison} />
      <EventReports
        event={event}
        figures={figures}
        sources={sourceOptions}
        canEdit={canEdit}
        expanded={typeof expanded === "string" ? expanded : null}
      />
      <EventIncidents event={event} sources={sourceOptions} canEdit={canEdit} />
      <EventMoments event={event} sources={sourceOptions} canEdit={canEdit} />
      <EventClaims event={event} sources={sourceOptions} canEdit={canEdit} />
      {monitors && <EventMonitors event={event} monitors={monitors} />}
      <EventHistory event={event} sources={sources} />
    </article>
  );
}
