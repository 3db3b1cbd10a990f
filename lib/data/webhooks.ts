// Webhook endpoints (admin only, the secret shown once) and their deliveries: queued in the caller's transaction,
// claimed by one sender at a time, and recorded with each answer.
import "server-only";
import crypto from "node:crypto";
import { getDb, type Tx, write } from "../db";
import { computeRetryDelay } from "../domain/webhook-retries";
import { NotFoundError, ValidationError } from "../errors";
import { checkTarget } from "../http/targets";
import { parseInput } from "../validation/parse";
import { WEBHOOK_EVENTS, WEBHOOK_TEST_EVENT, type WebhookEvent, WebhookEndpointInput } from "../validation/webhook";
import { authorizeWrite, inTransaction, runAuthorized, type WriteContext } from "./operation";

/** Standard Webhooks asks for 24 to 64 random bytes, serialised as base64 behind "whsec_". */
const SECRET_BYTES = 32;

function newSecret(): string {
  return "whsec_" + crypto.randomBytes(SECRET_BYTES).toString("base64");
}

/** The webhook-id: signed with the body, so it holds no "." (the separator of the signed content). */
function newMessageId(): string {
  return "msg_" + crypto.randomBytes(18).toString("base64url");
}

/** The body as signed and sent: the specification's envelope. */
function envelope(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: new Date().toISOString(), data });
}

function eventsOf(stored: string): WebhookEvent[] {
  const chosen = stored.split(",");
  return WEBHOOK_EVENTS.filter((e) => chosen.includes(e));
}

/**
 * Adds an endpoint. The URL is checked twice: by its schema (http or https) and against the network rules
 * (checkTarget: no loopback, private or link-local address, after DNS), before anything is written.
 */
export async function createWebhookEndpoint({ ctx, input }: { ctx: WriteContext; input: unknown }) {
  const actor = authorizeWrite(ctx, "admin");
  const data = parseInput(WebhookEndpointInput, input);
  const refusal = await checkTarget(data.url);
  if (refusal) throw new ValidationError("This URL cannot receive alerts.", { url: [refusal] });
  const createdById = ctx.actor?.kind === "user" ? ctx.actor.userId : null;
  return inTransaction(ctx, actor, async ({ tx }) => {
    const secret = newSecret();
    const row = await tx.webhookEndpoint.create({ data: { url: data.url, description: data.description, events: data.events.join(","), secret, createdById } });
    return { id: row.id, url: row.url, description: row.description, events: data.events, secret };
  });
}

export async function deleteWebhookEndpoint({ ctx, id }: { ctx: WriteContext; id: number }): Promise<void> {
  await runAuthorized(
    ctx,
    async ({ tx }) => {
      // Its deliveries go with it (onDelete: Cascade); one in flight is then recorded nowhere.
      const { count } = await tx.webhookEndpoint.deleteMany({ where: { id } });
      if (count === 0) throw new NotFoundError(`No webhook endpoint has the id ${id}.`);
    },
    "admin",
  );
}

/** Queues a "webhook.test" message to this endpoint only; the worker sends it like any other. */
export async function sendTestWebhook({ ctx, id }: { ctx: WriteContext; id: number }) {
  return runAuthorized(
    ctx,
    async ({ tx }) => {
      const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
      if (!endpoint) throw new NotFoundError(`No webhook endpoint has the id ${id}.`);
      const msgId = newMessageId();
      const payload = envelope(WEBHOOK_TEST_EVENT, { endpointId: id, message: "A test alert from Dead Air: this endpoint receives its alerts." });
      const row = await tx.webhookDelivery.create({ data: { endpointId: id, msgId, type: WEBHOOK_TEST_EVENT, payload, nextAttemptAt: new Date() } });
      return { deliveryId: row.id, msgId };
    },
    "admin",
  );
}

/**
 * Queues one delivery of `type` to every enabled endpoint subscribed to it, inside the caller's transaction: the
 * alert is queued if and only if the change it tells of is committed. Sending happens later, in the webhook worker,
 * so a slow endpoint never holds up the caller. Answers how many deliveries were queued.
 */
export async function enqueueWebhook(tx: Tx, type: "incident.opened" | "incident.closed" | "incident.updated", data: Record<string, unknown>): Promise<number> {
  if (!(WEBHOOK_EVENTS as readonly string[]).includes(type)) throw new Error(`Unknown webhook event type: ${type}`);
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null }, select: { id: true, events: true } });
  const subscribed = endpoints.filter((e) => eventsOf(e.events).includes(type));
  if (subscribed.length === 0) return 0;
  const payload = envelope(type, data);
  const now = new Date();
  await tx.webhookDelivery.createMany({ data: subscribed.map((e) => ({ endpointId: e.id, msgId: newMessageId(), type, payload, nextAttemptAt: now })) });
  return subscribed.length;
}

/** Every endpoint with what it gets; never its secret. */
export async function listWebhookEndpoints() {
  const rows = await getDb().webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, events: true, disabledAt: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, events: eventsOf(r.events) }));
}
export type WebhookEndpointSummary = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

const DELIVERY_FIELDS = {
  id: true,
  endpointId: true,
  msgId: true,
  type: true,
  state: true,
  attempts: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  lastStatus: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
} as const;

/** An endpoint's most recent deliveries, newest first. */
export function listDeliveries(endpointId: number, limit = 10) {
  return getDb().webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.max(1, Math.min(limit, 100)),
    select: DELIVERY_FIELDS,
  });
}
export type WebhookDeliverySummary = Awaited<ReturnType<typeof listDeliveries>>[number];

export function getDelivery(id: number) {
  return getDb().webhookDelivery.findUnique({ where: { id }, select: DELIVERY_FIELDS });
}

// The worker's side: which deliveries are due, who sends each, and what came of it.

/** Due: pending, its time come, nobody holding it (or their hold expired), to an enabled endpoint. */
function dueWhere(now: Date) {
  return {
    state: "pending",
    nextAttemptAt: { lte: now },
    OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    endpoint: { disabledAt: null },
  };
}

/** A cheap read before the claim, so that an idle worker does not write once a second. */
export async function hasDueDeliveries(now: Date): Promise<boolean> {
  return (await getDb().webhookDelivery.findFirst({ where: dueWhere(now), select: { id: true } })) !== null;
}

export interface ClaimedDelivery {
  id: number;
  msgId: string;
  type: string;
  payload: string;
  attempts: number;
  endpoint: { id: number; url: string; secret: string };
}

/**
 * Takes up to `limit` due deliveries for `owner` until `lockedUntil`, in one write: the writer runs one transaction
 * at a time (and SQLite takes its write lock first), so two senders, in one process or two, never take the same
 * delivery. At most one per endpoint is held at once, across all senders, so that a slow or dead endpoint ties up
 * one slot and its backlog waits behind itself, not in front of other endpoints.
 */
export function claimDueDeliveries(now: Date, owner: string, lockedUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  return write(async (tx) => {
    const held = await tx.webhookDelivery.findMany({ where: { state: "pending", lockedUntil: { gt: now } }, select: { endpointId: true }, distinct: ["endpointId"] });
    const where = { ...dueWhere(now), endpointId: { notIn: held.map((h) => h.endpointId) } };
    const endpoints = await tx.webhookDelivery.groupBy({ by: ["endpointId"], where, _min: { nextAttemptAt: true }, orderBy: { _min: { nextAttemptAt: "asc" } }, take: limit });
    const ids: number[] = [];
    for (const { endpointId } of endpoints) {
      const first = await tx.webhookDelivery.findFirst({ where: { ...where, endpointId }, orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], select: { id: true } });
      if (first) ids.push(first.id);
    }
    if (ids.length === 0) return [];
    await tx.webhookDelivery.updateMany({ where: { id: { in: ids } }, data: { lockedBy: owner, lockedUntil } });
    return tx.webhookDelivery.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { id: true, msgId: true, type: true, payload: true, attempts: true, endpoint: { select: { id: true, url: true, secret: true } } },
    });
  });
}

export interface AttemptOutcome {
  /** A 2xx answer. */
  ok: boolean;
  /** The HTTP status of the last answer, when one came. */
  status: number | null;
  /** What went wrong, in words (an answer's body, a timeout, a refused redirect); null on success. */
  error: string | null;
}

/** Longest error text kept: enough for a stack trace's first lines, not a whole HTML error page. */
export const MAX_ERROR_LENGTH = 500;

/**
 * Records one attempt by `owner` at `at`: delivered on a 2xx; else pending again after the retry schedule's wait,
 * or failed when no attempt is left. Answers the new state, or null when `owner` no longer holds the delivery (it
 * was deleted, or its hold expired and another sender took it).
 */
export function recordDeliveryAttempt(id: number, owner: string, at: Date, outcome: AttemptOutcome): Promise<"delivered" | "pending" | "failed" | null> {
  return write(async (tx) => {
    const row = await tx.webhookDelivery.findUnique({ where: { id }, select: { attempts: true, lockedBy: true, state: true } });
    if (!row || row.state !== "pending" || row.lockedBy !== owner) return null;
    const attempts = row.attempts + 1;
    const delay = outcome.ok ? null : computeRetryDelay(attempts);
    const state = outcome.ok ? "delivered" : delay === null ? "failed" : "pending";
    await tx.webhookDelivery.update({
      where: { id },
      data: {
        attempts,
        state,
        lastAttemptAt: at,
        lastStatus: outcome.status,
        lastError: outcome.error === null ? null : outcome.error.slice(0, MAX_ERROR_LENGTH),
        deliveredAt: outcome.ok ? at : null,
        nextAttemptAt: delay === null ? null : new Date(at.getTime() + delay),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    return state;
  });
}
