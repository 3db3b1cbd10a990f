// The correction log: every write records what changed, so that a record's history is public.
import type { Tx } from "../db";

export type RevisionEntity = "event" | "incident" | "report" | "claim" | "source";

type Snapshot = Record<string, unknown>;

function encode(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

const IGNORED_FIELDS = new Set(["id", "version", "createdAt", "updatedAt"]);

/** Logs the creation or deletion of a record: one row holding the whole record. */
export async function logWholeRecord(
  tx: Tx,
  action: "create" | "delete",
  entity: RevisionEntity,
  entityId: number,
  eventId: number | null,
  record: Snapshot,
  actor: string | null = null,
): Promise<void> {
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !IGNORED_FIELDS.has(k)));
  await tx.revision.create({
    data: {
      entity,
      entityId,
      eventId,
      action,
      before: action === "delete" ? encode(fields) : null,
      after: action === "create" ? encode(fields) : null,
      actor,
    },
  });
}

/** Logs an update: one row per field whose value changed; returns how many fields changed. */
export async function logChanges(
  tx: Tx,
  entity: RevisionEntity,
  entityId: number,
  eventId: number | null,
  before: Snapshot,
  after: Snapshot,
  actor: string | null = null,
): Promise<number> {
  const rows = Object.keys(after)
    .filter((field) => !IGNORED_FIELDS.has(field) && encode(before[field]) !== encode(after[field]))
    .map((field) => ({
      entity,
      entityId,
      eventId,
      action: "update",
      field,
      before: encode(before[field]),
      after: encode(after[field]),
      actor,
    }));
  if (rows.length > 0) await tx.revision.createMany({ data: rows });
  return rows.length;
}
