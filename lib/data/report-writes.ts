// Reported figures: create, update (refused when stale) and delete, each logged in the correction log.
import "server-only";
import type { Tx } from "../db";
import { METRICS } from "../domain/metrics";
import { ConflictError, EventNotFoundError, NotFoundError } from "../errors";
import { ReportInput, ReportUpdate } from "../validation/report";
import { STALE } from "./event-writes";
import { storedDay } from "./dates";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { logChanges, logWholeRecord } from "./revisions";
import { resolveSource } from "./source-writes";

/** The event's id; a raw indexed lookup, since every write below an event starts with it. */
export async function eventIdOf(tx: Tx, slug: string): Promise<number> {
  const [event] = await tx.$queryRawUnsafe<{ id: number | bigint }[]>('SELECT id FROM "Event" WHERE slug = ?', slug);
  if (!event) throw new EventNotFoundError(slug);
  return Number(event.id);
}

function reportData(input: ReportInput, sourceId: number) {
  const { newSourceName: _n, sourceId: _s, reportedOn, ...rest } = input;
  return {
    ...rest,
    sourceId,
    unit: METRICS[input.metric].unit,
    reportedOn: storedDay(reportedOn),
  };
}

export async function createReport({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: unknown }) {
  return runOperation(ctx, ReportInput, input, async ({ tx, actor }, data) => {
    const eventId = await eventIdOf(tx, slug);
    const sourceId = await resolveSource(tx, { id: data.sourceId, newName: data.newSourceName, field: "sourceId", newField: "newSourceName" }, actor);
    const report = await tx.report.create({ data: { ...reportData(data, sourceId), eventId } });
    await logWholeRecord(tx, "create", "report", report.id, eventId, report, actor);
    return report;
  });
}

export async function updateReport({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, ReportUpdate, input, async ({ tx, actor }, { version, ...fields }) => {
    const before = await tx.report.findUnique({ where: { id } });
    if (!before) throw new NotFoundError(`No reported figure has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const sourceId = await resolveSource(tx, { id: fields.sourceId, newName: fields.newSourceName, field: "sourceId", newField: "newSourceName" }, actor);
    const after = await tx.report.update({ where: { id }, data: { ...reportData(fields, sourceId), version: { increment: 1 } } });
    await logChanges(tx, "report", id, after.eventId, before, after, actor);
    return after;
  });
}

export async function deleteReport({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const report = await tx.report.findUnique({ where: { id } });
    if (!report) throw new NotFoundError(`No reported figure has the id ${id}.`);
    await logWholeRecord(tx, "delete", "report", id, report.eventId, report, actor);
    await tx.report.delete({ where: { id } });
    return report;
  });
}
