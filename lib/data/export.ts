// Reads for exports: events in the export's own model, a few by slug or all of them in batches.
import "server-only";
import { getDb, onPostgres } from "../db";
import { databaseUrl, openDatabase } from "../sqlite";
import { clientSql } from "./sql";
import type { Prisma } from "../generated/prisma/client";
import { deriveFigures, type ExportEvent, type ExportQuote, type ExportSource } from "../export/model";

const include = {
  reports: { include: { source: { select: { name: true } } }, orderBy: [{ metric: "asc" as const }, { id: "asc" as const }] },
  incidents: { include: { source: { select: { name: true } } }, orderBy: { id: "asc" } },
  claims: {
    include: {
      claimant: { select: { name: true } },
      incident: { select: { description: true } },
      stances: { include: { source: { select: { name: true } } }, orderBy: { id: "asc" } },
    },
    orderBy: { id: "asc" },
  },
  moments: { include: { source: { select: { name: true } } }, orderBy: [{ at: "asc" as const }, { id: "asc" as const }] },
} satisfies Prisma.EventInclude;

type Row = Awaited<ReturnType<typeof findEvents>>[number];

function findEvents(where: object, take?: number) {
  return getDb().event.findMany({ where, include, orderBy: { id: "asc" }, take });
}

/** An instant as the export writes it, from a Date (the ORM) or from SQLite's stored text (raw reads). */
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A date reported as the export writes it: the day alone. */
const day = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString().slice(0, 10));

/** The quote fields of a report, incident, claim or stance in the export's shape. */
function quoteFields(r: { quote: string | null; quoteLang: string | null; quoteEnglish: string | null; reportedOn: Date | null }): ExportQuote {
  return { quote: r.quote, quoteLang: r.quoteLang, quoteEnglish: r.quoteEnglish, reportedOn: day(r.reportedOn) };
}

type EventColumns = Pick<ExportEvent, "slug" | "title" | "platform" | "medium" | "hosts" | "guests" | "scheduledPrecision" | "timeZone" | "status" | "notes"> &
  Record<"scheduledStart" | "actualStart" | "endedAt", Date | string | null>;

/** The event's own fields in the export's shape. */
function eventFields(e: EventColumns) {
  return {
    slug: e.slug,
    title: e.title,
    platform: e.platform,
    medium: e.medium,
    hosts: e.hosts,
    guests: e.guests,
    scheduledStart: iso(e.scheduledStart),
    scheduledPrecision: e.scheduledPrecision,
    timeZone: e.timeZone,
    actualStart: iso(e.actualStart),
    endedAt: iso(e.endedAt),
    status: e.status,
    notes: e.notes,
  };
}

function toExport(e: Row): ExportEvent {
  const reports = e.reports.map((r) => ({
    id: r.key,
    metric: r.metric,
    value: r.value,
    unit: r.unit,
    qualifier: r.qualifier,
    source: r.source.name,
    ...quoteFields(r),
    url: r.url,
    note: r.note,
    scope: r.scope,
  }));
  const event = {
    ...eventFields(e),
    reports,
    incidents: e.incidents.map((i) => ({
      id: i.key,
      kind: i.kind,
      startOffsetMinutes: i.startOffsetMinutes,
      durationMinutes: i.durationMinutes,
      qualifier: i.qualifier,
      description: i.description,
      source: i.source?.name ?? null,
      url: i.url,
      ...quoteFields(i),
    })),
    claims: e.claims.map((c) => ({
      id: c.key,
      statement: c.statement,
      ...quoteFields(c),
      claimant: c.claimant.name,
      status: c.status,
      url: c.url,
      incident: c.incident?.description ?? null,
      stances: c.stances.map((s) => ({ source: s.source.name, stance: s.stance, ...quoteFields(s), url: s.url })),
    })),
    moments: e.moments.map((m) => ({ id: m.key, label: m.label, at: m.at.toISOString(), source: m.source?.name ?? null, url: m.url, note: m.note })),
  };
  return { ...event, derived: deriveFigures(event) };
}

/** The events of `slugs`, in that order, and the slugs no event has. */
export async function getExportEvents(slugs: string[]): Promise<{ events: ExportEvent[]; unknown: string[] }> {
  const rows = await findEvents({ slug: { in: slugs } });
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return {
    events: slugs.flatMap((s) => (bySlug.has(s) ? [toExport(bySlug.get(s)!)] : [])),
    unknown: slugs.filter((s) => !bySlug.has(s)),
  };
}

/** Every event, a batch at a time, so that an export of the whole database never holds it all in memory. */
export async function* iterateExportEvents(batchSize = 250): AsyncGenerator<ExportEvent> {
  let after = 0;
  for (;;) {
    const rows = await findEvents({ id: { gt: after } }, batchSize);
    if (rows.length === 0) return;
    for (const row of rows) yield toExport(row);
    after = rows[rows.length - 1].id;
  }
}

/** The sources named by these events (reports, incidents, claimants, stances), sorted by name. */
export async function getExportSources(events: ExportEvent[] | "all"): Promise<ExportSource[]> {
  const select = { name: true, kind: true, leaning: true, homeUrl: true } as const;
  if (events === "all") return getDb().source.findMany({ select, orderBy: { name: "asc" } });
  const names = new Set<string>();
  for (const e of events) {
    e.reports.forEach((r) => names.add(r.source));
    e.incidents.forEach((i) => i.source && names.add(i.source));
    e.moments.forEach((m) => m.source && names.add(m.source));
    e.claims.forEach((c) => {
      names.add(c.claimant);
      c.stances.forEach((s) => names.add(s.source));
    });
  }
  return getDb().source.findMany({ select, where: { name: { in: [...names] } }, orderBy: { name: "asc" } });
}

/** An event as a raw read returns it: instants as SQLite's stored text, or PostgreSQL's Dates. */
type EventRow = EventColumns & { id: number };

/** A report as an array (better-sqlite3's raw mode, twice as fast as rows as objects): the SELECT's order. */
type ReportRow = [
  eventId: number,
  key: string,
  metric: string,
  value: number,
  unit: string,
  qualifier: string,
  sourceId: number,
  quote: string | null,
  quoteLang: string | null,
  quoteEnglish: string | null,
  url: string | null,
  reportedOn: string | Date | null,
  note: string,
  scope: string,
];

/** A report row in the export's shape, with its source named. */
function exportReport(row: ReportRow, sourceNames: Map<number, string>): ExportEvent["reports"][number] {
  const [, key, metric, value, unit, qualifier, sourceId, quote, quoteLang, quoteEnglish, url, reportedOn, note, scope] = row;
  return {
    id: key,
    metric,
    value: Number(value),
    unit,
    qualifier,
    source: sourceNames.get(sourceId) ?? "",
    quote,
    quoteLang,
    quoteEnglish,
    reportedOn: day(reportedOn),
    url,
    note,
    scope,
  };
}

/** An event and its reports in the export's shape: the CSV carries no incidents, claims or moments. */
function withFigures(e: EventColumns, reports: ExportEvent["reports"]): ExportEvent {
  const event = { ...eventFields(e), reports, incidents: [], claims: [], moments: [] };
  return { ...event, derived: deriveFigures(event) };
}

const EVENT_COLUMNS = `"id", "slug", "title", "platform", "medium", "hosts", "guests", "scheduledStart", "scheduledPrecision", "timeZone", "actualStart", "endedAt", "status", "notes"`;
const REPORT_COLUMNS = `"eventId", "key", "metric", "value", "unit", "qualifier", "sourceId", "quote", "quoteLang", "quoteEnglish", "url", "reportedOn", "note", "scope"`;


/**
 * Every event with its reported figures (what the CSV export carries), read through two cursors in event order
 * on a read-only connection of its own: the whole database goes out in constant memory, far faster than through
 * the ORM. On PostgreSQL, a batch of events at a time with their reports (the client has no cursor).
 */
export async function* iterateEventsWithFigures(): AsyncGenerator<ExportEvent> {
  if (onPostgres()) {
    yield* iterateEventsWithFiguresInBatches();
    return;
  }
  const db = openDatabase(databaseUrl(), { readonly: true });
  // One pass over every table: a page cache would only fill up (better-sqlite3's default lets it grow to 16 MB).
  db.pragma("cache_size = -500");
  try {
    const sourceNames = new Map((db.prepare("SELECT id, name FROM Source").all() as { id: number; name: string }[]).map((s) => [s.id, s.name]));
    const events = db.prepare(`SELECT ${EVENT_COLUMNS} FROM "Event" ORDER BY "id"`).iterate() as IterableIterator<EventRow>;
    // The (eventId, metric) index gives the reports in this order without a sort.
    const reports = db
      .prepare(`SELECT ${REPORT_COLUMNS} FROM "Report" ORDER BY "eventId", "metric", "id"`)
      .raw()
      .iterate() as IterableIterator<ReportRow>;
    let report = reports.next();
    for (const e of events) {
      // Reports of events that no longer exist cannot be (foreign keys), so skipping behind is only defensive.
      while (!report.done && report.value[0] < e.id) report = reports.next();
      const own: ExportEvent["reports"] = [];
      while (!report.done && report.value[0] === e.id) {
        own.push(exportReport(report.value, sourceNames));
        report = reports.next();
      }
      yield withFigures(e, own);
    }
  } finally {
    db.close();
  }
}

/** The same in batches of `batchSize` events, each read with its reports: memory stays that of one batch. */
async function* iterateEventsWithFiguresInBatches(batchSize = 500): AsyncGenerator<ExportEvent> {
  const sql = clientSql();
  const sourceNames = new Map((await sql.all<{ id: number; name: string }>(`SELECT "id", "name" FROM "Source"`)).map((s) => [s.id, s.name]));
  let after = 0;
  for (;;) {
    const events = await sql.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM "Event" WHERE "id" > ? ORDER BY "id" LIMIT ?`, after, batchSize);
    if (events.length === 0) return;
    const last = events[events.length - 1].id;
    const reports = await sql.tuples<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM "Report" WHERE "eventId" > ? AND "eventId" <= ? ORDER BY "eventId", "metric", "id"`,
      after,
      last,
    );
    const byEvent = new Map<number, ExportEvent["reports"]>();
    for (const r of reports) {
      const own = byEvent.get(r[0]) ?? [];
      if (own.length === 0) byEvent.set(r[0], own);
      own.push(exportReport(r, sourceNames));
    }
    for (const e of events) yield withFigures(e, byEvent.get(e.id) ?? []);
    after = last;
  }
}
