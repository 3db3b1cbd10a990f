// Applies an import in one transaction, all or nothing: records are matched (events by slug, sources by name,
// figures by event, metric and source), so the same file imported twice changes nothing the second time.
// A preview runs the very same steps and rolls them back.
import { type Tx, write } from "../db";
import { METRICS } from "../domain/metrics";
import { ValidationError } from "../errors";
import type { ImportDocument } from "../import/parse";
import { resolveEventTimes } from "../validation/event";
import { logChanges, logWholeRecord, type RevisionEntity } from "./revisions";

export type ImportAction = "create" | "update" | "unchanged";

export interface ImportSummary {
  counts: Record<RevisionEntity, Record<ImportAction, number>>;
  /** What is created or updated, for people to read before they apply. */
  changes: { action: Exclude<ImportAction, "unchanged">; entity: RevisionEntity; label: string; fields?: string[] }[];
}

class Rollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super("preview");
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a instanceof Date ? a.toISOString() : (a ?? null)) === JSON.stringify(b instanceof Date ? b.toISOString() : (b ?? null));

/** The fields of `data` whose values differ from `record`. */
function differing(record: Record<string, unknown>, data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((k) => !same(record[k], data[k]));
}

export async function runImport(doc: ImportDocument, options: { apply: boolean; actor?: string }): Promise<ImportSummary> {
  // The log says the change came in a file, and whose file it was.
  const actor = options.actor ? `${options.actor} (import)` : "import";
  const entities: RevisionEntity[] = ["event", "source", "report", "incident", "claim"];
  const summary: ImportSummary = {
    counts: Object.fromEntries(entities.map((e) => [e, { create: 0, update: 0, unchanged: 0 }])) as ImportSummary["counts"],
    changes: [],
  };
  const note = (action: ImportAction, entity: RevisionEntity, label: string, fields?: string[]) => {
    summary.counts[entity][action]++;
    if (action !== "unchanged") summary.changes.push({ action, entity, label, ...(fields ? { fields } : {}) });
  };

  try {
    return await write(async (tx) => {
      const sourceIds = await importSources(tx, doc, note, actor);
      const sourceId = async (name: string) => {
        // A source the file cites without listing it may already be in the database.
        const known = sourceIds.get(name) ?? (await tx.source.findUnique({ where: { name }, select: { id: true } }))?.id;
        if (known) {
          sourceIds.set(name, known);
          return known;
        }
        const created = await tx.source.create({ data: { name, kind: "other" } });
        await logWholeRecord(tx, "create", "source", created.id, null, created, actor);
        note("create", "source", name);
        sourceIds.set(name, created.id);
        return created.id;
      };
      for (const e of doc.events) await importEvent(tx, e, sourceId, note, actor);
      if (!options.apply) throw new Rollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.summary;
    throw error;
  }
}

type Note = (action: ImportAction, entity: RevisionEntity, label: string, fields?: string[]) => void;

async function importSources(tx: Tx, doc: ImportDocument, note: Note, actor: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of doc.sources) {
    const existing = await tx.source.findUnique({ where: { name: s.name } });
    if (!existing) {
      const { partial: _p, ...data } = s;
      const created = await tx.source.create({ data: s.partial ? { name: s.name, kind: "other", homeUrl: s.homeUrl } : data });
      await logWholeRecord(tx, "create", "source", created.id, null, created, actor);
      note("create", "source", s.name);
      ids.set(s.name, created.id);
      continue;
    }
    const data: Record<string, unknown> = s.partial ? (s.homeUrl ? { homeUrl: s.homeUrl } : {}) : { kind: s.kind, leaning: s.leaning, homeUrl: s.homeUrl };
    const fields = differing(existing, data);
    if (fields.length) {
      const after = await tx.source.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
      await logChanges(tx, "source", existing.id, null, existing, after, actor);
    }
    note(fields.length ? "update" : "unchanged", "source", s.name, fields.length ? fields : undefined);
    ids.set(s.name, existing.id);
  }
  return ids;
}

async function importEvent(tx: Tx, e: ImportDocument["events"][number], sourceId: (name: string) => Promise<number>, note: Note, actor: string) {
  const { slug, scheduledStart, actualStart, endedAt, ...rest } = e.fields;
  const times = resolveEventTimes({ scheduledStart, actualStart, endedAt }, rest.timeZone);
  if (!times.ok) throw new ValidationError("Some times cannot be read.", times.errors);
  const data = { ...rest, ...times.times };
  let event = await tx.event.findUnique({ where: { slug } });
  if (!event) {
    event = await tx.event.create({ data: { ...data, slug } });
    await logWholeRecord(tx, "create", "event", event.id, event.id, event, actor);
    note("create", "event", slug);
  } else {
    const carried = e.only ? Object.fromEntries(Object.entries(data).filter(([k]) => e.only!.includes(k))) : data;
    const fields = differing(event, carried);
    if (fields.length) {
      const after = await tx.event.update({ where: { id: event.id }, data: { ...carried, version: { increment: 1 } } });
      await logChanges(tx, "event", event.id, event.id, event, after, actor);
      event = after;
    }
    note(fields.length ? "update" : "unchanged", "event", slug, fields.length ? fields : undefined);
  }
  const eventId = event.id;

  for (const r of e.reports) {
    const { source, newSourceName: _n, sourceId: _s, reportedOn, ...fields } = r;
    const data = { ...fields, unit: METRICS[r.metric].unit, reportedOn: reportedOn ? new Date(`${reportedOn}T00:00:00Z`) : null, sourceId: await sourceId(source) };
    const label = `${slug}: ${r.metric} from ${source}`;
    const existing = await tx.report.findFirst({ where: { eventId, metric: r.metric, sourceId: data.sourceId } });
    if (!existing) {
      const created = await tx.report.create({ data: { ...data, eventId } });
      await logWholeRecord(tx, "create", "report", created.id, eventId, created, actor);
      note("create", "report", label);
      continue;
    }
    const changed = differing(existing, data);
    if (changed.length) {
      const after = await tx.report.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
      await logChanges(tx, "report", existing.id, eventId, existing, after, actor);
    }
    note(changed.length ? "update" : "unchanged", "report", label, changed.length ? changed : undefined);
  }

  const incidentIds = new Map<string, number>();
  for (const i of e.incidents) {
    const { source, ...fields } = i;
    const data = { ...fields, sourceId: source ? await sourceId(source) : null };
    const label = `${slug}: ${i.kind}${i.description ? ` (${i.description.slice(0, 40)})` : ""}`;
    const existing = await tx.incident.findFirst({ where: { eventId, kind: i.kind, startOffsetMinutes: i.startOffsetMinutes, description: i.description } });
    if (!existing) {
      const created = await tx.incident.create({ data: { ...data, eventId } });
      await logWholeRecord(tx, "create", "incident", created.id, eventId, created, actor);
      incidentIds.set(i.description, created.id);
      note("create", "incident", label);
      continue;
    }
    incidentIds.set(i.description, existing.id);
    const changed = differing(existing, data);
    if (changed.length) {
      const after = await tx.incident.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 } } });
      await logChanges(tx, "incident", existing.id, eventId, existing, after, actor);
    }
    note(changed.length ? "update" : "unchanged", "incident", label, changed.length ? changed : undefined);
  }

  for (const c of e.claims) {
    const stances = await Promise.all(
      c.stances.map(async (s, k) => ({ sourceId: await sourceId(c.stanceSources[k]), stance: s.stance, quote: s.quote, url: s.url })),
    );
    const data = {
      quote: c.quote,
      claimantId: await sourceId(c.claimant),
      status: c.status,
      url: c.url,
      incidentId: c.incident ? (incidentIds.get(c.incident) ?? null) : null,
    };
    const label = `${slug}: "${c.statement.slice(0, 60)}"`;
    const existing = await tx.claim.findFirst({ where: { eventId, statement: c.statement }, include: { stances: { orderBy: { id: "asc" } } } });
    if (!existing) {
      const created = await tx.claim.create({ data: { ...data, statement: c.statement, eventId, stances: { create: stances } }, include: { stances: true } });
      await logWholeRecord(tx, "create", "claim", created.id, eventId, { ...created, stances }, actor);
      note("create", "claim", label);
      continue;
    }
    const before = { ...existing, stances: existing.stances.map(({ sourceId, stance, quote, url }) => ({ sourceId, stance, quote, url })) };
    const changed = differing(before, { ...data, stances });
    if (changed.length) {
      await tx.claimSource.deleteMany({ where: { claimId: existing.id } });
      await tx.claim.update({ where: { id: existing.id }, data: { ...data, version: { increment: 1 }, stances: { create: stances } } });
      await logChanges(tx, "claim", existing.id, eventId, before, { ...before, ...data, stances }, actor);
    }
    note(changed.length ? "update" : "unchanged", "claim", label, changed.length ? changed : undefined);
  }
}
