// Monitors: set up by editors (their secrets kept for the monitor's own requests, never read back), and run by monitor
// workers, each holding a monitor's lease while it samples, so that two workers never sample the same stream.
import "server-only";
import { getDb, type Tx, write } from "../db";
import { MONITOR_KIND_LABELS, type MonitorKind, monitorWindow, POLLED_KINDS, shouldMonitorRun } from "../domain/monitors";
import { ConflictError, EventNotFoundError, NotFoundError, ValidationError } from "../errors";
import { checkTarget } from "../http/targets";
import { parseInput } from "../validation/parse";
import { MonitorInput, MonitorUpdate } from "../validation/monitor";
import type { FieldErrors } from "../validation/fields";
import { authorizeWrite, inTransaction, type WriteContext } from "./operation";

/** The secret part of a monitor, stored as JSON: sent with its requests, never shown. */
export interface MonitorSecret {
  bearerToken?: string;
  headers?: Record<string, string>;
}

function readSecret(stored: string | null): MonitorSecret {
  if (!stored) return {};
  try {
    const parsed = JSON.parse(stored) as MonitorSecret;
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const PUBLIC_FIELDS = {
  id: true,
  kind: true,
  url: true,
  mount: true,
  pointer: true,
  intervalSeconds: true,
  mode: true,
  leadMinutes: true,
  tailMinutes: true,
  label: true,
  headerNames: true,
  secret: true,
  state: true,
  stateSince: true,
  lastSampleAt: true,
  lastError: true,
  lastErrorAt: true,
  leaseOwner: true,
  leaseUntil: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  event: { select: { slug: true, title: true, status: true, scheduledStart: true, actualStart: true, endedAt: true } },
} as const;

type Row = Awaited<ReturnType<typeof readRow>>;
const readRow = (tx: Pick<Tx, "monitor">, id: number) => tx.monitor.findUnique({ where: { id }, select: PUBLIC_FIELDS });

/** What editors and the API see of a monitor: whether it has secrets, never what they are. */
export function toMonitorView(row: NonNullable<Row>, now = Date.now()) {
  const { secret, headerNames, leaseOwner, leaseUntil, event, ...rest } = row;
  const stored = readSecret(secret);
  const window = monitorWindow({ ...row, event });
  const leased = leaseOwner !== null && leaseUntil !== null && leaseUntil.getTime() > now;
  return {
    ...rest,
    event: event.slug,
    eventTitle: event.title,
    hasBearerToken: Boolean(stored.bearerToken),
    headerNames: headerNames ? headerNames.split(",") : [],
    /** Whether it should be running now, by hand or by the event's window. */
    due: shouldMonitorRun({ ...row, event }, now),
    /** In auto mode: when it starts and stops by itself (null: no window, as for an event with no scheduled start). */
    window: window && { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
    /** The worker that runs it now, if any (its lease has not lapsed). */
    worker: leased ? leaseOwner : null,
  };
}
export type MonitorView = ReturnType<typeof toMonitorView>;

/** The network rule for a monitor's URL (public addresses only, after DNS), as the field's message. */
async function checkUrl(url: string): Promise<void> {
  const refusal = await checkTarget(url, undefined, "monitors");
  if (refusal) throw new ValidationError("This URL cannot be monitored.", { url: [refusal] });
}

function secretOf(stored: MonitorSecret, input: { bearerToken?: string | null; headers?: Record<string, string> | null }): MonitorSecret {
  const next: MonitorSecret = { ...stored };
  if (input.bearerToken !== undefined) next.bearerToken = input.bearerToken ?? undefined;
  if (input.headers !== undefined) next.headers = input.headers ?? undefined;
  return next;
}

function secretColumns(secret: MonitorSecret) {
  const headers = Object.keys(secret.headers ?? {});
  const empty = !secret.bearerToken && headers.length === 0;
  return { secret: empty ? null : JSON.stringify({ bearerToken: secret.bearerToken, headers: secret.headers }), headerNames: headers.join(",") };
}

/** The rule that needs what is stored: the X API answers nothing without a bearer token. */
function checkSecret(kind: string, secret: MonitorSecret): void {
  if (kind === "x-spaces" && !secret.bearerToken) {
    const errors: FieldErrors = { bearerToken: ["Bearer token is required: the X API answers nothing without one (an app's token from developer.x.com)."] };
    throw new ValidationError("Some fields are not valid.", errors);
  }
}

/** Defaults that depend on the kind: an audio stream needs no poll interval, X's rate limit wants 15 s or more. */
function settingsOf(input: MonitorInput) {
  return {
    kind: input.kind,
    url: input.url,
    mount: input.kind === "icecast" ? input.mount : null,
    pointer: input.kind === "json" ? input.pointer : null,
    intervalSeconds: input.intervalSeconds ?? 15,
    mode: input.mode,
    leadMinutes: input.leadMinutes ?? 15,
    tailMinutes: input.tailMinutes ?? 15,
    label: input.label,
  };
}

/**
 * An event has one sound (loudness, stream up) and one audience count: two monitors feeding the same series would
 * interleave their values second by second (a series holds one value an instant, the first stored).
 */
async function checkOneOfItsRole(tx: Pick<Tx, "monitor">, eventId: number, kind: string, except: number | null): Promise<void> {
  const sameRole = kind === "audio" ? ["audio"] : POLLED_KINDS;
  const other = await tx.monitor.findFirst({ where: { eventId, kind: { in: [...sameRole] }, ...(except ? { id: { not: except } } : {}) }, select: { id: true, kind: true } });
  if (!other) return;
  const message =
    kind === "audio"
      ? `This event already has an audio monitor (id ${other.id}): it listens to the event's sound. Change or delete that one instead.`
      : `This event already counts its audience with monitor ${other.id} (${MONITOR_KIND_LABELS[other.kind as MonitorKind]?.label ?? other.kind}). Change or delete that one instead.`;
  throw new ConflictError(message, { kind: [message] });
}

export async function createMonitor({ ctx, slug, input }: { ctx: WriteContext; slug: string; input: unknown }): Promise<MonitorView> {
  const actor = authorizeWrite(ctx);
  const data = parseInput(MonitorInput, input);
  const secret = secretOf({}, data);
  checkSecret(data.kind, secret);
  // An unknown event is said before the address is resolved (which may take a while, or fail for another reason).
  if (!(await getDb().event.findUnique({ where: { slug }, select: { id: true } }))) throw new EventNotFoundError(slug);
  await checkUrl(data.url);
  const id = await inTransaction(ctx, actor, async ({ tx }) => {
    const event = await tx.event.findUnique({ where: { slug }, select: { id: true } });
    if (!event) throw new EventNotFoundError(slug);
    await checkOneOfItsRole(tx, event.id, data.kind, null);
    const row = await tx.monitor.create({ data: { eventId: event.id, ...settingsOf(data), ...secretColumns(secret) }, select: { id: true } });
    return row.id;
  });
  return getMonitorOrThrow(id);
}

/** `input` is the whole monitor (a PATCH merged over the stored one); its secrets change only where it names them. */
export async function updateMonitor({ ctx, id, input }: { ctx: WriteContext; id: number; input: unknown }): Promise<MonitorView> {
  const actor = authorizeWrite(ctx);
  const data = parseInput(MonitorUpdate, input);
  await checkUrl(data.url);
  await inTransaction(ctx, actor, async ({ tx }) => {
    const before = await tx.monitor.findUnique({ where: { id }, select: { version: true, secret: true, eventId: true } });
    if (!before) throw new NotFoundError(`No monitor has the id ${id}.`);
    if (data.version !== undefined && data.version !== before.version) {
      throw new ConflictError("Someone changed this monitor since you loaded it: reload it, then make your change again.", {}, { version: before.version });
    }
    const secret = secretOf(readSecret(before.secret), data);
    checkSecret(data.kind, secret);
    await checkOneOfItsRole(tx, before.eventId, data.kind, id);
    await tx.monitor.update({ where: { id }, data: { ...settingsOf(data), ...secretColumns(secret), version: { increment: 1 } } });
  });
  return getMonitorOrThrow(id);
}

/** Starts or stops a monitor by hand, or gives it back to its event's window ("auto"). */
export async function setMonitorMode({ ctx, id, mode }: { ctx: WriteContext; id: number; mode: "auto" | "on" | "off" }): Promise<MonitorView> {
  const actor = authorizeWrite(ctx);
  await inTransaction(ctx, actor, async ({ tx }) => {
    const { count } = await tx.monitor.updateMany({ where: { id }, data: { mode, version: { increment: 1 } } });
    if (count === 0) throw new NotFoundError(`No monitor has the id ${id}.`);
  });
  return getMonitorOrThrow(id);
}

export async function deleteMonitor({ ctx, id }: { ctx: WriteContext; id: number }): Promise<void> {
  const actor = authorizeWrite(ctx);
  await inTransaction(ctx, actor, async ({ tx }) => {
    // The worker that runs it notices at its next look (a few seconds) and stops its probe.
    const { count } = await tx.monitor.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`No monitor has the id ${id}.`);
  });
}

export async function getMonitorOrThrow(id: number): Promise<MonitorView> {
  const row = await readRow(getDb(), id);
  if (!row) throw new NotFoundError(`No monitor has the id ${id}.`);
  return toMonitorView(row);
}

/** An event's monitors, oldest first. */
export async function listEventMonitors(slug: string): Promise<MonitorView[]> {
  const event = await getDb().event.findUnique({ where: { slug }, select: { id: true } });
  if (!event) throw new EventNotFoundError(slug);
  const rows = await getDb().monitor.findMany({ where: { eventId: event.id }, orderBy: { id: "asc" }, select: PUBLIC_FIELDS });
  const now = Date.now();
  return rows.map((r) => toMonitorView(r, now));
}

/** Every monitor, for /admin and /api/health: due ones and ones with a worker first. */
export async function listAllMonitors(): Promise<MonitorView[]> {
  const rows = await getDb().monitor.findMany({ orderBy: { id: "asc" }, select: PUBLIC_FIELDS });
  const now = Date.now();
  return rows.map((r) => toMonitorView(r, now));
}

// The worker's side: what to run, leases, and the state it reports.

/** A monitor as a worker runs it, secrets included. */
export interface MonitorJob {
  id: number;
  eventId: number;
  kind: string;
  url: string;
  mount: string | null;
  pointer: string | null;
  intervalSeconds: number;
  version: number;
  secret: MonitorSecret;
  /** Whether it should run now (mode and the event's window). */
  due: boolean;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

/** Every monitor with what a worker needs to decide (a few hundred rows at most: one read every few seconds). */
export async function listMonitorJobs(now = Date.now()): Promise<MonitorJob[]> {
  const rows = await getDb().monitor.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      eventId: true,
      kind: true,
      url: true,
      mount: true,
      pointer: true,
      intervalSeconds: true,
      version: true,
      secret: true,
      mode: true,
      leadMinutes: true,
      tailMinutes: true,
      leaseOwner: true,
      leaseUntil: true,
      event: { select: { status: true, scheduledStart: true, actualStart: true, endedAt: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    kind: r.kind,
    url: r.url,
    mount: r.mount,
    pointer: r.pointer,
    intervalSeconds: r.intervalSeconds,
    version: r.version,
    secret: readSecret(r.secret),
    due: shouldMonitorRun(r, now),
    leaseOwner: r.leaseOwner,
    leaseUntil: r.leaseUntil?.getTime() ?? null,
  }));
}

/**
 * Takes a monitor for `owner` until `until`, when nobody holds it (or their lease lapsed, or it is `owner`'s own):
 * one conditional update, so that of two workers trying at once exactly one gets it.
 */
export async function claimMonitor(id: number, owner: string, until: Date, now = new Date()): Promise<boolean> {
  const { count } = await write((tx) =>
    tx.monitor.updateMany({
      where: { id, OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: owner, leaseUntil: until, state: "starting", stateSince: now, lastError: null },
    }),
  );
  return count === 1;
}

/** Extends `owner`'s leases; answers the ids it still holds (a monitor deleted, or taken after a lapse, is not among them). */
export async function renewLeases(owner: string, ids: number[], until: Date): Promise<number[]> {
  if (ids.length === 0) return [];
  return write(async (tx) => {
    await tx.monitor.updateMany({ where: { id: { in: ids }, leaseOwner: owner }, data: { leaseUntil: until } });
    const held = await tx.monitor.findMany({ where: { id: { in: ids }, leaseOwner: owner }, select: { id: true } });
    return held.map((h) => h.id);
  });
}

/** Lets go of a monitor (stopped, or this worker is stopping): another worker may take it at once. */
export async function releaseMonitor(id: number, owner: string, now = new Date()): Promise<void> {
  await write((tx) =>
    tx.monitor.updateMany({ where: { id, leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null, state: "idle", stateSince: now } }),
  );
}

/** Lets go of every monitor `owner` holds (a worker stopping). */
export async function releaseAllMonitors(owner: string, now = new Date()): Promise<void> {
  await write((tx) => tx.monitor.updateMany({ where: { leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null, state: "idle", stateSince: now } }));
}

/** Longest error kept: a sentence and its cause, not a page. */
const MAX_ERROR = 500;

/** What the worker says of a monitor it holds: its state, and the error that made it so (kept until the next one). */
export async function reportMonitorState(id: number, owner: string, state: string, error: string | null = null, now = new Date()): Promise<void> {
  await write(async (tx) => {
    const current = await tx.monitor.findUnique({ where: { id }, select: { state: true, leaseOwner: true } });
    if (!current || current.leaseOwner !== owner) return;
    await tx.monitor.update({
      where: { id },
      data: {
        state,
        ...(state !== current.state ? { stateSince: now } : {}),
        ...(error ? { lastError: error.slice(0, MAX_ERROR), lastErrorAt: now } : {}),
      },
    });
  });
}

/** Marks, inside a write that stores a monitor's samples, that they came: only while `owner` holds it (one statement). */
export async function markSampled(tx: Tx, id: number, owner: string, at: Date): Promise<boolean> {
  const { count } = await tx.monitor.updateMany({ where: { id, leaseOwner: owner }, data: { lastSampleAt: at } });
  return count === 1;
}
