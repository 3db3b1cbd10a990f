// Key moments of an event: create, update (refused when stale) and delete, each logged in the correction log.
import "server-only";
import type { Tx } from "../db";
import { type Fold, localToInstant } from "../domain/time";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { MomentInput, MomentUpdate } from "../validation/moment";
import { inYearRange, YEAR_MAX, YEAR_MIN } from "../validation/fields";
import { happensTwiceMessage } from "../validation/local-time";
import { STALE } from "./event-writes";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { eventIdOf } from "./report-writes";
import { type LogActor, logChanges, logWholeRecord } from "./revisions";
import { resolveSource } from "./source-writes";

/**
 * The moment's time as an instant: a local time is read in the event's zone (in the hour the clocks go back, as the
 * instant its fold names), an instant with its offset as it is.
 */
function momentInstant(at: string, zone: string, fold: Fold | undefined): Date {
  const fail = (message: string): never => {
    throw new ValidationError("The time of the moment cannot be read.", { at: [message] });
  };
  let instant: Date | null = null;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(at)) {
    const parsed = new Date(at);
    if (!Number.isNaN(parsed.getTime()) && localToInstant(at.slice(0, 16), "UTC").ok) instant = parsed;
    else fail("Time is not a real date and time.");
  } else {
    const result = localToInstant(at.slice(0, 16), zone, fold);
    if (result.ok) instant = result.instant;
    else if (result.reason === "ambiguous") fail(happensTwiceMessage("Time", at, zone));
    else if (result.reason === "nonexistent")
      fail(`Time: ${at.slice(11, 16)} on ${at.slice(0, 10)} does not exist in ${zone} (the clocks moved forward then). Enter a time before or after the change.`);
    else fail(`Time must be a date and time in the event's zone (${zone}), such as 2024-11-16T00:05.`);
  }
  if (!inYearRange(instant!)) fail(`Time must be in the years ${YEAR_MIN} to ${YEAR_MAX}.`);
  return instant!;
}

async function momentData(tx: Tx, eventId: number, input: MomentInput, actor: LogActor) {
  const { newSourceName, sourceId: picked, at, atFold, ...rest } = input;
  const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { timeZone: true } });
  const sourceId = picked || newSourceName ? await resolveSource(tx, { id: picked, newName: newSourceName, field: "sourceId", newField: "newSourceName" }, actor) : null;
  return { ...rest, sourceId, at: momentInstant(at, event.timeZone, atFold) };
}

/** `key`: the record's identity when an import brings one (kept across an export and an import); else a new one. */
export async function createMoment({ ctx, slug, input, key }: { ctx: WriteContext; slug: string; input: unknown; key?: string | null }) {
  return runOperation(ctx, MomentInput, input, async ({ tx, actor }, data) => {
    const eventId = await eventIdOf(tx, slug);
    const moment = await tx.moment.create({ data: { ...(await momentData(tx, eventId, data, actor)), ...(key ? { key } : {}), eventId } });
    await logWholeRecord(tx, "create", "moment", moment.id, eventId, moment, actor);
    return moment;
  });
}

export async function updateMoment({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, MomentUpdate, input, async ({ tx, actor }, { version, ...data }) => {
    const before = await tx.moment.findUnique({ where: { id } });
    if (!before) throw new NotFoundError(`No key moment has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const after = await tx.moment.update({ where: { id }, data: { ...(await momentData(tx, before.eventId, data, actor)), version: { increment: 1 } } });
    await logChanges(tx, "moment", id, after.eventId, before, after, actor);
    return after;
  });
}

export async function deleteMoment({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const moment = await tx.moment.findUnique({ where: { id } });
    if (!moment) throw new NotFoundError(`No key moment has the id ${id}.`);
    await logWholeRecord(tx, "delete", "moment", id, moment.eventId, moment, actor);
    await tx.moment.delete({ where: { id } });
    return moment;
  });
}
