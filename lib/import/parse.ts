// Reads an import (the JSON export or the CSV export) into one shape, checked with the forms' own schemas: what is
// stored is what the schemas gave back (trimmed), never the file's own text. Every error names where it is (a JSON
// path, or a CSV row and column), the field and the reason; past 100 of them the rest are not looked for.
import { z } from "zod";
import { isMetricKey, METRICS, UNIT_LABELS, unitOf } from "../domain/metrics";
import { CsvParseError, parseCsvRecords } from "../export/csv";
import { parseJson } from "../export/json";
import { EXPORT_FORMAT, EXPORT_VERSION, READABLE_VERSIONS } from "../export/model";
import { ClaimInput, StanceInput } from "../validation/claim";
import { EventInput, slugField } from "../validation/event";
import { clip, type FieldErrors, plainText, toFieldErrors } from "../validation/fields";
import { INCIDENT_DESCRIPTION_MAX, IncidentInput } from "../validation/incident";
import { MomentInput } from "../validation/moment";
import { GLOBAL_SCOPE, ReportInput } from "../validation/report";
import { optionalSourceName, SourceInput, sourceName } from "../validation/source";

const MB = 1024 * 1024;

/**
 * The largest import (DEADAIR_IMPORT_MAX_MB, default 5; from 1 to 200): a file is read whole and applied in one
 * transaction, which holds the writer the while (about a second for every 5 MB).
 */
export function importMaxBytes(env: Record<string, string | undefined> = process.env): number {
  const mb = Number(env.DEADAIR_IMPORT_MAX_MB);
  return (Number.isFinite(mb) && mb >= 1 && mb <= 200 ? mb : 5) * MB;
}

export interface ImportEvent {
  fields: EventInput & { slug: string };
  /** The file carries only these of the event's fields (CSV); the others of an existing event are left alone. */
  only?: readonly string[];
  reports: (ReportInput & { source: string; key: string | null })[];
  incidents: (IncidentInput & { source: string | null; key: string | null })[];
  claims: (ClaimInput & { claimant: string; incident: string | null; stanceSources: string[]; key: string | null })[];
  moments: (MomentInput & { source: string | null; key: string | null })[];
}

export interface ImportDocument {
  events: ImportEvent[];
  /** `partial`: the file names the source and its home page only (CSV), so its kind and leaning are left alone. */
  sources: (SourceInput & { partial?: boolean })[];
}

export type ParseResult = { ok: true; doc: ImportDocument } | { ok: false; errors: FieldErrors };

/** The messages a refusal lists: enough to correct a file by, and a bound on the work a file of errors costs. */
const MAX_MESSAGES = 100;

class Collector {
  errors: FieldErrors = {};
  private count = 0;
  /** Past MAX_MESSAGES messages, no more are looked for: the loops below stop. */
  get full() {
    return this.count >= MAX_MESSAGES;
  }
  add(where: string, message: string) {
    if (this.full) return;
    const messages = (this.errors[where] ??= []);
    if (messages.includes(message)) return;
    messages.push(message);
    if (++this.count === MAX_MESSAGES)
      this.errors.file = [`The file has more than ${MAX_MESSAGES} problems; these are the first. Correct them, then import it again.`];
  }
  /** Parses with a schema; each issue is filed under `where.field` (a field renamed as `rename` says). */
  check<S extends z.ZodType>(schema: S, value: unknown, where: string, rename: Record<string, string> = {}): z.infer<S> | null {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const [field, messages] of Object.entries(toFieldErrors(result.error))) {
      for (const m of messages) this.add(`${where}.${rename[field] ?? field}`, m);
    }
    return null;
  }
  /** Parses one value with a schema; its issues are filed under `where` itself. */
  checkValue<S extends z.ZodType>(schema: S, value: unknown, where: string): { value: z.infer<S> } | null {
    const result = schema.safeParse(value);
    if (result.success) return { value: result.data };
    for (const issue of result.error.issues) this.add(where, issue.message);
    return null;
  }
  get ok() {
    return this.count === 0;
  }
}

type Rec = Record<string, unknown>;

const EVENT_FIELDS = Object.keys(EventInput.shape);
const QUOTE_FIELDS = ["quote", "quoteLang", "quoteEnglish", "reportedOn"];
const REPORT_FIELDS = ["metric", "value", "qualifier", ...QUOTE_FIELDS, "url", "note", "scope"];
const INCIDENT_FIELDS = ["kind", "startOffsetMinutes", "durationMinutes", "qualifier", "description", "url", ...QUOTE_FIELDS];
const MOMENT_FIELDS = ["label", "at", "url", "note"];
const CLAIM_FIELDS = ["statement", ...QUOTE_FIELDS, "status", "url"];
const STANCE_FIELDS = [...QUOTE_FIELDS, "url"];
const SOURCE_FIELDS = ["name", "kind", "leaning", "homeUrl"];
/** A claim's stances, as many as the claim schema takes. */
const MAX_STANCES = 50;

const pick = (o: Rec, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
/** A record of the file; anything that is not an object is read as one without fields, whose absence is then named. */
const asRecord = (v: unknown): Rec => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const ARRAY = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The names the file uses and the schemas check, each with its schema's cap. */
const SOURCE_NAME = sourceName("Source");
const OPTIONAL_SOURCE_NAME = optionalSourceName("Source");
const INCIDENT_REFERENCE = plainText("Incident", INCIDENT_DESCRIPTION_MAX);
const DESCRIPTION = IncidentInput.shape.description;
/** A record's id in an export (a UUID as Dead Air writes them, or any such token another tool gives). */
const RECORD_ID = z
  .string({ error: "Id must be text, such as 6f1c2d3e-…, or null." })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/, { error: "Id must be 8 to 64 letters, digits, hyphens or underscores." })
  .nullable()
  .optional();

/** A record's id from the file, checked (an error filed under `where`); null when it has none. */
function recordId(value: unknown, where: string, seen: Map<string, string>, c: Collector): string | null {
  if (value === undefined || value === null || value === "") return null;
  const checked = c.checkValue(RECORD_ID, value, where);
  const id = checked?.value ?? null;
  if (id && seen.has(id)) c.add(where, `The id "${id}" is also used at ${seen.get(id)}; each record has its own.`);
  if (id) seen.set(id, where);
  return id;
}

/** One event of the file, in the export's shape, with where it is and how its fields are named there. */
interface RawEvent {
  event: Rec;
  reports: unknown[];
  incidents: unknown[];
  claims: unknown[];
  moments: unknown[];
  where: string;
  /** Where each figure is (a CSV row), when not under `where`. */
  rowOf?: (i: number) => string;
  /** The names a CSV gives the event's and the figures' fields. */
  rename?: { event: Record<string, string>; report: Record<string, string> };
}

interface RawSource {
  source: unknown;
  where: string;
  rename?: Record<string, string>;
}

/** The checks shared by both formats, on events already in the export's shape. */
function checkEvents(raw: Iterable<RawEvent>, sources: Iterable<RawSource>, c: Collector): ImportDocument {
  const events: ImportEvent[] = [];
  const slugs = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { event, reports, incidents, claims, moments, where, rowOf, rename } of raw) {
    if (c.full) break;
    const fields = c.check(EventInput, pick(event, EVENT_FIELDS), where, rename?.event);
    // The slug as the schema reads it (trimmed); its own errors are already filed above.
    const slugAt = `${where}.${rename?.event.slug ?? "slug"}`;
    const parsedSlug = slugField.safeParse(event.slug);
    const slug = parsedSlug.success ? parsedSlug.data : undefined;
    if (parsedSlug.success && !slug) c.add(slugAt, "Each event needs its slug, by which it is matched.");
    else if (slug && slugs.has(slug)) c.add(slugAt, `The slug "${slug}" is also used at ${slugs.get(slug)}.`);
    else if (slug) slugs.set(slug, where);

    const figureKeys = new Map<string, string>();
    const checkedReports: ImportEvent["reports"] = [];
    for (const [i, item] of reports.entries()) {
      if (c.full) break;
      const r = asRecord(item);
      const at = rowOf ? rowOf(i) : `${where}.reports[${i}]`;
      const report = c.check(ReportInput, { ...pick(r, REPORT_FIELDS), newSourceName: r.source }, at, {
        newSourceName: "source",
        sourceId: "source",
        ...rename?.report,
      });
      const key = recordId(r.id, `${at}.${rename?.report.key ?? "id"}`, ids, c);
      const metric = report?.metric ?? (typeof r.metric === "string" && isMetricKey(r.metric) ? r.metric : null);
      const medium = fields?.medium ?? (event.medium === "video" ? "video" : "audio");
      if (metric && r.unit && r.unit !== unitOf(metric, medium))
        c.add(
          `${at}.unit`,
          `The unit of ${METRICS[metric].label} for ${medium === "video" ? "a video" : "an audio"} event is ${UNIT_LABELS[unitOf(metric, medium)]} ("${unitOf(metric, medium)}"), not ${show(r.unit)}.`,
        );
      if (!report?.newSourceName) continue;
      // One source may give one metric several values that differ in the day reported or the scope; the same four twice
      // is one figure entered twice.
      const twin = JSON.stringify([report.metric, report.newSourceName, report.reportedOn ?? null, report.scope]);
      if (figureKeys.has(twin)) {
        const when = report.reportedOn ? `reported on ${report.reportedOn}` : "with no date reported";
        const scope = report.scope === GLOBAL_SCOPE ? "" : `, for ${report.scope}`;
        c.add(
          at,
          `The same figure (${METRICS[report.metric].label} from ${report.newSourceName}, ${when}${scope}) is also at ${figureKeys.get(twin)}: give each its date reported or its scope, or keep one.`,
        );
      }
      figureKeys.set(twin, at);
      checkedReports.push({ ...report, source: report.newSourceName, key });
    }

    const checkedIncidents: ImportEvent["incidents"] = [];
    for (const [i, item] of incidents.entries()) {
      if (c.full) break;
      const inc = asRecord(item);
      const at = `${where}.incidents[${i}]`;
      const incident = c.check(IncidentInput, pick(inc, INCIDENT_FIELDS), at);
      const source = c.checkValue(OPTIONAL_SOURCE_NAME, inc.source, `${at}.source`);
      const key = recordId(inc.id, `${at}.id`, ids, c);
      if (incident && source) checkedIncidents.push({ ...incident, source: source.value, key });
    }

    const checkedMoments: ImportEvent["moments"] = [];
    for (const [i, item] of moments.entries()) {
      if (c.full) break;
      const m = asRecord(item);
      const at = `${where}.moments[${i}]`;
      const moment = c.check(MomentInput, pick(m, MOMENT_FIELDS), at);
      const source = c.checkValue(OPTIONAL_SOURCE_NAME, m.source, `${at}.source`);
      const key = recordId(m.id, `${at}.id`, ids, c);
      if (moment && source) checkedMoments.push({ ...moment, source: source.value, key });
    }
    // A claim names its incident by the description, read as the incident's own is (trimmed).
    const descriptions = new Set(
      incidents.flatMap((inc) => {
        const parsed = DESCRIPTION.safeParse(asRecord(inc).description);
        return parsed.success ? [parsed.data] : [];
      }),
    );

    const checkedClaims: ImportEvent["claims"] = [];
    for (const [i, item] of claims.entries()) {
      if (c.full) break;
      const cl = asRecord(item);
      const at = `${where}.claims[${i}]`;
      const claim = c.check(ClaimInput, { ...pick(cl, CLAIM_FIELDS), newClaimantName: cl.claimant, stances: [] }, at, {
        newClaimantName: "claimant",
        claimantId: "claimant",
      });
      const stances = checkStances(cl.stances, `${at}.stances`, c);
      const key = recordId(cl.id, `${at}.id`, ids, c);
      let incident: string | null = null;
      if (cl.incident !== null && cl.incident !== undefined) {
        const reference = typeof cl.incident === "string" ? c.checkValue(INCIDENT_REFERENCE, cl.incident, `${at}.incident`) : null;
        if (typeof cl.incident !== "string") c.add(`${at}.incident`, "Incident must be the description of one of this event's incidents, or null.");
        else if (reference && !descriptions.has(reference.value))
          c.add(`${at}.incident`, `No incident of this event has the description "${clip(reference.value)}".`);
        incident = reference?.value ?? null;
      }
      if (claim?.newClaimantName && stances) {
        checkedClaims.push({
          ...claim,
          stances: stances.map(({ source: _s, ...rest }) => rest),
          stanceSources: stances.map((s) => s.source),
          claimant: claim.newClaimantName,
          incident,
          key,
        });
      }
    }
    if (fields && slug)
      events.push({
        fields: { ...fields, slug },
        reports: checkedReports,
        incidents: checkedIncidents,
        claims: checkedClaims,
        moments: checkedMoments,
      });
  }
  const checkedSources: ImportDocument["sources"] = [];
  for (const { source, where, rename } of sources) {
    if (c.full) break;
    const checked = c.check(SourceInput, pick(asRecord(source), SOURCE_FIELDS), where, rename);
    if (checked) checkedSources.push(checked);
  }
  return { events, sources: checkedSources };
}

/** A claim's stances, each with the name of its source; null when any is wrong (each error filed). */
function checkStances(value: unknown, where: string, c: Collector): (StanceInput & { source: string })[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    c.add(where, "Stances must be a list.");
    return null;
  }
  if (value.length > MAX_STANCES) {
    c.add(where, `At most ${MAX_STANCES} stances.`);
    return null;
  }
  const checked: (StanceInput & { source: string })[] = [];
  const seen = new Map<string, string>();
  let ok = true;
  for (const [j, item] of value.entries()) {
    const s = asRecord(item);
    const at = `${where}[${j}]`;
    const source = c.checkValue(SOURCE_NAME, s.source, `${at}.source`);
    // The schema checks the stance by id; the source is matched by name instead, so any id stands in.
    const stance = c.check(StanceInput, { ...pick(s, STANCE_FIELDS), sourceId: 1, stance: s.stance }, at);
    if (source && seen.has(source.value))
      c.add(`${at}.source`, `"${source.value}" already has a stance on this claim, at ${seen.get(source.value)}.`);
    if (!source || !stance || seen.has(source.value)) {
      ok = false;
      continue;
    }
    seen.set(source.value, at);
    checked.push({ ...stance, source: source.value });
  }
  return ok ? checked : null;
}

/** A value from the file, for a message: text as it is (cut short), a list or an object by what it is. */
function show(value: unknown): string {
  if (typeof value === "string") return clip(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

export function parseImportJson(text: string): ParseResult {
  const c = new Collector();
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, errors: { file: [`The file is not valid JSON: ${parsed.message}`] } };
  const doc = parsed.value as Rec;
  if (typeof doc !== "object" || doc === null || doc.format !== EXPORT_FORMAT) {
    return { ok: false, errors: { format: [`This is not a Dead Air export: "format" must be "${EXPORT_FORMAT}".`] } };
  }
  if (!(READABLE_VERSIONS as readonly unknown[]).includes(doc.version)) {
    return {
      ok: false,
      errors: {
        version: [
          `Version ${show(doc.version)} cannot be read; this Dead Air reads versions ${READABLE_VERSIONS.join(" and ")} (it writes ${EXPORT_VERSION}).`,
        ],
      },
    };
  }
  if (!Array.isArray(doc.events)) return { ok: false, errors: { events: ['"events" must be a list.'] } };
  const events = doc.events;
  function* raw(): Generator<RawEvent> {
    for (const [i, e] of events.entries()) {
      const event = asRecord(e);
      yield {
        event,
        reports: ARRAY(event.reports),
        incidents: ARRAY(event.incidents),
        claims: ARRAY(event.claims),
        moments: ARRAY(event.moments),
        where: `events[${i}]`,
      };
    }
  }
  function* sources(): Generator<RawSource> {
    for (const [i, source] of ARRAY(doc.sources).entries()) yield { source, where: `sources[${i}]` };
  }
  const result = checkEvents(raw(), sources(), c);
  return c.ok ? { ok: true, doc: result } : { ok: false, errors: c.errors };
}

/** The event's columns and the fields they carry; a refusal names the column. */
const EVENT_COLUMNS: Record<string, string> = {
  event_slug: "slug",
  event_title: "title",
  event_platform: "platform",
  event_time_zone: "timeZone",
  event_scheduled_start: "scheduledStart",
  event_scheduled_precision: "scheduledPrecision",
  event_actual_start: "actualStart",
  event_ended_at: "endedAt",
  event_status: "status",
  event_medium: "medium",
};
const EVENT_FIELD_COLUMNS = Object.fromEntries(Object.entries(EVENT_COLUMNS).map(([column, field]) => [field, column]));
const REPORT_FIELD_COLUMNS = {
  quoteLang: "quote_lang",
  quoteEnglish: "quote_english",
  url: "report_url",
  reportedOn: "reported_on",
  key: "figure_id",
};
const REQUIRED_COLUMNS = ["event_slug", "event_title", "metric", "value", "unit", "qualifier", "source", "derived"];

/** Each distinct text read once: the rows of an event repeat its slug, and those of a source its name. */
function readOnce<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (!seen.has(text)) seen.set(text, read(text));
    return seen.get(text)!;
  };
}

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
  // Rows are grouped by the slug as the schema reads it (trimmed); one the schema refuses is a group of its own text.
  const bySlug = new Map<string, { event: Rec; reports: Rec[]; lines: number[] }>();
  const sources = new Map<string, RawSource>();
  const slugOf = readOnce((raw) => {
    const parsed = slugField.safeParse(raw);
    return parsed.success && parsed.data ? parsed.data : raw;
  });
  const sourceNameOf = readOnce((raw) => {
    const parsed = OPTIONAL_SOURCE_NAME.safeParse(raw);
    return parsed.success ? parsed.data : null;
  });
  for (const { line, values: v } of records.rows) {
    if (c.full) break;
    if (v.derived === "yes") continue; // derived figures are computed again, never imported
    if (v.derived !== "no") {
      c.add(`row ${line}.derived`, 'Derived must be "no" for a figure to import, or "yes" for one computed again (and skipped).');
      continue;
    }
    const key = slugOf(v.event_slug);
    let group = bySlug.get(key);
    if (!group) {
      const event: Rec = {};
      for (const [col, field] of Object.entries(EVENT_COLUMNS)) if (v[col] !== undefined && v[col] !== "") event[field] = v[col];
      event.timeZone ??= "UTC";
      group = { event, reports: [], lines: [] };
      bySlug.set(key, group);
    }
    group.reports.push({
      metric: v.metric,
      value: v.value,
      unit: v.unit,
      qualifier: v.qualifier,
      source: v.source,
      quote: v.quote || null,
      quoteLang: v.quote_lang || null,
      quoteEnglish: v.quote_english || null,
      url: v.report_url || null,
      reportedOn: v.reported_on || null,
      note: v.note ?? "",
      // Columns a file made before them lacks: no id (matched by what the figure says) and the global scope.
      id: v.figure_id || null,
      scope: v.scope || undefined,
    });
    group.lines.push(line);
    // A source is listed by the first row that names it (by its name as read); a name the schema refuses is named
    // wrong at its figure's row already.
    const name = sourceNameOf(v.source);
    if (name && !sources.has(name)) {
      sources.set(name, {
        source: { name, kind: "other", leaning: null, homeUrl: v.source_url || null },
        where: `row ${line}`,
        rename: { name: "source", homeUrl: "source_url" },
      });
    }
  }
  const raw = [...bySlug.values()].map((g): RawEvent => ({
    event: g.event,
    reports: g.reports,
    incidents: [],
    claims: [],
    moments: [],
    where: `row ${g.lines[0]}`,
    rowOf: (i: number) => `row ${g.lines[i]}`,
    rename: { event: EVENT_FIELD_COLUMNS, report: REPORT_FIELD_COLUMNS },
  }));
  const result = checkEvents(raw, sources.values(), c);
  if (!c.ok) return { ok: false, errors: c.errors };
  // A CSV carries some of an event's fields and names a source's kind nowhere: what it lacks is left as it is.
  const only = Object.entries(EVENT_COLUMNS)
    .filter(([column, field]) => field !== "slug" && records.header.includes(column))
    .map(([, field]) => field);
  return {
    ok: true,
    doc: { events: result.events.map((e) => ({ ...e, only })), sources: result.sources.map((s) => ({ ...s, partial: true })) },
  };
}
