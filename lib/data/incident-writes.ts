// Incidents: create, update (refused when stale) and delete, each logged in the correction log.
import "server-only";
import type { Tx } from "../db";
import { ConflictError, NotFoundError } from "../errors";
import { IncidentInput, IncidentUpdate } from "../validation/incident";
import { STALE } from "./event-writes";
import { withStoredDay } from "./dates";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { eventIdOf } from "./report-writes";
import { type LogActor, logChanges, logWholeRecord } from "./revisions";
import { resolveSource } from "./source-writes";
import { insertRecord, record, updateRecord } from "./sql";

type Incident = Awaited<ReturnType<Tx["incident"]["create"]>>;

/** The source picked, or the one named to create in place (as a figure's), or none. */
async function sourceOf(tx: Tx, data: { sourceId: number | null; newSourceName?: string | null }, actor: LogActor): Promise<number | null> {
  if (!data.sourceId && !data.newSourceName) return null;
  return resolveSource(tx, { id: data.sourceId, newName: data.newSourceName ?? null, field: "sourceId", newField: "newSourceName" }, actor);
}

/** `key`: the record's identity when an import brings one (kept across an export and an import); else a new one. */
export async function createIncident({ ctx, slug, input, key }: { ctx: WriteContext; slug: string; input: unknown; key?: string | null }) {
  return runOperation(ctx, IncidentInput, input, async ({ tx, actor }, data) => {
    const eventId = await eventIdOf(tx, slug);
    const { newSourceName: _n, ...fields } = data;
    const sourceId = await sourceOf(tx, data, actor);
    const incident = await insertRecord<Incident>(tx, "Incident", { ...withStoredDay(fields), sourceId, ...(key ? { key } : {}), eventId });
    await logWholeRecord(tx, "create", "incident", incident.id, eventId, incident, actor);
    return incident;
  });
}

export async function updateIncident({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, IncidentUpdate, input, async ({ tx, actor }, { version, ...data }) => {
    const before = await record<Incident>(tx, 'SELECT * FROM "Incident" WHERE "id" = ?', id);
    if (!before) throw new NotFoundError(`No incident has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const { newSourceName: _n, ...fields } = data;
    const sourceId = await sourceOf(tx, data, actor);
    // A person's edit of what the monitor found is a correction: the detector leaves it alone from then on.
    const review = before.detector ? { review: "corrected" } : {};
    const after = (await updateRecord<Incident>(tx, "Incident", id, { ...withStoredDay(fields), sourceId, ...review }))!;
    await logChanges(tx, "incident", id, after.eventId, before, after, actor);
    return after;
  });
}

export async function deleteIncident({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const incident = await tx.incident.findUnique({ where: { id } });
    if (!incident) throw new NotFoundError(`No incident has the id ${id}.`);
    await logWholeRecord(tx, "delete", "incident", id, incident.eventId, incident, actor);
    await tx.incident.delete({ where: { id } });
    return incident;
  });
}
