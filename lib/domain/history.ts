// The correction log as people read it: "Figure: Peak concurrent streams from Netflix · value: 64,000,000 → 65,000,000
// · reason: Netflix revised its count". No internal key (a field name, a qualifier's key, an id) reaches the page.
import { formatReportedValue } from "./format";
import { isMetricKey, METRICS, unitOf } from "./metrics";
import { incidentKindLabel, isOneOf, MEDIUM_LABELS, MEDIA, QUALIFIER_LABELS, QUALIFIERS, SOURCE_KIND_LABELS, SOURCE_KINDS } from "./options";

export interface RevisionRow {
  id: number;
  entity: string;
  entityId: number;
  action: string;
  field: string | null;
  before: string | null;
  after: string | null;
  actor: string | null;
  reason?: string | null;
  at: Date;
}

/**
 * Names for every record the log mentions: the event's records as they stand, and those deleted since from the
 * snapshot their deletion left in the log.
 */
export function buildHistoryContext(
  records: { entity: string; id: number; record: Record<string, unknown> }[],
  revisions: RevisionRow[],
  sources: Map<number, string>,
  medium?: string,
): HistoryContext {
  const names = new Map<string, string>();
  const reportMetrics = new Map<number, string>();
  const note = (entity: string, id: number, record: Record<string, unknown>) => {
    names.set(`${entity}:${id}`, nameRecord(entity, record, sources));
    if (entity === "report" && typeof record.metric === "string") reportMetrics.set(id, record.metric);
  };
  for (const r of revisions) {
    if (r.action === "update" || names.has(`${r.entity}:${r.entityId}`)) continue;
    const snapshot = decode(r.action === "create" ? r.after : r.before);
    if (snapshot && typeof snapshot === "object") note(r.entity, r.entityId, snapshot as Record<string, unknown>);
  }
  // The records as they stand win over snapshots: a corrected figure is named as it now reads.
  for (const { entity, id, record } of records) note(entity, id, record);
  return { names, sources, reportMetrics, medium };
}

/** What the log needs to name records in words: each record's description, and the sources by id. */
export interface HistoryContext {
  /** "report:12" → "Peak concurrent streams from Netflix"; records deleted since are named from their last snapshot. */
  names: Map<string, string>;
  sources: Map<number, string>;
  /** Each figure's metric by its id, so that a changed value reads in its unit. */
  reportMetrics: Map<number, string>;
  medium?: string;
}

const ENTITY_LABELS: Record<string, string> = {
  event: "Event",
  report: "Figure",
  incident: "Incident",
  claim: "Claim",
  source: "Source",
  moment: "Key moment",
};

const FIELD_LABELS: Record<string, string> = {
  title: "title",
  slug: "address (slug)",
  platform: "platform",
  medium: "medium",
  hosts: "hosts",
  guests: "guests",
  scheduledStart: "scheduled start",
  scheduledPrecision: "precision of the scheduled start",
  timeZone: "time zone",
  actualStart: "actual start",
  endedAt: "end",
  status: "status",
  notes: "notes",
  detectorSettings: "detector settings",
  metric: "metric",
  value: "value",
  unit: "unit",
  qualifier: "qualifier",
  sourceId: "source",
  quote: "quote",
  quoteLang: "quote language",
  quoteEnglish: "English rendering",
  url: "URL",
  reportedOn: "date reported",
  note: "note",
  scope: "scope",
  kind: "kind",
  startOffsetMinutes: "start (minutes from the scheduled start)",
  durationMinutes: "duration",
  description: "description",
  startedAt: "began",
  review: "review",
  statement: "statement",
  claimantId: "claimant",
  incidentId: "incident",
  stances: "sources taking a stance",
  label: "what happened",
  at: "time",
  name: "name",
  leaning: "leaning",
  homeUrl: "home page",
};

function decode(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** A value as people read it, in the words the forms use. */
function show(entity: string, field: string, value: unknown, context: HistoryContext, record?: Record<string, unknown> | null): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if ((field === "sourceId" || field === "claimantId") && typeof value === "number") return context.sources.get(value) ?? "a source since deleted";
  if (field === "qualifier" && typeof value === "string") return isOneOf(QUALIFIERS, value) ? QUALIFIER_LABELS[value] : value;
  if (field === "metric" && typeof value === "string") return isMetricKey(value) ? METRICS[value].label : value;
  if (field === "kind" && typeof value === "string")
    return entity === "source" ? (isOneOf(SOURCE_KINDS, value) ? SOURCE_KIND_LABELS[value] : value) : incidentKindLabel(value);
  if (field === "medium" && typeof value === "string") return isOneOf(MEDIA, value) ? MEDIUM_LABELS[value] : value;
  if (field === "reportedOn" && typeof value === "string") return value.slice(0, 10);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${value.slice(0, 16).replace("T", " ")} UTC`;
  if ((field === "durationMinutes" || field === "startOffsetMinutes") && typeof value === "number")
    return formatReportedValue(value, "minutes", "exact");
  if (field === "value" && typeof value === "number" && typeof record?.metric === "string" && isMetricKey(record.metric))
    return formatReportedValue(value, unitOf(record.metric, context.medium), "exact");
  if (Array.isArray(value)) return `${value.length} ${value.length === 1 ? "entry" : "entries"}`;
  if (typeof value === "object") return "(changed)";
  return String(value);
}

/** A record named in words from its own fields: “Start delay from Financial Times”, an incident by its kind, a claim by its first words. */
export function nameRecord(entity: string, record: Record<string, unknown>, sources: Map<number, string>): string {
  const source = typeof record.sourceId === "number" ? sources.get(record.sourceId) : undefined;
  if (entity === "report") {
    const metric = typeof record.metric === "string" && isMetricKey(record.metric) ? METRICS[record.metric].label : String(record.metric ?? "figure");
    const scope = typeof record.scope === "string" && record.scope !== "global" ? ` (${record.scope})` : "";
    return `${metric}${scope}${source ? ` from ${source}` : ""}`;
  }
  if (entity === "incident") return `${incidentKindLabel(String(record.kind ?? "other"))}${source ? ` (source: ${source})` : ""}`;
  if (entity === "claim") return `“${String(record.statement ?? "").slice(0, 80)}”`;
  if (entity === "moment") return String(record.label ?? "key moment");
  return String(record.title ?? record.name ?? "");
}

export function describeRevision(r: RevisionRow, context: HistoryContext): { what: string; change: string; reason: string | null } {
  const entity = ENTITY_LABELS[r.entity] ?? r.entity;
  const reason = r.reason ?? null;
  if (r.action === "update") {
    const name = context.names.get(`${r.entity}:${r.entityId}`);
    const field = r.field ?? "";
    const record = r.entity === "report" ? { metric: context.reportMetrics.get(r.entityId) } : null;
    return {
      what: name ? `${entity}: ${name}` : entity,
      change: `${FIELD_LABELS[field] ?? field}: ${show(r.entity, field, decode(r.before), context, record)} → ${show(r.entity, field, decode(r.after), context, record)}`,
      reason,
    };
  }
  const record = decode(r.action === "create" ? r.after : r.before) as Record<string, unknown> | null;
  const name = record ? nameRecord(r.entity, record, context.sources) : "";
  const value = record && r.entity === "report" ? `, ${show(r.entity, "value", record.value, context, record)}` : "";
  return { what: name ? `${entity}: ${name}` : entity, change: `${r.action === "create" ? "added" : "deleted"}${value}`, reason };
}
