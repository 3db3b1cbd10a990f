// Reads of events for the screens: the overview's cards with their figures, newest first.
import "server-only";
import { getDb } from "../db";
import type { ComparableEvent } from "../domain/compare";
import { getComparableEvents } from "./compare";

export const OVERVIEW_PAGE_SIZE = 12;

export interface EventSummary {
  slug: string;
  title: string;
  platform: string;
  medium: string;
  hosts: string;
  guests: string;
  scheduledStart: Date | null;
  actualStart: Date | null;
  scheduledPrecision: string;
  timeZone: string;
  status: string;
}

/** The columns of an EventSummary, for a Prisma select. */
export const EVENT_SUMMARY = {
  slug: true,
  title: true,
  platform: true,
  medium: true,
  hosts: true,
  guests: true,
  scheduledStart: true,
  actualStart: true,
  scheduledPrecision: true,
  timeZone: true,
  status: true,
} as const satisfies Record<keyof EventSummary, true>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of events, newest scheduled first (events with no date last). */
export async function getEventPage(page = 1, pageSize = OVERVIEW_PAGE_SIZE): Promise<Page<EventSummary>> {
  const db = getDb();
  const total = await db.event.count();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const items = await db.event.findMany({
    select: EVENT_SUMMARY,
    // Events with no date come last: SQLite sorts NULL lowest anyway, PostgreSQL highest, hence "nulls: last". On
    // SQLite the scheduledStart index (which ends in the rowid, the id) still serves this order without a sort.
    orderBy: [{ scheduledStart: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
  });
  return { total, page: current, pageCount, items };
}

/** The overview: a page of events, and the same events with their figures and incidents, read once. */
export async function getOverview(page = 1): Promise<Page<EventSummary> & { comparable: ComparableEvent[] }> {
  const listing = await getEventPage(page);
  const { events } = await getComparableEvents(listing.items.map((e) => e.slug));
  return { ...listing, comparable: events };
}
