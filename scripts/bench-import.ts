// The import part of `npm run bench`: Dead Air's own JSON export of 1,500 events with 9,000 figures (about 3.7 MB),
// previewed and then applied on an empty database, timed in this process as the import route runs it.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { GET as exportAll } from "../app/api/export/route";
import { disconnectDb } from "../lib/db";
import { systemActor } from "../lib/domain/actor";
import type { MetricKey } from "../lib/domain/metrics";
import { unitOf } from "../lib/domain/metrics";
import { importText } from "../lib/import/run";
import { isPostgresUrl } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare";
import { median } from "./median";

const EVENTS = 1_500;
const SOURCES = 40;
/** Six figures an event: 9,000 in all. */
const METRICS: MetricKey[] = ["start_delay", "expected_audience", "average_audience", "peak_audience", "duration", "silence_before_failure"];
const TARGET_MS = 2_000;
/** Tries of the preview and of the apply. */
const RUNS = 3;
const CONSOLE = { actor: systemActor("console") };

export interface ImportFigures {
  megabytes: number;
  events: number;
  figures: number;
  previewMs: number;
  applyMs: number;
  /** Each try, in milliseconds: the figures above are their medians. */
  previews: number[];
  applies: number[];
  /** A second apply of the same file (everything unchanged). */
  againMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function fill(file: string): void {
  const db = new Database(file);
  const now = iso(Date.now());
  const source = db.prepare(`INSERT INTO "Source" (id, name, kind, homeUrl, version, createdAt, updatedAt) VALUES (?, ?, 'newspaper', ?, 1, ?, ?)`);
  const event = db.prepare(
    `INSERT INTO "Event" (id, slug, title, platform, hosts, guests, scheduledStart, timeZone, actualStart, status, notes, version, createdAt, updatedAt)
     VALUES (?, ?, ?, 'X Spaces', 'A Host', 'A Guest', ?, 'America/New_York', ?, 'ended', '', 1, ?, ?)`,
  );
  const report = db.prepare(
    `INSERT INTO "Report" (key, eventId, metric, value, unit, qualifier, sourceId, url, reportedOn, note, version, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 'approximate', ?, ?, ?, '', 1, ?, ?)`,
  );
  const incident = db.prepare(
    `INSERT INTO "Incident" (key, eventId, kind, startOffsetMinutes, durationMinutes, qualifier, description, sourceId, version, createdAt, updatedAt)
     VALUES (?, ?, 'late_start', 0, ?, 'exact', ?, ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (let s = 1; s <= SOURCES; s++) source.run(s, `Import source ${s}`, `https://source-${s}.example.org`, now, now);
    for (let e = 1; e <= EVENTS; e++) {
      const scheduled = Date.UTC(2020, 0, 1) + e * 3_600_000;
      event.run(e, `import-event-${e}`, `Imported event number ${e}`, iso(scheduled), iso(scheduled + (e % 50) * 60_000), now, now);
      METRICS.forEach((metric, i) => {
        const value = metric.endsWith("audience") ? 1000 * e + i : (e + i) % 120;
        // Every third figure with the address it was reported at.
        const url = (e + i) % 3 === 0 ? `https://news.example.org/${e}/${metric}` : null;
        report.run(randomUUID(), e, metric, value, unitOf(metric), 1 + ((e + i) % SOURCES), url, iso(scheduled + 86_400_000), now, now);
      });
      if (e % 2 === 0) incident.run(randomUUID(), e, e % 50, `Started ${e % 50} minutes late.`, 1 + (e % SOURCES), now, now);
    }
  })();
  db.close();
}

async function switchDatabase(file: string): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = isPostgresUrl(file) ? file : `file:${file}`;
  await prepareDatabase();
}

/** `into`: an empty PostgreSQL database to import into instead of a new SQLite file (BENCH_IMPORT_INTO when run alone). */
export async function runImportBench(into?: string): Promise<ImportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-bench-import-"));
  const previous = process.env.DATABASE_URL;
  try {
    await switchDatabase(path.join(dir, "from.db"));
    fill(path.join(dir, "from.db"));
    const text = await (await exportAll(new Request("http://localhost/api/export?format=json"))).text();
    if (process.env.BENCH_IMPORT_FILE) fs.writeFileSync(process.env.BENCH_IMPORT_FILE, text);
    await switchDatabase(into ?? path.join(dir, "to-1.db"));
    const time = async (apply: boolean) => {
      const started = performance.now();
      const outcome = await importText(text, "json", apply, CONSOLE);
      if (!outcome.ok) throw new Error(`the export does not import: ${JSON.stringify(outcome.errors).slice(0, 300)}`);
      return { ms: performance.now() - started, summary: outcome.summary };
    };
    // A figure of one try swings by half on a shared machine: each is the median of RUNS, every apply on an empty
    // database of its own (one only into a PostgreSQL database given, which must be empty).
    const previews: number[] = [];
    for (let run = 0; run < RUNS; run++) previews.push((await time(false)).ms);
    const applies: number[] = [];
    let apply = await time(true);
    applies.push(apply.ms);
    for (let run = 2; run <= RUNS && !into; run++) {
      await switchDatabase(path.join(dir, `to-${run}.db`));
      apply = await time(true);
      applies.push(apply.ms);
    }
    const again = await time(true);
    if (again.summary.changes.length) throw new Error(`a second import changed ${again.summary.changes.length} records`);
    return {
      megabytes: Buffer.byteLength(text) / 1024 / 1024,
      events: apply.summary.counts.event.create,
      figures: apply.summary.counts.report.create,
      previewMs: median(previews),
      applyMs: median(applies),
      previews,
      applies,
      againMs: again.ms,
    };
  } finally {
    await disconnectDb();
    process.env.DATABASE_URL = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printImportFigures(f: ImportFigures): void {
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\nImport of Dead Air's own JSON export (${f.events.toLocaleString("en-US")} events, ${f.figures.toLocaleString("en-US")} figures, ${f.megabytes.toFixed(1)} MB):`,
  );
  const tries = (all: number[]) => (all.length > 1 ? `, median of ${all.map(s).join(", ")}` : "");
  console.log(`${verdict(f.previewMs <= TARGET_MS)}  preview ${s(f.previewMs)}${tries(f.previews)} (target at most ${s(TARGET_MS)})`);
  console.log(
    `${verdict(f.applyMs <= TARGET_MS)}  apply ${s(f.applyMs)}${tries(f.applies)} (target at most ${s(TARGET_MS)}); the same file again, nothing to change: ${s(f.againMs)}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runImportBench(process.env.BENCH_IMPORT_INTO)
    .then(printImportFigures)
    .catch((error) => {
      console.error(`Import bench failed: ${error instanceof Error ? error.stack : error}`);
      process.exit(1);
    });
}
