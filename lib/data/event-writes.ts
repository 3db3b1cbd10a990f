// Writes of events: create, update (refused when stale) and delete, each in one transaction with its revisions.
import { AUDIENCE_METRICS, audienceUnit } from "../domain/metrics";
import "server-only";
import type { Tx } from "../db";
import { ConflictError, EventNotFoundError, NotFoundError, ValidationError } from "../errors";
import { DetectorSettingsInput, mergeDetectorSettings } from "../domain/detectors";
import { EventInput, EventUpdate, resolveEventTimes, slugify } from "../validation/event";
import { runAuthorized, runOperation, type WriteContext } from "./operation";
import { logChanges, logWholeRecord } from "./revisions";
import { insertRecord, record, updateRecord, writeSql } from "./sql";

function eventData(input: Omit<EventInput, "slug"> & { slug?: EventInput["slug"] }) {
  const resolved = resolveEventTimes(input, input.timeZone);
  if (!resolved.ok) throw new ValidationError("Some times cannot be read.", resolved.errors);
  const { slug: _slug, scheduledStart: _s, actualStart: _a, endedAt: _e, ...rest } = input;
  return { ...rest, ...resolved.times };
}

const TAKEN = "Another event already uses this slug.";

/** A slug no other event has: the title's, then with -2, -3… */
type Event = Awaited<ReturnType<Tx["event"]["create"]>>;

const slugTaken = async (tx: Tx, slug: string) => (await writeSql(tx).one('SELECT "id" FROM "Event" WHERE "slug" = ?', slug)) !== undefined;

async function freeSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (await writeSql(tx).all<{ slug: string }>('SELECT "slug" FROM "Event" WHERE substr("slug", 1, ?) = ?', base.length, base)).map((e) => e.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createEvent({ ctx, input }: { ctx: WriteContext; input: unknown }) {
  return runOperation(ctx, EventInput, input, async ({ tx, actor }, input) => {
    const data = eventData(input);
    let slug = input.slug;
    if (slug) {
      if (await slugTaken(tx, slug)) throw new ConflictError(TAKEN, { slug: [TAKEN] });
    } else {
      slug = await freeSlug(tx, input.title);
    }
    const event = await insertRecord<Event>(tx, "Event", { ...data, slug });
    await logWholeRecord(tx, "create", "event", event.id, event.id, event, actor);
    return event;
  });
}

export const STALE = "This record changed since you opened it. The newer values are shown; make your change again on top of them.";

export async function updateEvent({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: unknown }) {
  return runOperation(ctx, EventUpdate, input, async ({ tx, actor }, input) => {
    const { version, ...fields } = input;
    const data = eventData(fields);
    const before = await record<Event>(tx, 'SELECT * FROM "Event" WHERE "slug" = ?', slug);
    if (!before) throw new EventNotFoundError(slug);
    if (before.version !== version) throw new ConflictError(STALE, {}, before);
    const newSlug = input.slug ?? before.slug;
    if (newSlug !== before.slug && (await slugTaken(tx, newSlug))) throw new ConflictError(TAKEN, { slug: [TAKEN] });
    // The version in the WHERE clause makes the check and the write one step.
    const after = await updateRecord<Event>(tx, "Event", before.id, { ...data, slug: newSlug }, version);
    if (!after) throw new ConflictError(STALE, {}, before);
    await logChanges(tx, "event", after.id, after.id, before, after, actor);
    // The audience of a video event is counted in viewers, of an audio one in listeners: its figures follow.
    if (after.medium !== before.medium) {
      const metrics = [...AUDIENCE_METRICS];
      await writeSql(tx).run(
        `UPDATE "Report" SET "unit" = ? WHERE "eventId" = ? AND "metric" IN (${metrics.map(() => "?").join(", ")})`,
        audienceUnit(after.medium),
        after.id,
        ...metrics,
      );
    }
    return after;
  });
}

/** Deletes an event with its incidents, reports and claims, logging each removal. */
export async function deleteEvent({ ctx, slug }: { ctx: WriteContext; slug: string }) {
  return runAuthorized(ctx, async ({ tx, actor }) => {
    const event = await tx.event.findUnique({
      where: { slug },
      include: { reports: true, incidents: true, moments: true, claims: { include: { stances: true } } },
    });
    if (!event) throw new EventNotFoundError(slug);
    const { reports, incidents, moments, claims, ...record } = event;
    for (const r of reports) await logWholeRecord(tx, "delete", "report", r.id, event.id, r, actor);
    for (const i of incidents) await logWholeRecord(tx, "delete", "incident", i.id, event.id, i, actor);
    for (const c of claims) await logWholeRecord(tx, "delete", "claim", c.id, event.id, c, actor);
    for (const m of moments) await logWholeRecord(tx, "delete", "moment", m.id, event.id, m, actor);
    await logWholeRecord(tx, "delete", "event", event.id, event.id, record, actor);
    await tx.event.delete({ where: { id: event.id } });
    return record;
  });
}

/** An event's detector settings where they depart from the defaults (lib/domain/detectors.ts); `{}` restores them. */
export async function setDetectorSettings({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: unknown }) {
  return runOperation(ctx, DetectorSettingsInput, input, async ({ tx, actor }, overrides) => {
    const before = await tx.event.findUnique({ where: { slug } });
    if (!before) throw new NotFoundError(`No event has the slug "${slug}".`);
    const stored = Object.keys(overrides).length ? JSON.stringify(overrides) : null;
    const after = await tx.event.update({ where: { id: before.id }, data: { detectorSettings: stored, version: { increment: 1 } } });
    await logChanges(tx, "event", after.id, after.id, before, after, actor);
    return { overrides, settings: mergeDetectorSettings(overrides) };
  });
}
