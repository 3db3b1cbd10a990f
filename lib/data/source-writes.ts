// Sources: create, update, delete (refused while cited, naming where), and "pick or create in place" for forms.
import "server-only";
import type { Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { SourceInput, SourceUpdate } from "../validation/source";
import { STALE } from "./event-writes";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { type LogActor, logChanges, logWholeRecord } from "./revisions";
import { insertRecord, record, updateRecord, writeSql } from "./sql";

const NAME_TAKEN = "A source with this name exists already.";

type Source = Awaited<ReturnType<Tx["source"]["create"]>>;

async function nameTaken(tx: Tx, name: string, exceptId?: number): Promise<boolean> {
  return (await writeSql(tx).one('SELECT "id" FROM "Source" WHERE "name" = ? AND "id" <> ?', name, exceptId ?? 0)) !== undefined;
}

export async function createSource({ ctx, input }: { ctx: WriteContext; input: unknown }) {
  return runOperation(ctx, SourceInput, input, async ({ tx, actor }, input) => {
    if (await nameTaken(tx, input.name)) throw new ConflictError(NAME_TAKEN, { name: [NAME_TAKEN] });
    const source = await insertRecord<Source>(tx, "Source", input);
    await logWholeRecord(tx, "create", "source", source.id, null, source, actor);
    return source;
  });
}

export async function updateSource({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }) {
  return runOperation(ctx, SourceUpdate, input, async ({ tx, actor }, { version, ...data }) => {
    const before = await record<Source>(tx, 'SELECT * FROM "Source" WHERE "id" = ?', id);
    if (!before) throw new NotFoundError(`No source has the id ${id}.`);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    if (await nameTaken(tx, data.name, id)) throw new ConflictError(NAME_TAKEN, { name: [NAME_TAKEN] });
    const after = (await updateRecord<Source>(tx, "Source", id, data))!;
    await logChanges(tx, "source", id, null, before, after, actor);
    return after;
  });
}

/** Where a source is cited, as sentences people can act on; empty when it is cited nowhere. */
export async function findCitations(tx: Tx, id: number): Promise<string[]> {
  const [reports, incidents, claims, stances] = await Promise.all([
    tx.report.findMany({ where: { sourceId: id }, select: { metric: true, event: { select: { title: true } } } }),
    tx.incident.findMany({ where: { sourceId: id }, select: { kind: true, event: { select: { title: true } } } }),
    tx.claim.findMany({ where: { claimantId: id }, select: { statement: true, event: { select: { title: true } } } }),
    tx.claimSource.findMany({ where: { sourceId: id }, select: { stance: true, claim: { select: { statement: true, event: { select: { title: true } } } } } }),
  ]);
  return [
    ...reports.map((r) => `the ${r.metric.replaceAll("_", " ")} figure of "${r.event.title}"`),
    ...incidents.map((i) => `the ${i.kind.replaceAll("_", " ")} incident of "${i.event.title}"`),
    ...claims.map((c) => `the claim "${c.statement}" (as claimant) on "${c.event.title}"`),
    ...stances.map((s) => `the claim "${s.claim.statement}" (which it ${s.stance.replace(/s$/, "")}s) on "${s.claim.event.title}"`),
  ];
}

export async function deleteSource({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const source = await tx.source.findUnique({ where: { id } });
    if (!source) throw new NotFoundError(`No source has the id ${id}.`);
    const citations = await findCitations(tx, id);
    if (citations.length > 0) {
      const message = `${source.name} cannot be deleted while it is cited: in ${citations.join("; ")}.`;
      throw new ConflictError(message, { _form: [message] });
    }
    await logWholeRecord(tx, "delete", "source", id, null, source, actor);
    await tx.source.delete({ where: { id } });
    return source;
  });
}

/**
 * The id of the source a form picked, or of the one it named to create in place (an existing source of that
 * name is reused). `field` is where a message about a missing source goes.
 */
export async function resolveSource(
  tx: Tx,
  pick: { id: number | null; newName: string | null; field: string; newField: string },
  actor: LogActor,
): Promise<number> {
  if (pick.id) {
    if (!(await writeSql(tx).one('SELECT "id" FROM "Source" WHERE "id" = ?', pick.id))) {
      throw new ValidationError("The source picked does not exist.", { [pick.field]: ["This source does not exist (any more): pick another."] });
    }
    return pick.id;
  }
  if (!pick.newName) throw new ValidationError("A source is required.", { [pick.field]: ["Pick a source, or name a new one."] });
  const existing = await writeSql(tx).one<{ id: number }>('SELECT "id" FROM "Source" WHERE "name" = ?', pick.newName);
  if (existing) return existing.id;
  const source = await insertRecord<Source>(tx, "Source", { name: pick.newName, kind: "other" });
  await logWholeRecord(tx, "create", "source", source.id, null, source, actor);
  return source.id;
}
