// Samples: stored in batches, idempotent on (event, series, instant), rolled up per minute in the same transaction,
// read back raw or at a resolution, and purged once older than the raw retention (the roll-ups stay).
import "server-only";
import { onPostgres, write } from "../db";
import { actorRef } from "../domain/actor";
import { InvalidInputError, ValidationError } from "../errors";
import { checkSamples, type RawBatch, type SampleInput } from "../validation/sample";
import { markSampled } from "./monitors";
import { authorizeWrite, inTransaction, type WriteContext } from "./operation";
import { clientSql, instantArg, instantMs, readSql, type Sql, writeSql } from "./sql";
import { eventIdOf } from "./report-writes";

const minuteArg = (ms: number) => instantArg(Math.floor(ms / 60_000) * 60_000);

export interface StoredSample {
  id: number;
  series: string;
  at: number;
  value: number;
}

export interface IngestResult {
  eventId: number;
  stored: number;
  duplicates: number;
  /** The samples this request added, in the order of their ids (what live viewers are sent). */
  samples: StoredSample[];
}

/**
 * Stores a batch. The caller must be allowed to write; a single bad sample refuses the whole batch, naming it. A
 * sample already stored (same series and instant) is counted as a duplicate and left as it was.
 */
export async function ingestSamples({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: RawBatch }): Promise<IngestResult> {
  const actor = authorizeWrite(ctx);
  const checked = checkSamples(input);
  if (!checked.ok) throw new InvalidInputError("Some samples are not valid; none was stored.", checked.errors);
  const origin = actorRef(ctx.actor!);
  return inTransaction(ctx, actor, async ({ tx }) => {
    const eventId = await eventIdOf(tx, slug);
    const sql = writeSql(tx);
    const stored = await insertSamples(sql, eventId, checked.samples, origin);
    await rollUp(sql, eventId, stored);
    stored.sort((a, b) => a.id - b.id);
    return { eventId, stored: stored.length, duplicates: checked.samples.length - stored.length, samples: stored };
  });
}

/**
 * Stores what a monitor measured, with its last sample's instant, only while `owner` holds the monitor's lease: a
 * worker whose lease lapsed (and another took the monitor) has its samples refused, so no stream is sampled twice.
 * Answers null when the samples were refused.
 */
export async function storeMonitorSamples({
  monitorId,
  owner,
  eventId,
  samples,
}: {
  monitorId: number;
  owner: string;
  eventId: number;
  samples: SampleInput[];
}): Promise<IngestResult | null> {
  return write(async (tx) => {
    const last = Math.max(...samples.map((s) => s.at));
    if (!(await markSampled(tx, monitorId, owner, new Date(last)))) return null;
    const sql = writeSql(tx);
    const stored = await insertSamples(sql, eventId, samples, `monitor:${monitorId}`);
    await rollUp(sql, eventId, stored);
    stored.sort((a, b) => a.id - b.id);
    return { eventId, stored: stored.length, duplicates: samples.length - stored.length, samples: stored };
  });
}

/** Rows per INSERT: one statement binding 200 samples costs a quarter of 200 single-row statements (5 × 200 = 1,000 variables). */
const ROWS_PER_INSERT = 200;
const insertSql = (rows: number) =>
  `INSERT INTO "Sample" ("eventId", "series", "at", "value", "origin") VALUES ${Array(rows).fill("(?, ?, ?, ?, ?)").join(", ")}
  ON CONFLICT ("eventId", "series", "at") DO NOTHING RETURNING "id", "series", "at"`;

/**
 * Inserts in statements of up to 200 rows, through the write's own statements (on SQLite, prepared once on the
 * writer's connection: a tenth of the cost of the same rows through Prisma). RETURNING names the rows that went in
 * (a duplicate returns nothing), by series and instant (as stored: to the millisecond), since neither database
 * promises their order. A sample repeated inside the batch keeps its first value, and only that one is sent.
 */
async function insertSamples(sql: Sql, eventId: number, samples: SampleInput[], origin: string): Promise<StoredSample[]> {
  const byKey = new Map<string, SampleInput>();
  for (const s of samples) {
    const key = `${s.series}\u0000${new Date(s.at).getTime()}`;
    if (!byKey.has(key)) byKey.set(key, s);
  }
  const rows = [...byKey.values()];
  const stored: StoredSample[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const args: unknown[] = [];
    for (let i = start; i < end; i++) args.push(eventId, rows[i].series, instantArg(rows[i].at), rows[i].value, origin);
    for (const row of await sql.all<{ id: number | bigint; series: string; at: string | Date }>(insertSql(end - start), ...args)) {
      const sample = byKey.get(`${row.series}\u0000${instantMs(row.at)}`)!;
      stored.push({ id: Number(row.id), series: sample.series, at: sample.at, value: sample.value });
    }
  }
  return stored;
}

const ROLLUPS_PER_UPSERT = 100;
/** The smaller and the larger of two values: SQLite's MIN and MAX take two arguments, PostgreSQL's LEAST and GREATEST. */
const smaller = (a: string, b: string) => (onPostgres() ? `LEAST(${a}, ${b})` : `MIN(${a}, ${b})`);
const larger = (a: string, b: string) => (onPostgres() ? `GREATEST(${a}, ${b})` : `MAX(${a}, ${b})`);
const upsertSql = (rows: number) =>
  `INSERT INTO "SampleRollup" ("eventId", "series", "minute", "min", "max", "sum", "count") VALUES ${Array(rows).fill("(?, ?, ?, ?, ?, ?, ?)").join(", ")}
  ON CONFLICT ("eventId", "series", "minute") DO UPDATE SET
    "min" = ${smaller('"SampleRollup"."min"', 'excluded."min"')}, "max" = ${larger('"SampleRollup"."max"', 'excluded."max"')},
    "sum" = "SampleRollup"."sum" + excluded."sum", "count" = "SampleRollup"."count" + excluded."count"`;

/** Adds newly stored samples to their minutes' roll-ups; merging (not recomputing) keeps minutes whose raw samples were purged. */
async function rollUp(sql: Sql, eventId: number, samples: StoredSample[]): Promise<void> {
  const minutes = new Map<string, { series: string; minute: number; min: number; max: number; sum: number; count: number }>();
  for (const s of samples) {
    const minute = Math.floor(s.at / 60_000) * 60_000;
    const key = `${s.series}\u0000${minute}`;
    const m = minutes.get(key);
    if (!m) minutes.set(key, { series: s.series, minute, min: s.value, max: s.value, sum: s.value, count: 1 });
    else {
      m.min = Math.min(m.min, s.value);
      m.max = Math.max(m.max, s.value);
      m.sum += s.value;
      m.count++;
    }
  }
  const all = [...minutes.values()];
  for (let start = 0; start < all.length; start += ROLLUPS_PER_UPSERT) {
    const chunk = all.slice(start, start + ROLLUPS_PER_UPSERT);
    await sql.run(upsertSql(chunk.length), ...chunk.flatMap((m) => [eventId, m.series, instantArg(m.minute), m.min, m.max, m.sum, m.count]));
  }
}

/** A point of a read: raw samples have min = max = value and count 1. */
export interface SeriesPoint {
  at: number;
  value: number;
  min: number;
  max: number;
  count: number;
}

export interface SampleQuery {
  from: number;
  to: number;
  series: string[] | null;
  /** Seconds per point: 0 for the raw samples, else a multiple of 60 read from the roll-ups. */
  resolution: number;
}

/** The most raw samples one read returns: beyond it, ask for a resolution. */
export const MAX_RAW_POINTS = 100_000;

export async function readSamples(eventId: number, query: SampleQuery): Promise<Record<string, SeriesPoint[]>> {
  const db = clientSql();
  const filter = query.series ? ` AND "series" IN (${query.series.map(() => "?").join(", ")})` : "";
  const args = [eventId, instantArg(query.from), instantArg(query.to), ...(query.series ?? [])];
  const out: Record<string, SeriesPoint[]> = {};
  if (query.resolution === 0) {
    const rows = await db.all<{ series: string; at: string | Date; value: number }>(
      `SELECT "series", "at", "value" FROM "Sample" WHERE "eventId" = ? AND "at" >= ? AND "at" < ?${filter} ORDER BY "series", "at" LIMIT ${MAX_RAW_POINTS + 1}`,
      ...args,
    );
    if (rows.length > MAX_RAW_POINTS) {
      throw new ValidationError(`More than ${MAX_RAW_POINTS.toLocaleString("en-US")} samples lie in this range.`, {
        resolution: [`Ask for a resolution (such as resolution=60) or a shorter range: at most ${MAX_RAW_POINTS.toLocaleString("en-US")} raw samples come back.`],
      });
    }
    for (const r of rows) (out[r.series] ??= []).push({ at: instantMs(r.at), value: Number(r.value), min: Number(r.value), max: Number(r.value), count: 1 });
    return out;
  }
  const rows = await db.all<{ series: string; minute: string | Date; min: number; max: number; sum: number; count: number | bigint }>(
    `SELECT "series", "minute", "min", "max", "sum", "count" FROM "SampleRollup" WHERE "eventId" = ? AND "minute" >= ? AND "minute" < ?${filter} ORDER BY "series", "minute"`,
    eventId,
    minuteArg(query.from),
    instantArg(query.to),
    ...(query.series ?? []),
  );
  const step = query.resolution * 1000;
  for (const r of rows) {
    const at = Math.floor(instantMs(r.minute) / step) * step;
    const points = (out[r.series] ??= []);
    const last = points.at(-1);
    const count = Number(r.count);
    if (last && last.at === at) {
      last.min = Math.min(last.min, r.min);
      last.max = Math.max(last.max, r.max);
      last.value = (last.value * last.count + r.sum) / (last.count + count);
      last.count += count;
    } else points.push({ at, value: r.sum / count, min: r.min, max: r.max, count });
  }
  return out;
}

/** The samples of an event stored after `afterId` (a live viewer coming back), oldest first, at most `limit`. */
export async function samplesAfter(eventId: number, afterId: number, limit = 20_000): Promise<StoredSample[]> {
  const rows = await clientSql().all<{ id: number | bigint; series: string; at: string | Date; value: number }>(
    `SELECT "id", "series", "at", "value" FROM "Sample" WHERE "eventId" = ? AND "id" > ? ORDER BY "id" LIMIT ?`,
    eventId,
    afterId,
    limit,
  );
  return rows.map((r) => ({ id: Number(r.id), series: r.series, at: instantMs(r.at), value: Number(r.value) }));
}

/** The raw samples of an event from `since` on, per series in time order: what the detectors and the live page read. */
export async function recentSamples(eventId: number, since: number): Promise<{ bySeries: Record<string, { at: number; value: number }[]>; lastId: number }> {
  const rows = await clientSql().all<{ id: number | bigint; series: string; at: string | Date; value: number }>(
    `SELECT "id", "series", "at", "value" FROM "Sample" WHERE "eventId" = ? AND "at" >= ? ORDER BY "series", "at"`,
    eventId,
    instantArg(since),
  );
  const bySeries: Record<string, { at: number; value: number }[]> = {};
  let lastId = 0;
  for (const r of rows) {
    (bySeries[r.series] ??= []).push({ at: instantMs(r.at), value: Number(r.value) });
    lastId = Math.max(lastId, Number(r.id));
  }
  return { bySeries, lastId };
}

/** The series the detectors read (lib/domain/detectors.ts); a custom series is stored and drawn, not judged. */
export const DETECTOR_SERIES = ["loudness", "listeners", "stream_up"] as const;

/**
 * The detectors' series of an event from `since` on, in time order: one seek of the (event, series, instant) index a
 * series, on SQLite through a read-only connection of its own, so that a detection run every batch costs
 * milliseconds, not a scan through Prisma.
 */
export async function detectorSamples(eventId: number, since: number): Promise<Record<string, { at: number; value: number }[]>> {
  const read = readSql();
  const out: Record<string, { at: number; value: number }[]> = {};
  for (const series of DETECTOR_SERIES) {
    const rows = await read.tuples<[string | Date, number]>(
      `SELECT "at", "value" FROM "Sample" WHERE "eventId" = ? AND "series" = ? AND "at" >= ? ORDER BY "at"`,
      eventId,
      series,
      instantArg(since),
    );
    if (rows.length) out[series] = rows.map(([at, value]) => ({ at: instantMs(at), value: Number(value) }));
  }
  return out;
}

/** The latest sample of each of the detectors' series: one index seek each (the live status line reads it often). */
export async function latestDetectorSamples(eventId: number): Promise<Record<string, { at: number; value: number }>> {
  const read = readSql();
  const out: Record<string, { at: number; value: number }> = {};
  for (const series of DETECTOR_SERIES) {
    const [row] = await read.tuples<[string | Date, number]>(
      `SELECT "at", "value" FROM "Sample" WHERE "eventId" = ? AND "series" = ? ORDER BY "at" DESC LIMIT 1`,
      eventId,
      series,
    );
    if (row) out[series] = { at: instantMs(row[0]), value: Number(row[1]) };
  }
  return out;
}

/** Raw samples older than the retention go; their minutes' roll-ups stay. Answers how many were removed. */
export async function purgeRawSamples(now = Date.now(), retentionDays = sampleRetentionDays()): Promise<number> {
  const cutoff = instantArg(now - retentionDays * 86_400_000);
  // Series by series, so that each delete walks the (event, series, instant) index rather than the whole table.
  const pairs = await clientSql().all<{ eventId: number | bigint; series: string }>(
    `SELECT DISTINCT "eventId", "series" FROM "SampleRollup" WHERE "minute" < ?`,
    cutoff,
  );
  let removed = 0;
  for (const { eventId, series } of pairs) {
    removed += await write((tx) => writeSql(tx).run(`DELETE FROM "Sample" WHERE "eventId" = ? AND "series" = ? AND "at" < ?`, Number(eventId), series, cutoff));
  }
  return removed;
}

/** DEADAIR_SAMPLE_RETENTION_DAYS: how long raw samples are kept (default 30). */
export function sampleRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.DEADAIR_SAMPLE_RETENTION_DAYS);
  return Number.isFinite(days) && days > 0 ? days : 30;
}
