// Reads an import (the JSON export or the CSV export) into one shape, checked with the forms' own schemas.
// Every error names where it is (a JSON path or a CSV row), the field and the reason.
import { z } from "zod";
import { isMetricKey, METRICS } from "../domain/metrics";
import { CsvParseError, parseCsvRecords } from "../export/csv";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportClaim, type ExportIncident, type ExportReport, type ExportSource } from "../export/model";
import { ClaimInput, StanceInput } from "../validation/claim";
import { EventInput } from "../validation/event";
import { type FieldErrors, isWellFormed, toFieldErrors } from "../validation/fields";
import { IncidentInput } from "../validation/incident";
import { ReportInput } from "../validation/report";
import { SourceInput } from "../validation/source";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportEvent {
  fields: EventInput & { slug: string };
  /** The file carries only these of the event's fields (CSV); the others of an existing event are left alone. */
  only?: readonly string[];
  reports: (ReportInput & { source: string })[];
  incidents: (IncidentInput & { source: string | null })[];
  claims: (ClaimInput & { claimant: string; incident: string | null; stanceSources: string[] })[];
}

export interface ImportDocument {
  events: ImportEvent[];
  /** `partial`: the file names the source and its home page only (CSV), so its kind and leaning are left alone. */
  sources: (SourceInput & { partial?: boolean })[];
}

export type ParseResult = { ok: true; doc: ImportDocument } | { ok: false; errors: FieldErrors };

class Collector {
  errors: FieldErrors = {};
  add(where: string, message: string) {
    (this.errors[where] ??= []).push(message);
  }
  /** Parses with a schema; each issue is filed under `where.field`. */
  check<S extends z.ZodType>(schema: S, value: unknown, where: string, rename: Record<string, string> = {}): z.infer<S> | null {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const [field, messages] of Object.entries(toFieldErrors(result.error))) {
      for (const m of messages) this.add(`${where}.${rename[field] ?? field}`, m);
    }
    return null;
  }
  get ok() {
    return Object.keys(this.errors).length === 0;
  }
}

const EVENT_FIELDS = Object.keys(EventInput.shape);
const QUOTE_FIELDS = ["quote", "quoteLang", "quoteEnglish", "reportedOn"];
const pick = (o: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** The checks shared by both formats, on events already in the export's shape. */
function checkEvents(raw: { event: Record<string, unknown>; reports: ExportReport[]; incidents: ExportIncident[]; claims: ExportClaim[]; where: string; rowOf?: (i: number) => string }[], sources: ExportSource[], c: Collector): ImportDocument {
  const events: ImportEvent[] = [];
  const slugs = new Map<string, string>();
  for (const { event, reports, incidents, claims, where, rowOf } of raw) {
    const fields = c.check(EventInput, pick(event, EVENT_FIELDS), where);
    if (typeof event.slug !== "string" || event.slug === "") c.add(`${where}.slug`, "Each event needs its slug, by which it is matched.");
    else if (slugs.has(event.slug)) c.add(`${where}.slug`, `The slug "${event.slug}" is also used at ${slugs.get(event.slug)}.`);
    else slugs.set(event.slug, where);
    const figureKeys = new Map<string, string>();
    const checkedReports = reports.flatMap((r, i) => {
      const at = rowOf ? rowOf(i) : `${where}.reports[${i}]`;
      const report = c.check(ReportInput, { ...pick(r as unknown as Record<string, unknown>, ["metric", "value", "qualifier", ...QUOTE_FIELDS, "url", "note"]), newSourceName: r.source }, at, { newSourceName: "source", sourceId: "source" });
      if (typeof r.metric === "string" && isMetricKey(r.metric) && r.unit && r.unit !== METRICS[r.metric].unit) {
        c.add(`${at}.unit`, `The unit of ${r.metric} is ${METRICS[r.metric].unit}, not ${show(r.unit)}.`);
      }
      const key = JSON.stringify([r.metric, r.source]);
      if (figureKeys.has(key)) c.add(at, `The same figure (${show(r.metric)} from ${show(r.source)}) is also at ${figureKeys.get(key)}; a source reports one value per figure.`);
      figureKeys.set(key, at);
      return report ? [{ ...report, source: r.source }] : [];
    });
    const checkedIncidents = incidents.flatMap((inc, i) => {
      const at = `${where}.incidents[${i}]`;
      const incident = c.check(IncidentInput, pick(inc as unknown as Record<string, unknown>, ["kind", "startOffsetMinutes", "durationMinutes", "qualifier", "description", ...QUOTE_FIELDS]), at);
      if (inc.source !== null && inc.source !== undefined && typeof inc.source !== "string") c.add(`${at}.source`, "Source must be the name of a source, or null.");
      return incident ? [{ ...incident, source: inc.source ?? null }] : [];
    });
    const checkedClaims = claims.flatMap((cl, i) => {
      const at = `${where}.claims[${i}]`;
      const claim = c.check(ClaimInput, { ...pick(cl as unknown as Record<string, unknown>, ["statement", ...QUOTE_FIELDS, "status", "url"]), newClaimantName: cl.claimant, stances: [] }, at, { newClaimantName: "claimant", claimantId: "claimant" });
      const stances = (Array.isArray(cl.stances) ? cl.stances : []).flatMap((s, j) => {
        const sat = `${at}.stances[${j}]`;
        if (typeof s?.source !== "string" || !s.source.trim() || !isWellFormed(s.source)) c.add(`${sat}.source`, "Each stance names its source.");
        // The schema checks the stance by id; the source is matched by name instead, so any id stands in.
        const given = typeof s === "object" && s !== null ? pick(s as unknown as Record<string, unknown>, [...QUOTE_FIELDS, "url"]) : {};
        const stance = c.check(StanceInput, { ...given, sourceId: 1, stance: s?.stance }, sat);
        return stance && typeof s.source === "string" && s.source.trim() && isWellFormed(s.source) ? [{ ...stance, source: s.source }] : [];
      });
      if (cl.incident !== null && cl.incident !== undefined && typeof cl.incident !== "string") {
        c.add(`${at}.incident`, "Incident must be the description of one of this event's incidents, or null.");
      } else if (typeof cl.incident === "string" && !incidents.some((inc) => inc.description === cl.incident)) {
        c.add(`${at}.incident`, `No incident of this event has the description "${cl.incident}".`);
      }
      return claim ? [{ ...claim, stances: stances.map(({ source: _s, ...rest }) => ({ ...rest, sourceId: 1 })), stanceSources: stances.map((s) => s.source), claimant: cl.claimant, incident: cl.incident ?? null }] : [];
    });
    if (fields && typeof event.slug === "string") {
      events.push({ fields: { ...fields, slug: event.slug }, reports: checkedReports, incidents: checkedIncidents, claims: checkedClaims });
    }
  }
  const checkedSources = sources.flatMap((s, i) => {
    const source = c.check(SourceInput, pick(s as unknown as Record<string, unknown>, ["name", "kind", "leaning", "homeUrl"]), `sources[${i}]`);
    return source ? [source] : [];
  });
  return { events, sources: checkedSources };
}

/** A value from the file, for a message: text as it is, anything else as JSON (an object's own toString may be anything). */
function show(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

const ARRAY = (v: unknown) => (Array.isArray(v) ? v : []);

export function parseImportJson(text: string): ParseResult {
  const c = new Collector();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: { file: [`The file is not valid JSON: ${(error as Error).message}`] } };
  }
  const doc = data as Record<string, unknown>;
  if (typeof doc !== "object" || doc === null || doc.format !== EXPORT_FORMAT) {
    return { ok: false, errors: { format: [`This is not a Dead Air export: "format" must be "${EXPORT_FORMAT}".`] } };
  }
  if (doc.version !== EXPORT_VERSION) {
    return { ok: false, errors: { version: [`Version ${show(doc.version)} cannot be read; this Dead Air reads version ${EXPORT_VERSION}.`] } };
  }
  if (!Array.isArray(doc.events)) return { ok: false, errors: { events: ['"events" must be a list.'] } };
  const raw = doc.events.map((e, i) => {
    const event = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
    return { event, reports: ARRAY(event.reports) as ExportReport[], incidents: ARRAY(event.incidents) as ExportIncident[], claims: ARRAY(event.claims) as ExportClaim[], where: `events[${i}]` };
  });
  const result = checkEvents(raw, ARRAY(doc.sources) as ExportSource[], c);
  return c.ok ? { ok: true, doc: result } : { ok: false, errors: c.errors };
}

const EVENT_COLUMNS: Record<string, string> = {
  event_title: "title",
  event_platform: "platform",
  event_time_zone: "timeZone",
  event_scheduled_start: "scheduledStart",
  event_scheduled_precision: "scheduledPrecision",
  event_actual_start: "actualStart",
  event_ended_at: "endedAt",
  event_status: "status",
};
const REQUIRED_COLUMNS = ["event_slug", "event_title", "metric", "value", "unit", "qualifier", "source", "derived"];

export function parseImportCsv(text: string): ParseResult {
  let records: ReturnType<typeof parseCsvRecords>;
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    // The message says where: a physical line for a broken quote, a row for a wrong number of fields.
    if (error instanceof CsvParseError) return { ok: false, errors: { file: [error.message] } };
    throw error;
  }
  const missing = REQUIRED_COLUMNS.filter((col) => !records.header.includes(col));
  if (missing.length) return { ok: false, errors: { header: [`The header lacks the column(s) ${missing.join(", ")}.`] } };
  const c = new Collector();
  const bySlug = new Map<string, { event: Record<string, unknown>; reports: ExportReport[]; lines: number[] }>();
  const sources = new Map<string, ExportSource>();
  for (const { line, values: v } of records.rows) {
    if (v.derived === "yes") continue; // derived figures are computed again, never imported
    let group = bySlug.get(v.event_slug);
    if (!group) {
      const event: Record<string, unknown> = { slug: v.event_slug };
      for (const [col, field] of Object.entries(EVENT_COLUMNS)) if (v[col] !== undefined && v[col] !== "") event[field] = v[col];
      event.timeZone ??= "UTC";
      group = { event, reports: [], lines: [] };
      bySlug.set(v.event_slug, group);
    }
    group.reports.push({
      metric: v.metric,
      value: v.value as unknown as number,
      unit: v.unit,
      qualifier: v.qualifier,
      source: v.source,
      quote: v.quote || null,
      quoteLang: v.quote_lang || null,
      quoteEnglish: v.quote_english || null,
      url: v.report_url || null,
      reportedOn: v.reported_on || null,
      note: v.note ?? "",
    });
    group.lines.push(line);
    if (v.source && !sources.has(v.source)) sources.set(v.source, { name: v.source, kind: "other", leaning: null, homeUrl: v.source_url || null });
  }
  const raw = [...bySlug.values()].map((g) => ({ event: g.event, reports: g.reports, incidents: [], claims: [], where: `row ${g.lines[0]}`, rowOf: (i: number) => `row ${g.lines[i]}` }));
  const result = checkEvents(raw, [...sources.values()], c);
  if (!c.ok) return { ok: false, errors: c.errors };
  // A CSV carries some of an event's fields and names a source's kind nowhere: what it lacks is left as it is.
  const only = Object.values(EVENT_COLUMNS);
  return {
    ok: true,
    doc: { events: result.events.map((e) => ({ ...e, only })), sources: result.sources.map((s) => ({ ...s, partial: true })) },
  };
}
