// Claims with the sources that dispute, confirm or refute them: create, update (refused when stale), delete.
import "server-only";
import type { Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { ClaimInput, ClaimUpdate } from "../validation/claim";
import { STALE } from "./event-writes";
import { withStoredDay } from "./dates";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { eventIdOf } from "./report-writes";
import { type LogActor, logChanges, logWholeRecord } from "./revisions";
import { resolveSource } from "./source-writes";

/** Checks the claim's references and returns the data to store, stances apart. */
async function claimData(tx: Tx, eventId: number, input: ClaimInput, actor: LogActor) {
  const claimantId = await resolveSource(tx, { id: input.claimantId, newName: input.newClaimantName, field: "claimantId", newField: "newClaimantName" }, actor);
  if (input.incidentId) {
    const incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { eventId: true } });
    if (!incident || incident.eventId !== eventId) {
      throw new ValidationError("The incident picked is not one of this event's.", { incidentId: ["Pick one of this event's incidents, or none."] });
    }
  }
  const errors: Record<string, string[]> = {};
  for (const [i, s] of input.stances.entries()) {
    if (!(await tx.source.findUnique({ where: { id: s.sourceId }, select: { id: true } }))) {
      errors[`stances.${i}.sourceId`] = ["This source does not exist (any more): pick another."];
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("A source picked does not exist.", errors);
  const { newClaimantName: _n, stances: _s, ...rest } = input;
  return { ...withStoredDay(rest), claimantId };
}

const withStances = { stances: { orderBy: { id: "asc" as const } } };

/**
 * The claim as the log keeps it and as its input reads: its fields and its stances as one list, each stance without
 * its own ids and with its date reported as the day it names.
 */
export function snapshotClaim<C extends { stances: { id: number; claimId: number; reportedOn?: Date | null }[] }>(claim: C) {
  return {
    ...claim,
    stances: claim.stances.map(({ id: _id, claimId: _claimId, ...stance }) =>
      "reportedOn" in stance ? { ...stance, reportedOn: stance.reportedOn ? stance.reportedOn.toISOString().slice(0, 10) : null } : stance,
    ),
  };
}

/** `key`: the record's identity when an import brings one (kept across an export and an import); else a new one. */
export async function createClaim({ ctx, slug, input, key }: { ctx: WriteContext; slug: string; input: unknown; key?: string | null }) {
  return runOperation(ctx, ClaimInput, input, async ({ tx, actor }, input) => {
    const eventId = await eventIdOf(tx, slug);
    const data = await claimData(tx, eventId, input, actor);
    const claim = await tx.claim.create({ data: { ...data, ...(key ? { key } : {}), eventId, stances: { create: input.stances.map(withStoredDay) } }, include: withStances });
    await logWholeRecord(tx, "create", "claim", claim.id, eventId, snapshotClaim(claim), actor);
    return claim;
  });
}

export async function updateClaim({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, ClaimUpdate, input, async ({ tx, actor }, { version, ...fields }) => {
    const before = await tx.claim.findUnique({ where: { id }, include: withStances });
    if (!before) throw new NotFoundError(`No claim has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const data = await claimData(tx, before.eventId, fields, actor);
    await tx.claimSource.deleteMany({ where: { claimId: id } });
    const after = await tx.claim.update({
      where: { id },
      data: { ...data, version: { increment: 1 }, stances: { create: fields.stances.map(withStoredDay) } },
      include: withStances,
    });
    await logChanges(tx, "claim", id, after.eventId, snapshotClaim(before), snapshotClaim(after), actor);
    return after;
  });
}

export async function deleteClaim({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const claim = await tx.claim.findUnique({ where: { id }, include: withStances });
    if (!claim) throw new NotFoundError(`No claim has the id ${id}.`);
    await logWholeRecord(tx, "delete", "claim", id, claim.eventId, snapshotClaim(claim), actor);
    await tx.claim.delete({ where: { id } });
    return claim;
  });
}
