// The correction log: every write records what changed, so that a record's history is public.
import "server-only";
import type { Tx } from "../db";
import { instantArg, writeSql } from "./sql";

export type RevisionEntity = "event" | "incident" | "report" | "claim" | "source" | "moment";

type Snapshot = Record<string, unknown>;

/** Who a log entry names: publicly (`name`) and exactly, for admins (`ref`). A plain string is both. */
export type LogActor = { name: string; ref: string; reason?: string | null };
type ActorArg = LogActor | string | null;
const asLogActor = (actor: ActorArg): LogActor | null => (typeof actor === "string" ? { name: actor, ref: actor } : actor);

function encode(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

const IGNORED_FIELDS = new Set(["id", "key", "version", "createdAt", "updatedAt"]);

/** Logs the creation or deletion of a record: one row holding the whole record. */
export async function logWholeRecord(
  tx: Tx,
  action: "create" | "delete",
  entity: RevisionEntity,
  entityId: number,
  eventId: number | null,
  record: Snapshot,
  actor: ActorArg = null,
): Promise<void> {
  const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !IGNORED_FIELDS.has(k)));
  await insertRevisions(tx, [
    { entity, entityId, eventId, action, field: null, before: action === "delete" ? encode(fields) : null, after: action === "create" ? encode(fields) : null, actor: asLogActor(actor) },
  ]);
}

interface RevisionRow {
  entity: RevisionEntity;
  entityId: number;
  eventId: number | null;
  action: string;
  field: string | null;
  before: string | null;
  after: string | null;
  actor: LogActor | null;
}

const INSERT_REVISION =
  'INSERT INTO "Revision" ("entity", "entityId", "eventId", "action", "field", "before", "after", "actor", "actorRef", "reason", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Every write logs, so the insert is plain SQL, prepared once on the writer's connection (see sql.ts). `at` is
 * written as the client writes DateTime (SQLite's text, PostgreSQL's timestamp), so that it sorts and reads back like
 * the rows Prisma wrote.
 */
async function insertRevisions(tx: Tx, rows: RevisionRow[]): Promise<void> {
  const at = instantArg(Date.now());
  const sql = writeSql(tx);
  for (const r of rows) {
    await sql.run(INSERT_REVISION, r.entity, r.entityId, r.eventId, r.action, r.field, r.before, r.after, r.actor?.name ?? null, r.actor?.ref ?? null, r.actor?.reason ?? null, at);
  }
}

/** Logs an update: one row per field whose value changed; returns how many fields changed. */
export async function logChanges(
  tx: Tx,
  entity: RevisionEntity,
  entityId: number,
  eventId: number | null,
  before: Snapshot,
  after: Snapshot,
  actor: ActorArg = null,
): Promise<number> {
  const rows = Object.keys(after)
    .filter((field) => !IGNORED_FIELDS.has(field) && encode(before[field]) !== encode(after[field]))
    .map((field) => ({
      entity,
      entityId,
      eventId,
      action: "update" as const,
      field,
      before: encode(before[field]),
      after: encode(after[field]),
      actor: asLogActor(actor),
    }));
  await insertRevisions(tx, rows);
  return rows.length;
}
