// Writes the reference events of FACTS.md, creating only what is missing, so that a second run changes nothing.
import "server-only";
import { type Tx, write } from "../db";
import { unitOf } from "../domain/metrics";
import { logChanges, logWholeRecord, type RevisionEntity } from "./revisions";
import { QUOTE_FIELDS, SEED_EVENTS, SEED_SOURCES, type SeedEvent, type SeedQuote } from "./seed-data";

export const SEED_ACTOR = "seed";

export interface SeedResult {
  sourcesCreated: number;
  eventsCreated: number;
  /** Records of existing events that the seed made earlier and has now given the quote fields they lacked. */
  recordsFilled: number;
}

/**
 * Sources are matched by name and events by slug. An event that exists gets no new records, and of its seeded
 * records only the quote fields are filled in, and only on records nobody but the seed ever changed: the seed never
 * overwrites what people corrected.
 */
export async function seedDatabase(): Promise<SeedResult> {
  return write(async (tx) => {
    const result: SeedResult = { sourcesCreated: 0, eventsCreated: 0, recordsFilled: 0 };
    const sourceIds = new Map<string, number>();
    for (const s of SEED_SOURCES) {
      let source = await tx.source.findUnique({ where: { name: s.name } });
      if (!source) {
        source = await tx.source.create({ data: s });
        await logWholeRecord(tx, "create", "source", source.id, null, source, SEED_ACTOR);
        result.sourcesCreated++;
      }
      sourceIds.set(s.name, source.id);
    }
    const sourceId = (name: string) => {
      const id = sourceIds.get(name);
      if (id === undefined) throw new Error(`Seed data names an unknown source: ${name}`);
      return id;
    };

    for (const e of SEED_EVENTS) {
      const existing = await tx.event.findUnique({ where: { slug: e.slug } });
      if (existing) {
        result.recordsFilled += await fillQuotes(tx, existing.id, e, sourceId);
        continue;
      }
      const { reports, incidents, claims, ...fields } = e;
      const event = await tx.event.create({ data: fields });
      await logWholeRecord(tx, "create", "event", event.id, event.id, event, SEED_ACTOR);
      result.eventsCreated++;

      for (const r of reports) {
        const { source, ...rest } = r;
        const report = await tx.report.create({ data: { ...rest, unit: unitOf(r.metric), eventId: event.id, sourceId: sourceId(source) } });
        await logWholeRecord(tx, "create", "report", report.id, event.id, report, SEED_ACTOR);
      }
      const incidentIds = new Map<string, number>();
      for (const i of incidents) {
        const { source, ...rest } = i;
        const incident = await tx.incident.create({ data: { ...rest, eventId: event.id, sourceId: sourceId(source) } });
        incidentIds.set(i.description, incident.id);
        await logWholeRecord(tx, "create", "incident", incident.id, event.id, incident, SEED_ACTOR);
      }
      for (const c of claims) {
        const claim = await tx.claim.create({
          data: {
            eventId: event.id,
            statement: c.statement,
            ...quoteOf(c),
            status: c.status,
            claimantId: sourceId(c.claimant),
            incidentId: c.incident ? (incidentIds.get(c.incident) ?? null) : null,
            stances: { create: c.stances.map((st) => ({ sourceId: sourceId(st.source), stance: st.stance, ...quoteOf(st) })) },
          },
          include: { stances: true },
        });
        await logWholeRecord(tx, "create", "claim", claim.id, event.id, claim, SEED_ACTOR);
      }
    }
    return result;
  });
}

type QuoteColumns = { quote: string | null; quoteLang: string | null; quoteEnglish: string | null; reportedOn: Date | null };

function quoteOf(q: SeedQuote): QuoteColumns {
  return { quote: q.quote, quoteLang: q.quoteLang, quoteEnglish: q.quoteEnglish, reportedOn: q.reportedOn };
}

const sameValue = (a: unknown, b: unknown) => (a instanceof Date ? a.getTime() : a) === (b instanceof Date ? b.getTime() : b);
const quoteDiffers = (record: QuoteColumns, wanted: QuoteColumns) => QUOTE_FIELDS.some((f) => !sameValue(record[f], wanted[f]));

/** True when the correction log shows the record made by the seed and changed by no one else since. */
async function onlySeedChanged(tx: Tx, entity: RevisionEntity, entityId: number): Promise<boolean> {
  const revisions = await tx.revision.findMany({ where: { entity, entityId }, select: { actor: true } });
  return revisions.length > 0 && revisions.every((r) => r.actor === SEED_ACTOR);
}

/**
 * Gives the seeded records of an event seeded before they carried quotes their quote fields, matched as the import
 * matches them (figures by metric and source, incidents by kind and description, claims by statement, stances by
 * source). Returns how many records it changed.
 */
async function fillQuotes(tx: Tx, eventId: number, e: SeedEvent, sourceId: (name: string) => number): Promise<number> {
  let filled = 0;
  for (const r of e.reports) {
    const wanted = quoteOf(r);
    const before = await tx.report.findFirst({ where: { eventId, metric: r.metric, sourceId: sourceId(r.source) } });
    if (!before || !quoteDiffers(before, wanted) || !(await onlySeedChanged(tx, "report", before.id))) continue;
    const after = await tx.report.update({ where: { id: before.id }, data: { ...wanted, version: { increment: 1 } } });
    await logChanges(tx, "report", before.id, eventId, before, after, SEED_ACTOR);
    filled++;
  }
  for (const i of e.incidents) {
    const wanted = quoteOf(i);
    const before = await tx.incident.findFirst({ where: { eventId, kind: i.kind, description: i.description } });
    if (!before || !quoteDiffers(before, wanted) || !(await onlySeedChanged(tx, "incident", before.id))) continue;
    const after = await tx.incident.update({ where: { id: before.id }, data: { ...wanted, version: { increment: 1 } } });
    await logChanges(tx, "incident", before.id, eventId, before, after, SEED_ACTOR);
    filled++;
  }
  const withStances = { stances: { orderBy: { id: "asc" as const } } };
  for (const c of e.claims) {
    const before = await tx.claim.findFirst({ where: { eventId, statement: c.statement }, include: withStances });
    if (!before) continue;
    const stances = c.stances.flatMap((st) => {
      const row = before.stances.find((s) => s.sourceId === sourceId(st.source));
      return row && quoteDiffers(row, quoteOf(st)) ? [{ id: row.id, data: quoteOf(st) }] : [];
    });
    const wanted = quoteOf(c);
    if ((!quoteDiffers(before, wanted) && stances.length === 0) || !(await onlySeedChanged(tx, "claim", before.id))) continue;
    for (const st of stances) await tx.claimSource.update({ where: { id: st.id }, data: st.data });
    const after = await tx.claim.update({ where: { id: before.id }, data: { ...wanted, version: { increment: 1 } }, include: withStances });
    await logChanges(tx, "claim", before.id, eventId, claimSnapshot(before), claimSnapshot(after), SEED_ACTOR);
    filled++;
  }
  return filled;
}

/** A claim as the log keeps it: its fields and its stances as one list. */
function claimSnapshot<S extends { sourceId: number; stance: string; url: string | null } & QuoteColumns>(claim: { stances: S[] } & Record<string, unknown>) {
  return {
    ...claim,
    stances: claim.stances.map(({ sourceId, stance, quote, quoteLang, quoteEnglish, url, reportedOn }) => ({ sourceId, stance, quote, quoteLang, quoteEnglish, url, reportedOn })),
  };
}
