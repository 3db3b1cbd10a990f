// Applies an import in one transaction, all or nothing: records are matched (events by slug, sources by name, figures,
// incidents, claims and key moments by the id an export gives them, or, in a file without ids, by what they say), so
// the same file imported twice changes nothing the second time, and an export imported elsewhere keeps its ids. Matching
// is the import's own; every write goes through the same operations as the API and the forms, inside the import's
// transaction. A preview runs the very same steps and rolls them back.
import "server-only";
import type { Tx } from "../db";
import { ValidationError } from "../errors";
import { METRICS } from "../domain/metrics";
import { incidentKindLabel } from "../domain/options";
import type { ImportDocument } from "../import/parse";
import { EventInput, resolveEventTimes } from "../validation/event";
import { CLAIM_FIELDS } from "../validation/claim";
import { INCIDENT_FIELDS } from "../validation/incident";
import { MOMENT_FIELDS } from "../validation/moment";
import { REPORT_FIELDS } from "../validation/report";
import { mergePatch, toInput } from "../validation/values";
import { createClaim, snapshotClaim, updateClaim } from "./claim-writes";
import { createEvent, updateEvent } from "./event-writes";
import { storedDay } from "./dates";
import { createIncident, updateIncident } from "./incident-writes";
import { createMoment, updateMoment } from "./moment-writes";
import { authorizeWrite, inTransaction, type WriteContext } from "./operation";
import { createReport, updateReport } from "./report-writes";
import type { RevisionEntity } from "./revisions";
import { createSource, updateSource } from "./source-writes";
import { instantArg, record } from "./sql";

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

/** A value as comparable text: dates as instants, missing as null, objects with their keys in order (stances). */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v ?? null;
  });
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The fields of `data` whose values differ from `record`. */
function differing(record: Record<string, unknown>, data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((k) => !same(record[k], data[k]));
}

type Note = (action: ImportAction, entity: RevisionEntity, label: string, fields?: string[]) => void;

/** How far an import has got: records (sources, events and what they hold) checked or written, of all the file's. */
export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * How long an import runs before it lets the event loop take a turn. On SQLite every statement answers at once, so
 * without a turn a large import would hold the process until its end: its own progress would reach the page only
 * with its outcome, and every other request (a page, a live viewer) would wait for it.
 */
const TURN_EVERY_MS = 50;

/** Every record of a file, as the progress counts them. */
export function countRecords(doc: ImportDocument): number {
  return doc.sources.length + doc.events.reduce((n, e) => n + 1 + e.reports.length + e.incidents.length + e.claims.length + e.moments.length, 0);
}

export async function runImport(
  doc: ImportDocument,
  options: { apply: boolean; ctx: WriteContext; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportSummary> {
  // The log says the change came in a file, and whose file it was; the operations below check the caller again.
  const actor = authorizeWrite(options.ctx);
  const entities: RevisionEntity[] = ["event", "source", "report", "incident", "claim", "moment"];
  const summary: ImportSummary = {
    counts: Object.fromEntries(entities.map((e) => [e, { create: 0, update: 0, unchanged: 0 }])) as ImportSummary["counts"],
    changes: [],
  };
  const note: Note = (action, entity, label, fields) => {
    summary.counts[entity][action]++;
    if (action !== "unchanged") summary.changes.push({ action, entity, label, ...(fields ? { fields } : {}) });
  };

  try {
    return await inTransaction(options.ctx, actor, async ({ tx }) => {
      const ctx: WriteContext = { actor: options.ctx.actor, tx, via: "import" };
      const sourceIds = await importSources(tx, ctx, doc, note);
      const sourceId = async (name: string) => {
        // A source the file cites without listing it may already be in the database.
        const known = sourceIds.get(name) ?? (await record<{ id: number }>(tx, 'SELECT "id" FROM "Source" WHERE "name" = ?', name))?.id;
        if (known) {
          sourceIds.set(name, known);
          return known;
        }
        const created = await createSource({ ctx, input: { name, kind: "other" } });
        note("create", "source", name);
        sourceIds.set(name, created.id);
        return created.id;
      };
      const total = countRecords(doc);
      let done = doc.sources.length;
      options.onProgress?.({ done, total });
      let turn = Date.now();
      for (const e of doc.events) {
        await importEvent(tx, ctx, e, sourceId, note);
        done += 1 + e.reports.length + e.incidents.length + e.claims.length + e.moments.length;
        options.onProgress?.({ done, total });
        if (Date.now() - turn >= TURN_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          turn = Date.now();
        }
      }
      if (!options.apply) throw new Rollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.summary;
    throw error;
  }
}

const SOURCE_FIELDS = ["name", "kind", "leaning", "homeUrl"];

async function importSources(tx: Tx, ctx: WriteContext, doc: ImportDocument, note: Note): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const s of doc.sources) {
    const existing = await record<Source>(tx, 'SELECT * FROM "Source" WHERE "name" = ?', s.name);
    if (!existing) {
      const { partial: _p, ...full } = s;
      const created = await createSource({ ctx, input: s.partial ? { name: s.name, kind: "other", homeUrl: s.homeUrl } : full });
      note("create", "source", s.name);
      ids.set(s.name, created.id);
      continue;
    }
    // A CSV names a source and its home page only: its kind and leaning stay as they are.
    const carried: Record<string, unknown> = s.partial ? (s.homeUrl ? { homeUrl: s.homeUrl } : {}) : { kind: s.kind, leaning: s.leaning, homeUrl: s.homeUrl };
    const fields = differing(existing, carried);
    if (fields.length) await updateSource({ ctx, id: existing.id, input: { ...mergePatch(existing, carried, SOURCE_FIELDS), version: existing.version } });
    note(fields.length ? "update" : "unchanged", "source", s.name, fields.length ? fields : undefined);
    ids.set(s.name, existing.id);
  }
  return ids;
}

const EVENT_FIELDS = Object.keys(EventInput.shape);

async function importEvent(tx: Tx, ctx: WriteContext, e: ImportDocument["events"][number], sourceId: (name: string) => Promise<number>, note: Note) {
  const { slug, scheduledStart, actualStart, endedAt, ...rest } = e.fields;
  let event = await record<Event>(tx, 'SELECT * FROM "Event" WHERE "slug" = ?', slug);
  // A new event's records can only be ones this file made: they are matched in memory, not looked for in the database.
  const isNew = !event;
  if (!event) {
    event = await createEvent({ ctx, input: e.fields });
    note("create", "event", slug);
  } else {
    // Compared as stored, so that a local time and the same instant written with an offset are no change.
    const times = resolveEventTimes({ scheduledStart, actualStart, endedAt }, rest.timeZone);
    if (!times.ok) throw new ValidationError("Some times cannot be read.", times.errors);
    const stored = { ...rest, ...times.times };
    const carried = e.only ? Object.fromEntries(Object.entries(stored).filter(([k]) => e.only!.includes(k))) : stored;
    const fields = differing(event, carried);
    if (fields.length) {
      const given = e.only ? Object.fromEntries(Object.entries(e.fields).filter(([k]) => e.only!.includes(k))) : e.fields;
      event = await updateEvent({ ctx, slug, input: { ...mergePatch(event, given, EVENT_FIELDS), version: event.version } });
    }
    note(fields.length ? "update" : "unchanged", "event", slug, fields.length ? fields : undefined);
  }
  const eventId = event.id;

  const madeReports = new Map<string, Report>();
  for (const r of e.reports) {
    const { source, newSourceName: _n, sourceId: _s, key, ...fields } = r;
    const input = { ...fields, sourceId: await sourceId(source) };
    const label = `${slug}: ${METRICS[r.metric].label} from ${source}${r.reportedOn ? `, reported on ${r.reportedOn}` : ""}${r.scope !== "global" ? `, ${r.scope}` : ""}`;
    const says = [r.metric, input.sourceId, r.reportedOn, r.scope].join("\u0000");
    const { existing, key: newKey } = ownRecord(
      key,
      key ? await record<Report>(tx, 'SELECT * FROM "Report" WHERE "key" = ?', key) : null,
      eventId,
      isNew ? (madeReports.get(says) ?? null) : await sameReport(tx, eventId, { ...r, sourceId: input.sourceId }),
    );
    if (!existing) {
      const made = await createReport({ ctx, slug, input, key: newKey });
      if (!madeReports.has(says)) madeReports.set(says, made);
      note("create", "report", label);
      continue;
    }
    const changed = differing(toInput(existing, REPORT_FIELDS), input);
    if (changed.length) await updateReport({ ctx, id: existing.id, input: { ...input, version: existing.version } });
    note(changed.length ? "update" : "unchanged", "report", label, changed.length ? changed : undefined);
  }

  const incidentIds = new Map<string, number>();
  const madeIncidents = new Map<string, Incident>();
  for (const i of e.incidents) {
    const { source, key, newSourceName: _n, ...fields } = i;
    const input = { ...fields, sourceId: source ? await sourceId(source) : null };
    const says = [i.kind, i.startOffsetMinutes, i.description].join("\u0000");
    const label = `${slug}: ${incidentKindLabel(i.kind)}${i.description ? ` (${i.description.slice(0, 40)})` : ""}`;
    const { existing, key: newKey } = ownRecord(
      key,
      key ? await record<Incident>(tx, 'SELECT * FROM "Incident" WHERE "key" = ?', key) : null,
      eventId,
      isNew
        ? (madeIncidents.get(says) ?? null)
        : await record<Incident>(
            tx,
            // IS NOT DISTINCT FROM: null matches null, and PostgreSQL learns the argument's type from the column.
            'SELECT * FROM "Incident" WHERE "eventId" = ? AND "kind" = ? AND "description" = ? AND "startOffsetMinutes" IS NOT DISTINCT FROM ? ORDER BY "id" LIMIT 1',
            eventId,
            i.kind,
            i.description,
            i.startOffsetMinutes,
          ),
    );
    if (!existing) {
      const created = await createIncident({ ctx, slug, input, key: newKey });
      if (!madeIncidents.has(says)) madeIncidents.set(says, created);
      incidentIds.set(i.description, created.id);
      note("create", "incident", label);
      continue;
    }
    incidentIds.set(i.description, existing.id);
    const changed = differing(toInput(existing, INCIDENT_FIELDS), input);
    if (changed.length) await updateIncident({ ctx, id: existing.id, input: { ...input, version: existing.version } });
    note(changed.length ? "update" : "unchanged", "incident", label, changed.length ? changed : undefined);
  }

  for (const c of e.claims) {
    const { claimant, incident, stanceSources, stances: checkedStances, newClaimantName: _n, claimantId: _c, key, ...fields } = c;
    const stances = [];
    for (const [k, s] of checkedStances.entries()) stances.push({ ...s, sourceId: await sourceId(stanceSources[k]) });
    const input = {
      ...fields,
      claimantId: await sourceId(claimant),
      incidentId: incident ? (incidentIds.get(incident) ?? null) : null,
      stances,
    };
    const label = `${slug}: "${c.statement.slice(0, 60)}"`;
    const withStances = { stances: { orderBy: { id: "asc" as const } } };
    const { existing, key: newKey } = ownRecord(
      key,
      key ? await tx.claim.findUnique({ where: { key }, include: withStances }) : null,
      eventId,
      await tx.claim.findFirst({ where: { eventId, statement: c.statement }, include: withStances }),
    );
    if (!existing) {
      await createClaim({ ctx, slug, input, key: newKey });
      note("create", "claim", label);
      continue;
    }
    const changed = differing(toInput(snapshotClaim(existing), CLAIM_FIELDS), input);
    if (changed.length) await updateClaim({ ctx, id: existing.id, input: { ...input, version: existing.version } });
    note(changed.length ? "update" : "unchanged", "claim", label, changed.length ? changed : undefined);
  }

  for (const m of e.moments) {
    const { source, key, newSourceName: _n, sourceId: _s, ...fields } = m;
    const input = { ...fields, sourceId: source ? await sourceId(source) : null };
    const label = `${slug}: ${m.label}`;
    const { existing, key: newKey } = ownRecord(
      key,
      key ? await tx.moment.findUnique({ where: { key } }) : null,
      eventId,
      await tx.moment.findFirst({ where: { eventId, label: m.label } }),
    );
    if (!existing) {
      await createMoment({ ctx, slug, input, key: newKey });
      note("create", "moment", label);
      continue;
    }
    // The stored instant against the file's: the same instant written in another form is no change.
    const given = { ...input, at: new Date(input.at).toISOString() };
    const changed = differing(toInput(existing, MOMENT_FIELDS), given);
    if (changed.length) await updateMoment({ ctx, id: existing.id, input: { ...input, version: existing.version } });
    note(changed.length ? "update" : "unchanged", "moment", label, changed.length ? changed : undefined);
  }
}

type Source = Awaited<ReturnType<Tx["source"]["create"]>>;
type Event = Awaited<ReturnType<Tx["event"]["create"]>>;
type Report = Awaited<ReturnType<Tx["report"]["create"]>>;
type Incident = Awaited<ReturnType<Tx["incident"]["create"]>>;

/** The event's figure that says the same (metric, source, day reported, scope), in a file without ids. */
function sameReport(tx: Tx, eventId: number, r: { metric: string; sourceId: number; reportedOn: string | null; scope: string }) {
  const day = storedDay(r.reportedOn);
  return record<Report>(
    tx,
    'SELECT * FROM "Report" WHERE "eventId" = ? AND "metric" = ? AND "sourceId" = ? AND "scope" = ? AND "reportedOn" IS NOT DISTINCT FROM ? ORDER BY "id" LIMIT 1',
    eventId,
    r.metric,
    r.sourceId,
    r.scope,
    day ? instantArg(day) : null,
  );
}

/**
 * The record an import updates, and the id a new one gets: the record with the file's id when it belongs to this
 * event; else the one of this event that says the same (a file without ids, or a copy of another event's records
 * under a new slug, whose ids stay with the originals: the copies are made with ids of their own).
 */
function ownRecord<T extends { eventId: number }>(
  key: string | null,
  byKey: T | null,
  eventId: number,
  byContent: T | null,
): { existing: T | null; key: string | null } {
  if (byKey && byKey.eventId === eventId) return { existing: byKey, key };
  return { existing: byContent, key: byKey ? null : key };
}
