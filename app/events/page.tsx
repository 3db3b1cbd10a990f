import type { Metadata } from "next";
import Link from "next/link";
import { searchEvents } from "@/lib/data/event-search";
import { formatScheduled } from "@/lib/domain/format";
import { describeMatches, MAX_SEARCH_CHARS, MAX_SEARCH_WORDS } from "@/lib/domain/search";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Events" };

type Search = { page?: string | string[]; deleted?: string; q?: string | string[] };
const PAGE_SIZE = 50;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function EventsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const {
    items,
    total,
    page: current,
    pageCount,
    query,
    clipped,
  } = await searchEvents({ q: first(search.q), page: Number(first(search.page) ?? 1), pageSize: PAGE_SIZE });
  const searching = query !== "";
  const pageHref = (page: number) => `/events?${new URLSearchParams({ ...(searching ? { q: query } : {}), page: String(page) })}`;
  const matches = describeMatches(total, query);
  return (
    <>
      <div className="page-head">
        <h1>Events</h1>
        <Link className="button primary" href="/events/new">
          New event
        </Link>
      </div>
      {search.deleted && (
        <p className="form-success" role="status">
          The event was deleted, with its figures, incidents and claims.
        </p>
      )}
      {/* A GET form: the search is in the address, works without JavaScript, and can be shared. */}
      <form className="field search-form" role="search" method="get" action="/events">
        <label htmlFor="event-search">Search events</label>
        <div className="search-row">
          <input id="event-search" type="search" name="q" defaultValue={query} maxLength={MAX_SEARCH_CHARS} aria-describedby="event-search-hint" />
          <button type="submit" className="button">
            Search
          </button>
        </div>
        <p className="hint" id="event-search-hint">
          Every word is looked for in the title, address, platform, hosts and guests; a year such as 2024 finds the events of that year.
        </p>
      </form>
      {searching && total > 0 && (
        <p className="count">
          {matches}
          {pageCount > 1 && `; ${(current - 1) * PAGE_SIZE + 1}–${(current - 1) * PAGE_SIZE + items.length} shown`} ·{" "}
          <Link href="/events">Clear the search</Link>
        </p>
      )}
      {clipped && (
        <p className="notice">
          Only the first {MAX_SEARCH_WORDS} different words (and {MAX_SEARCH_CHARS} characters) of a search are looked for.
        </p>
      )}
      {items.length === 0 ? (
        searching ? (
          <div className="empty">
            <p>{matches}.</p>
            <p>
              Check the spelling, or try fewer words. <Link href="/events">Clear the search</Link> to see every event.
            </p>
          </div>
        ) : (
          <div className="empty">
            <p>No events on record yet.</p>
            <p>
              <Link href="/events/new">Record the first one</Link>.
            </p>
          </div>
        )
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{searching ? `${matches}, newest first` : `${total} events, newest first`}</caption>
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
        <nav className="pagination" aria-label={searching ? "Pages of matching events" : "Pages of events"}>
          {current > 1 && <Link href={pageHref(current - 1)}>Newer</Link>}
          <span>
            Page {current} of {pageCount}
          </span>
          {current < pageCount && <Link href={pageHref(current + 1)}>Older</Link>}
        </nav>
      )}
    </>
  );
}
