import Link from "next/link";
import { AudienceSection, MinutesLostSection, TimelineSection } from "@/components/comparison";
import { EventCard } from "@/components/event-card";
import { LiveNow } from "@/components/live-now";
import { getOverview } from "@/lib/data/events";
import { buildComparison } from "@/lib/domain/compare";
import { liveNow } from "@/lib/live/now";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const { page } = await searchParams;
  const [{ items, total, page: current, pageCount, comparable }, live] = await Promise.all([getOverview(Number(page ?? 1)), liveNow()]);
  const comparison = buildComparison(comparable);
  return (
    <>
      <h1>Livestream outages on record</h1>
      <p className="lede">
        How late each event started, how long the silence lasted, and how many listeners came against how many were expected. Every figure names the
        source that reported it.
      </p>
      <LiveNow items={live} />
      {items.length === 0 ? (
        <div className="empty">
          <p>No events on record yet.</p>
        </div>
      ) : (
        <>
          <p className="count">{total === 1 ? "1 event" : `${total} events`}, newest first.</p>
          <ul className="card-grid">
            {items.map((event, i) => (
              <li key={event.slug}>
                <EventCard event={event} figures={comparison.events[i].figures} />
              </li>
            ))}
          </ul>
          <h2 className="section-title">These events compared</h2>
          <p className="hint">
            <Link href={`/compare?events=${items.map((e) => e.slug).join(",")}`}>Open this comparison</Link> to choose the events, share it or export
            it.
          </p>
          <TimelineSection comparison={comparison} />
          <AudienceSection comparison={comparison} />
          <MinutesLostSection comparison={comparison} />
          {pageCount > 1 && (
            <nav className="pagination" aria-label="Pages of events">
              {current > 1 && <Link href={`/?page=${current - 1}`}>Newer events</Link>}
              <span>
                Page {current} of {pageCount}
              </span>
              {current < pageCount && <Link href={`/?page=${current + 1}`}>Older events</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
