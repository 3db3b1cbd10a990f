import type { Metadata } from "next";
import Link from "next/link";
import { getEventPage } from "@/lib/data/events";
import { formatScheduled } from "@/lib/domain/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ page?: string; deleted?: string }> }) {
  const { page, deleted } = await searchParams;
  const { items, total, page: current, pageCount } = await getEventPage(Number(page ?? 1), 50);
  return (
    <>
      <div className="page-head">
        <h1>Events</h1>
        <Link className="button primary" href="/events/new">
          New event
        </Link>
      </div>
      {deleted && (
        <p className="form-success" role="status">
          The event was deleted, with its figures, incidents and claims.
        </p>
      )}
      {items.length === 0 ? (
        <div className="empty">
          <p>No events on record yet.</p>
          <p>
            <Link href="/events/new">Record the first one</Link>.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{total} events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Platform</th>
                <th scope="col">Scheduled</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.slug}>
                  <th scope="row">
                    <Link href={`/events/${e.slug}`}>{e.title}</Link>
                  </th>
                  <td>{e.platform}</td>
                  <td>{formatScheduled(e.scheduledStart, e.scheduledPrecision, e.timeZone)}</td>
                  <td>{e.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 && (
        <nav className="pagination" aria-label="Pages of events">
          {current > 1 && <Link href={`/events?page=${current - 1}`}>Newer</Link>}
          <span>
            Page {current} of {pageCount}
          </span>
          {current < pageCount && <Link href={`/events?page=${current + 1}`}>Older</Link>}
        </nav>
      )}
    </>
  );
}
