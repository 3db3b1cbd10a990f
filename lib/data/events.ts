// Reads of events for the screens: the overview's cards with their figures, newest first.
import { getDb } from "../db";
import { buildEventFigures, type EventFigures, type ReportedValue } from "../domain/figures";
import { isMetricKey } from "../domain/metrics";
import { isOneOf, QUALIFIERS } from "../domain/options";

export const OVERVIEW_PAGE_SIZE = 12;

export interface EventCard {
  slug: string;
  title: string;
  platform: string;
  hosts: string;
  guests: string;
  scheduledStart: Date | null;
  scheduledPrecision: string;
  timeZone: string;
  status: string;
  figures: EventFigures;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

function toReportedValues(
  rows: { id: number; metric: string; value: number; qualifier: string; source: { name: string } }[],
): ReportedValue[] {
  return rows.flatMap((r) =>
    isMetricKey(r.metric)
      ? [{ id: r.id, metric: r.metric, value: r.value, qualifier: isOneOf(QUALIFIERS, r.qualifier) ? r.qualifier : "exact", sourceName: r.source.name }]
      : [],
  );
}

/** One page of events, newest scheduled first (events with no date last), each with its headline figures. */
export async function getEventCards(page = 1, pageSize = OVERVIEW_PAGE_SIZE): Promise<Page<EventCard>> {
  const db = getDb();
  const total = await db.event.count();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const events = await db.event.findMany({
    // SQLite sorts NULL lowest, so events with no date come last; the scheduledStart index (which ends in the
    // rowid, the id) serves this order without a sort.
    orderBy: [{ scheduledStart: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    include: {
      reports: {
        select: { id: true, metric: true, value: true, qualifier: true, source: { select: { name: true } } },
        orderBy: { id: "asc" },
      },
    },
  });
  return {
    total,
    page: current,
    pageCount,
    items: events.map((e) => ({
      slug: e.slug,
      title: e.title,
      platform: e.platform,
      hosts: e.hosts,
      guests: e.guests,
      scheduledStart: e.scheduledStart,
      scheduledPrecision: e.scheduledPrecision,
      timeZone: e.timeZone,
      status: e.status,
      figures: buildEventFigures({ scheduledStart: e.scheduledStart, actualStart: e.actualStart, reports: toReportedValues(e.reports) }),
    })),
  };
}
