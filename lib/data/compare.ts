// Reads for comparisons: the chosen events with their figures and incidents (the picker searches through event-search.ts).
import "server-only";
import { getDb } from "../db";
import type { ComparableEvent } from "../domain/compare";
import { isMetricKey } from "../domain/metrics";
import { isOneOf, QUALIFIERS, type Qualifier } from "../domain/options";

const qualifier = (q: string): Qualifier => (isOneOf(QUALIFIERS, q) ? q : "exact");

/** The columns an event read must hold to be compared: its reports with their sources, its incidents. */
export interface ComparableRow {
  slug: string;
  title: string;
  platform: string;
  scheduledStart: Date | null;
  actualStart: Date | null;
  endedAt: Date | null;
  medium: string;
  moments?: { label: string; at: Date }[];
  reports: {
    id: number;
    metric: string;
    value: number;
    qualifier: string;
    url: string | null;
    quote: string | null;
    note: string;
    scope: string;
    source: { name: string; homeUrl: string | null };
  }[];
  incidents: { id: number; kind: string; startOffsetMinutes: number | null; durationMinutes: number | null; qualifier: string; description: string; source: { name: string } | null }[];
}

/** An event read (for /compare, or the event page's own read) in the shape the comparison functions take. */
export function toComparableEvent(e: ComparableRow): ComparableEvent {
  return {
    slug: e.slug,
    title: e.title,
    platform: e.platform,
    scheduledStart: e.scheduledStart,
    actualStart: e.actualStart,
    endedAt: e.endedAt,
    medium: e.medium,
    // A moment is drawn where it falls from the scheduled start; without one there is no t = 0 to place it by.
    moments: e.scheduledStart ? (e.moments ?? []).map((m) => ({ label: m.label, offsetMinutes: (m.at.getTime() - e.scheduledStart!.getTime()) / 60_000 })) : [],
    reports: e.reports.flatMap((r) =>
      isMetricKey(r.metric)
        ? [
              {
                id: r.id,
                metric: r.metric,
                value: r.value,
                qualifier: qualifier(r.qualifier),
                sourceName: r.source.name,
                sourceUrl: r.source.homeUrl,
                url: r.url,
                quote: r.quote,
                note: r.note,
                scope: r.scope,
              },
            ]
        : [],
    ),
    incidents: e.incidents.map((i) => ({
      id: i.id,
      kind: i.kind,
      startOffsetMinutes: i.startOffsetMinutes,
      durationMinutes: i.durationMinutes,
      qualifier: qualifier(i.qualifier),
      description: i.description,
      sourceName: i.source?.name ?? null,
    })),
  };
}

/** The events of `slugs` in that order, and the slugs no event has. */
export async function getComparableEvents(slugs: string[]): Promise<{ events: ComparableEvent[]; unknown: string[] }> {
  if (slugs.length === 0) return { events: [], unknown: [] };
  const rows = await getDb().event.findMany({
    where: { slug: { in: slugs } },
    include: {
      reports: { include: { source: { select: { name: true, homeUrl: true } } }, orderBy: [{ metric: "asc" }, { id: "asc" }] },
      incidents: { include: { source: { select: { name: true } } }, orderBy: { id: "asc" } },
      moments: { select: { label: true, at: true }, orderBy: { at: "asc" } },
    },
  });
  const bySlug = new Map(rows.map((e) => [e.slug, e]));
  const events = slugs.flatMap((slug) => (bySlug.has(slug) ? [toComparableEvent(bySlug.get(slug)!)] : []));
  return { events, unknown: slugs.filter((s) => !bySlug.has(s)) };
}
