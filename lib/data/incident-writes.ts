// Incidents: create, update (refused when stale) and delete, each logged in the correction log.
import { write } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { IncidentInput, IncidentUpdate } from "../validation/incident";
import { type Actor, STALE } from "./event-writes";
import { eventIdOf } from "./report-writes";
import { logChanges, logWholeRecord } from "./revisions";

import type { Tx } from "../db";

async function checkSource(tx: Tx, sourceId: number | null) {
  if (sourceId && !(await tx.source.findUnique({ where: { id: sourceId }, select: { id: true } }))) {
    throw new ValidationError("The source picked does not exist.", { sourceId: ["This source does not exist (any more): pick another."] });
  }
}

export async function createIncident(slug: string, input: IncidentInput, actor: Actor = null) {
  return write(async (tx) => {
    const eventId = await eventIdOf(tx, slug);
    await checkSource(tx, input.sourceId);
    const incident = await tx.incident.create({ data: { ...input, eventId } });
    await logWholeRecord(tx, "create", "incident", incident.id, eventId, incident, actor);
    return incident;
  });
}

export async function updateIncident(id: number, input: IncidentUpdate, actor: Actor = null) {
  const { version, ...data } = input;
  return write(async (tx) => {
    const before = await tx.incident.findUnique({ where: { id } });
    if (!before) throw new NotFoundError(`No incident has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    await checkSource(tx, data.sourceId);
    const after = await tx.incident.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    await logChanges(tx, "incident", id, after.eventId, before, after, actor);
    return after;
  });
}

export async function deleteIncident(id: number, actor: Actor = null) {
  return write(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id } });
    if (!incident) throw new NotFoundError(`No incident has the id ${id}.`);
    await logWholeRecord(tx, "delete", "incident", id, incident.eventId, incident, actor);
    await tx.incident.delete({ where: { id } });
    return incident;
  });
}
