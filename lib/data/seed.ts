// Writes the reference events of FACTS.md, creating only what is missing, so that a second run changes nothing.
import { write } from "../db";
import { unitOf } from "../domain/metrics";
import { logWholeRecord } from "./revisions";
import { SEED_EVENTS, SEED_SOURCES } from "./seed-data";

export const SEED_ACTOR = "seed";

export interface SeedResult {
  sourcesCreated: number;
  eventsCreated: number;
}

/**
 * Sources are matched by name and events by slug. An event that exists is left as it is, edits included: the
 * seed never overwrites what people corrected.
 */
export async function seedDatabase(): Promise<SeedResult> {
  return write(async (tx) => {
    const result: SeedResult = { sourcesCreated: 0, eventsCreated: 0 };
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
      if (await tx.event.findUnique({ where: { slug: e.slug } })) continue;
      const { reports, incidents, claims, ...fields } = e;
      const event = await tx.event.create({ data: fields });
      await logWholeRecord(tx, "create", "event", event.id, event.id, event, SEED_ACTOR);
      result.eventsCreated++;

      for (const r of reports) {
        const { source, ...rest } = r;
        const report = await tx.report.create({
          data: { ...rest, unit: unitOf(r.metric), quoteLang: r.quote ? "en" : null, eventId: event.id, sourceId: sourceId(source) },
        });
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
            quote: c.quote,
            status: c.status,
            claimantId: sourceId(c.claimant),
            incidentId: c.incident ? (incidentIds.get(c.incident) ?? null) : null,
            stances: {
              create: c.stances.map((st) => ({ sourceId: sourceId(st.source), stance: st.stance, quote: st.quote })),
            },
          },
          include: { stances: true },
        });
        await logWholeRecord(tx, "create", "claim", claim.id, event.id, claim, SEED_ACTOR);
      }
    }
    return result;
  });
}
