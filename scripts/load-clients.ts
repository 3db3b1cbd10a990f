// The load test's clients and its checks, shared by `npm run load` (one server) and the multi-server test (several
// behind a load balancer, one of them killed): clients make creates, updates and deletes of reported figures and
// incidents (some refused on purpose) plus reads through the JSON API, and a ledger keeps what each answer
// acknowledged; afterwards the database must hold every acknowledged write once and no refused one.
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../lib/postgres";
import { databasePath } from "../lib/sqlite";

const REQUEST_TIMEOUT_MS = 15_000;
/** Reads per write, on average. */
export const READ_RATIO = 0.5;
const EVENTS = ["musk-trump-x-spaces-2024", "desantis-twitter-spaces-2023"];

type Kind = "report" | "incident";
interface LoadRecord {
  kind: Kind;
  id: number;
  version: number;
  /** The note (report) or description (incident) the last acknowledged write left. */
  text: string;
  /** Texts of updates since then whose answer never came: the record may hold one of them instead. */
  maybeTexts: string[];
  deleted: boolean;
  /** A delete whose answer never came: the record may be gone. */
  maybeDeleted: boolean;
  /** A write of it had an unknown outcome, so its version is unknown too: its client leaves it alone. */
  abandoned: boolean;
}

export interface Ledger {
  records: LoadRecord[];
  /** Texts of writes that were refused: none may be in the database. */
  refusedTexts: string[];
  /** Texts of creates whose answer never came (the server died under them): each may be in the database once. */
  unknownTexts: string[];
  statuses: Map<number, number>;
  writeLatencies: number[];
  readLatencies: number[];
  errors: string[];
  writes: number;
  /**
   * Behind a load balancer whose servers may die: a request that fails on the way, or that the balancer answers
   * 502, 503 or 504, has an unknown outcome (kept as such) rather than being an error.
   */
  serversMayDie: boolean;
  /** Requests with an unknown outcome. */
  unknown: number;
}

export const ledger: Ledger = {
  records: [],
  refusedTexts: [],
  unknownTexts: [],
  statuses: new Map(),
  writeLatencies: [],
  readLatencies: [],
  errors: [],
  writes: 0,
  serversMayDie: false,
  unknown: 0,
};

/** The answer never came, or came from the balancer instead of a server: the write may or may not have happened. */
class UnknownOutcome extends Error {}

const BALANCER_STATUSES = new Set([502, 503, 504]);

function count(status: number) {
  ledger.statuses.set(status, (ledger.statuses.get(status) ?? 0) + 1);
}

async function call(base: string, token: string, method: string, url: string, body?: unknown) {
  const started = performance.now();
  let response: Response;
  let text: string;
  try {
    response = await fetch(base + url, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    if (ledger.serversMayDie) throw new UnknownOutcome((error as Error).message);
    throw error;
  }
  const ms = performance.now() - started;
  count(response.status);
  if (ledger.serversMayDie && BALANCER_STATUSES.has(response.status)) throw new UnknownOutcome(`${method} ${url} answered ${response.status}`);
  if (response.status >= 500) ledger.errors.push(`${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null, ms };
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];

/** One client: takes writes off the shared count until none are left, with reads in between. */
export async function client(base: string, token: string, n: number, deadline: number, writes: number) {
  const mine: LoadRecord[] = [];
  let seq = 0;
  while (ledger.writes < writes && Date.now() < deadline) {
    ledger.writes++;
    const text = `load c${n} #${seq++}`;
    const live = mine.filter((r) => !r.deleted && !r.abandoned);
    const roll = Math.random();
    let attempted: { op: "create" | "update" | "delete" | "other"; record?: LoadRecord } = { op: "other" };
    try {
      if (roll < 0.05) {
        // Refused on purpose: an unknown metric. Nothing may be written.
        const { status, ms } = await call(base, token, "POST", `/api/events/${pick(EVENTS)}/reports`, {
          metric: "nope",
          value: 1,
          sourceId: 1,
          note: text,
        });
        ledger.writeLatencies.push(ms);
        if (status < 300) ledger.errors.push(`a refused write was accepted (${status})`);
        ledger.refusedTexts.push(text);
      } else if (roll < 0.5 || live.length === 0) {
        const kind: Kind = Math.random() < 0.6 ? "report" : "incident";
        const body =
          kind === "report"
            ? // A scope of its own: the same metric, source, day and scope twice would be refused as the same figure.
              { metric: "average_audience", value: 1000 + seq, newSourceName: `Load outlet ${n % 5}`, scope: `Load ${n}-${seq}`, note: text }
            : { kind: "dead_air", startOffsetMinutes: seq % 60, durationMinutes: 1, description: text };
        attempted = { op: "create" };
        const { status, json, ms } = await call(base, token, "POST", `/api/events/${pick(EVENTS)}/${kind}s`, body);
        ledger.writeLatencies.push(ms);
        if (status === 201) {
          const record = {
            kind,
            id: Number(json!.id),
            version: Number(json!.version),
            text,
            maybeTexts: [],
            deleted: false,
            maybeDeleted: false,
            abandoned: false,
          };
          mine.push(record);
          ledger.records.push(record);
        } else ledger.refusedTexts.push(text);
      } else if (roll < 0.8) {
        const record = pick(live);
        const field = record.kind === "report" ? "note" : "description";
        attempted = { op: "update", record };
        const { status, json, ms } = await call(base, token, "PATCH", `/api/${record.kind}s/${record.id}`, {
          [field]: text,
          version: record.version,
        });
        ledger.writeLatencies.push(ms);
        if (status === 200) {
          record.text = text;
          record.maybeTexts = [];
          record.version = Number(json!.version);
        } else ledger.refusedTexts.push(text);
      } else {
        const record = pick(live);
        attempted = { op: "delete", record };
        const { status, ms } = await call(base, token, "DELETE", `/api/${record.kind}s/${record.id}`);
        ledger.writeLatencies.push(ms);
        if (status === 204) record.deleted = true;
      }
      if (Math.random() < READ_RATIO) {
        const url = live.length && Math.random() < 0.5 ? `/api/${live[0].kind}s/${live[0].id}` : `/api/events/${pick(EVENTS)}/reports?limit=20`;
        const { ms } = await call(base, token, "GET", url);
        ledger.readLatencies.push(ms);
      }
    } catch (error) {
      if (!(error instanceof UnknownOutcome)) {
        ledger.errors.push(`client ${n}: ${(error as Error).message}`);
        continue;
      }
      ledger.unknown++;
      if (attempted.op === "create") ledger.unknownTexts.push(text);
      // An update that may have landed moved the version too: this client leaves the record alone from now on.
      if (attempted.op === "update") Object.assign(attempted.record!, { maybeTexts: [...attempted.record!.maybeTexts, text], abandoned: true });
      if (attempted.op === "delete") Object.assign(attempted.record!, { maybeDeleted: true, abandoned: true });
    }
  }
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface LoadRows {
  reports: Map<number, string>;
  incidents: Map<number, string>;
  problems: string[];
}

const REPORTS = `SELECT "id", "note" AS "text" FROM "Report" WHERE "note" LIKE 'load %'`;
const INCIDENTS = `SELECT "id", "description" AS "text" FROM "Incident" WHERE "description" LIKE 'load %'`;

const byId = (rows: { id: number; text: string }[]) => new Map(rows.map((r) => [Number(r.id), r.text]));

/** The load's rows as the database holds them, and what its own checks find (SQLite's integrity and foreign keys). */
async function loadRows(url: string): Promise<LoadRows> {
  if (isPostgresUrl(url)) {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const [reports, incidents] = [await db.query<{ id: number; text: string }>(REPORTS), await db.query<{ id: number; text: string }>(INCIDENTS)];
      return { reports: byId(reports.rows), incidents: byId(incidents.rows), problems: [] };
    } finally {
      await db.end();
    }
  }
  const db = new Database(databasePath(url), { readonly: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") problems.push(`integrity_check: ${integrity}`);
    const fk = db.pragma("foreign_key_check") as unknown[];
    if (fk.length) problems.push(`${fk.length} rows break a foreign key`);
    const read = (sql: string) => byId(db.prepare(sql).all() as { id: number; text: string }[]);
    return { reports: read(REPORTS), incidents: read(INCIDENTS), problems };
  } finally {
    db.close();
  }
}

/**
 * What the database must hold: each acknowledged record once, with its last acknowledged text (or an update whose
 * answer never came); no refused write; and nothing else but, at most once each, creates whose answer never came.
 */
export async function verify(url: string): Promise<string[]> {
  const { reports, incidents, problems } = await loadRows(url);
  const accounted = new Set<string>();
  for (const record of ledger.records) {
    const table = record.kind === "report" ? reports : incidents;
    accounted.add(`${record.kind}:${record.id}`);
    const held = table.get(record.id);
    if (record.deleted) {
      if (held !== undefined) problems.push(`${record.kind} ${record.id} was deleted (204) but is still there`);
    } else if (held === undefined) {
      if (!record.maybeDeleted) problems.push(`${record.kind} ${record.id} was acknowledged but is missing`);
    } else if (held !== record.text && !record.maybeTexts.includes(held)) {
      problems.push(`${record.kind} ${record.id} holds "${held}", not the acknowledged "${record.text}"`);
    }
  }
  const unknown = new Set(ledger.unknownTexts);
  const seenUnknown = new Set<string>();
  for (const [kind, table] of [
    ["report", reports],
    ["incident", incidents],
  ] as const) {
    for (const [id, text] of table) {
      if (accounted.has(`${kind}:${id}`)) continue;
      if (!unknown.has(text)) problems.push(`${kind} ${id} ("${text}") is in the database, but no write of it was acknowledged`);
      else if (seenUnknown.has(text)) problems.push(`"${text}" is in the database twice`);
      seenUnknown.add(text);
    }
  }
  const texts = new Set([...reports.values(), ...incidents.values()]);
  const leaked = ledger.refusedTexts.filter((t) => texts.has(t));
  if (leaked.length) problems.push(`${leaked.length} refused writes are in the database, e.g. "${leaked[0]}"`);
  return problems;
}

/** The answers by status, as one line. */
export function statusLine(): string {
  return [...ledger.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(", ");
}
