// Reads for the event page, the edit forms and the JSON API lists.
import "server-only";
import { getDb } from "../db";
import { EventNotFoundError, NotFoundError } from "../errors";

const sourceName = { select: { id: true, name: true } } as const;

/** Everything the event page shows: the event, its figures with sources, incidents, claims and history. */
export async function getEventDetail(slug: string) {
  const db = getDb();
  const event = await db.event.findUnique({
    where: { slug },
    include: {
      reports: { include: { source: true }, orderBy: [{ metric: "asc" }, { id: "asc" }] },
      incidents: { include: { source: sourceName }, orderBy: [{ startOffsetMinutes: { sort: "asc", nulls: "last" } }, { id: "asc" }] },
      claims: {
        include: { claimant: sourceName, incident: { select: { id: true, kind: true } }, stances: { include: { source: sourceName }, orderBy: { id: "asc" } } },
        orderBy: { id: "asc" },
      },
      moments: { include: { source: sourceName }, orderBy: [{ at: "asc" }, { id: "asc" }] },
    },
  });
  if (!event) return null;
  const revisions = await db.revision.findMany({ where: { eventId: event.id }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 200 });
  return { ...event, revisions };
}
export type EventDetail = NonNullable<Awaited<ReturnType<typeof getEventDetail>>>;

export async function getEventOrThrow(slug: string) {
  const event = await getDb().event.findUnique({ where: { slug } });
  if (!event) throw new EventNotFoundError(slug);
  return event;
}

export async function getSources() {
  return getDb().source.findMany({ orderBy: { name: "asc" } });
}

export async function getSourceOrThrow(id: number) {
  const source = await getDb().source.findUnique({ where: { id } });
  if (!source) throw new NotFoundError(`No source has the id ${id}.`);
  return source;
}

export async function getReportOrThrow(id: number) {
  const report = await getDb().report.findUnique({ where: { id }, include: { event: { select: { slug: true, timeZone: true, title: true, medium: true } } } });
  if (!report) throw new NotFoundError(`No reported figure has the id ${id}.`);
  return report;
}

export async function getIncidentOrThrow(id: number) {
  const incident = await getDb().incident.findUnique({ where: { id }, include: { event: { select: { slug: true, title: true } } } });
  if (!incident) throw new NotFoundError(`No incident has the id ${id}.`);
  return incident;
}

export async function getClaimOrThrow(id: number) {
  const claim = await getDb().claim.findUnique({
    where: { id },
    include: { stances: { orderBy: { id: "asc" } }, event: { select: { slug: true, title: true } } },
  });
  if (!claim) throw new NotFoundError(`No claim has the id ${id}.`);
  return claim;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: number | null;
}

function paged<T extends { id: number }>(rows: T[], limit: number): CursorPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

const after = (cursor: number | null) => (cursor ? { id: { gt: cursor } } : {});

export async function listEvents(limit: number, cursor: number | null) {
  return paged(await getDb().event.findMany({ where: after(cursor), orderBy: { id: "asc" }, take: limit + 1 }), limit);
}

export async function listSources(limit: number, cursor: number | null) {
  return paged(await getDb().source.findMany({ where: after(cursor), orderBy: { id: "asc" }, take: limit + 1 }), limit);
}

export async function listReports(slug: string, limit: number, cursor: number | null) {
  const event = await getEventOrThrow(slug);
  const rows = await getDb().report.findMany({
    where: { eventId: event.id, ...after(cursor) },
    include: { source: sourceName },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return paged(rows, limit);
}

export async function listIncidents(slug: string, limit: number, cursor: number | null) {
  const event = await getEventOrThrow(slug);
  const rows = await getDb().incident.findMany({ where: { eventId: event.id, ...after(cursor) }, orderBy: { id: "asc" }, take: limit + 1 });
  return paged(rows, limit);
}

export async function listClaims(slug: string, limit: number, cursor: number | null) {
  const event = await getEventOrThrow(slug);
  const rows = await getDb().claim.findMany({
    where: { eventId: event.id, ...after(cursor) },
    include: { claimant: sourceName, stances: { include: { source: sourceName }, orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  return paged(rows, limit);
}

export async function getEvent(slug: string) {
  return getDb().event.findUnique({ where: { slug } });
}

export async function getMomentOrThrow(id: number) {
  const moment = await getDb().moment.findUnique({ where: { id }, include: { event: { select: { slug: true, title: true, timeZone: true } } } });
  if (!moment) throw new NotFoundError(`No key moment has the id ${id}.`);
  return moment;
}

export async function getMoments(slug: string) {
  const event = await getEventOrThrow(slug);
  return getDb().moment.findMany({ where: { eventId: event.id }, include: { source: sourceName }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}
