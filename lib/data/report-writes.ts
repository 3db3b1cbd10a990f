// Reported figures: create, update (refused when stale) and delete, each logged in the correction log.
import "server-only";
import type { Tx } from "../db";
import { METRICS, unitOf } from "../domain/metrics";
import { ConflictError, EventNotFoundError, NotFoundError, ValidationError } from "../errors";
import { ReportInput, ReportUpdate } from "../validation/report";
import { STALE } from "./event-writes";
import { storedDay } from "./dates";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { logChanges, logWholeRecord } from "./revisions";
import { resolveSource } from "./source-writes";
import { insertRecord, instantArg, record, updateRecord, writeSql } from "./sql";

/** The event's id and medium: one indexed lookup in plain SQL, since every write below an event starts with it. */
async function eventOf(tx: Tx, slug: string): Promise<{ id: number; medium: string }> {
  const event = await writeSql(tx).one<{ id: number | bigint; medium: string }>('SELECT "id", "medium" FROM "Event" WHERE "slug" = ?', slug);
  if (!event) throw new EventNotFoundError(slug);
  return { id: Number(event.id), medium: event.medium };
}

export async function eventIdOf(tx: Tx, slug: string): Promise<number> {
  return (await eventOf(tx, slug)).id;
}

type Report = Awaited<ReturnType<Tx["report"]["create"]>>;

function reportData(input: ReportInput, sourceId: number, medium: string) {
  const { newSourceName: _n, sourceId: _s, reportedOn, ...rest } = input;
  return {
    ...rest,
    sourceId,
    unit: unitOf(input.metric, medium),
    reportedOn: storedDay(reportedOn),
  };
}

const mediumOf = async (tx: Tx, eventId: number) => (await record<{ medium: string }>(tx, 'SELECT "medium" FROM "Event" WHERE "id" = ?', eventId))!.medium;

/**
 * One source may give one metric several values (Netflix said 64 million, then 65 million) when they differ in the
 * day reported or the scope; the same metric, source, day and scope twice is the same figure entered again.
 */
async function refuseTwin(tx: Tx, eventId: number, data: { metric: string; sourceId: number; reportedOn: Date | null; scope: string }, except?: number) {
  const day = data.reportedOn ? instantArg(data.reportedOn) : null;
  const twin = await writeSql(tx).one<{ name: string }>(
    `SELECT s."name" FROM "Report" r JOIN "Source" s ON s."id" = r."sourceId"
     WHERE r."eventId" = ? AND r."metric" = ? AND r."sourceId" = ? AND r."scope" = ? AND r."reportedOn" IS NOT DISTINCT FROM ? AND r."id" <> ?
     LIMIT 1`,
    eventId,
    data.metric,
    data.sourceId,
    data.scope,
    day,
    except ?? 0,
  );
  if (!twin) return;
  const label = METRICS[data.metric as keyof typeof METRICS]?.label ?? data.metric;
  const when = data.reportedOn ? `on ${data.reportedOn.toISOString().slice(0, 10)}` : "with no date";
  const message = `${twin.name} already reported ${label} ${when}${data.scope === "global" ? "" : ` for ${data.scope}`}: edit that figure, or give this one the date it was reported or its scope.`;
  throw new ValidationError(message, { reportedOn: [message] });
}

/** `key`: the record's identity when an import brings one (kept across an export and an import); else a new one. */
export async function createReport({ ctx, slug, input, key }: { ctx: WriteContext; slug: string; input: unknown; key?: string | null }) {
  return runOperation(ctx, ReportInput, input, async ({ tx, actor }, data) => {
    const event = await eventOf(tx, slug);
    const sourceId = await resolveSource(tx, { id: data.sourceId, newName: data.newSourceName, field: "sourceId", newField: "newSourceName" }, actor);
    const fields = reportData(data, sourceId, event.medium);
    await refuseTwin(tx, event.id, fields);
    // A figure is the write the API receives most (collectors post them by the hundred): plain SQL (see sql.ts).
    const report = await insertRecord<Report>(tx, "Report", { ...fields, ...(key ? { key } : {}), eventId: event.id });
    await logWholeRecord(tx, "create", "report", report.id, event.id, report, actor);
    return report;
  });
}

export async function updateReport({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, ReportUpdate, input, async ({ tx, actor }, { version, ...fields }) => {
    const before = await record<Report>(tx, 'SELECT * FROM "Report" WHERE "id" = ?', id);
    if (!before) throw new NotFoundError(`No reported figure has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const sourceId = await resolveSource(tx, { id: fields.sourceId, newName: fields.newSourceName, field: "sourceId", newField: "newSourceName" }, actor);
    const data = reportData(fields, sourceId, await mediumOf(tx, before.eventId));
    await refuseTwin(tx, before.eventId, data, id);
    const after = (await updateRecord<Report>(tx, "Report", id, data))!;
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
