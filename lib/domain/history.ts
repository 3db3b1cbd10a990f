// The correction log as people read it: "Figure (start delay) · value: 40 → 42".
export interface RevisionRow {
  id: number;
  entity: string;
  entityId: number;
  action: string;
  field: string | null;
  before: string | null;
  after: string | null;
  actor: string | null;
  at: Date;
}

const ENTITY_LABELS: Record<string, string> = { event: "Event", report: "Figure", incident: "Incident", claim: "Claim", source: "Source" };

function decode(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function describeRevision(r: RevisionRow): { what: string; change: string } {
  const what = `${ENTITY_LABELS[r.entity] ?? r.entity} #${r.entityId}`;
  if (r.action === "update") return { what, change: `${r.field}: ${show(decode(r.before))} → ${show(decode(r.after))}` };
  const record = decode(r.action === "create" ? r.after : r.before) as Record<string, unknown> | null;
  const name = record && (record.title ?? record.metric ?? record.kind ?? record.statement ?? record.name);
  const value = record && r.entity === "report" ? ` = ${show(record.value)}` : "";
  return { what, change: `${r.action === "create" ? "created" : "deleted"}${name ? `: ${show(name)}${value}` : ""}` };
}
