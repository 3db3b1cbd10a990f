// Incidents: create, update (refused when stale) and delete, each logged in the correction log.
import "server-only";
import type { Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { IncidentInput, IncidentUpdate } from "../validation/incident";
import { STALE } from "./event-writes";
import { withStoredDay } from "./dates";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { eventIdOf } from "./report-writes";
import { logChanges, logWholeRecord } from "./revisions";

async function checkSource(tx: Tx, sourceId: number | null) {
  if (sourceId && !(await tx.source.findUnique({ where: { id: sourceId }, select: { id: true } }))) {
    throw new ValidationError("The source picked does not exist.", { sourceId: ["This source does not exist (any more): pick another."] });
  }
}

export async function createIncident({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: unknown }) {
  return runOperation(ctx, IncidentInput, input, async ({ tx, actor }, data) => {
    const eventId = await eventIdOf(tx, slug);
    await checkSource(tx, data.sourceId);
    const incident = await tx.incident.create({ data: { ...withStoredDay(data), eventId } });
    await logWholeRecord(tx, "create", "incident", incident.id, eventId, incident, actor);
    return incident;
  });
}

export async function updateIncident({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, IncidentUpdate, input, async ({ tx, actor }, { version, ...data }) => {
    const before = await tx.incident.findUnique({ where: { id } });
    if (!before) throw new NotFoundError(`No incident has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    await checkSource(tx, data.sourceId);
    // A person's edit of what the monitor found is a correction: the detector leaves it alone from then on.
    const review = before.detector ? { review: "corrected" } : {};
    const after = await tx.incident.update({ where: { id }, data: { ...withStoredDay(data), ...review, version: { increment: 1 } } });
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
