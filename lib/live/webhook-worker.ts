// The webhook sender: takes due deliveries, signs them as Standard Webhooks says, POSTs them (a few at once, never
// inside a write), records each answer and schedules the retries.
import "server-only";
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import { Webhook } from "standardwebhooks";
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDueDeliveries,
  hasDueDeliveries,
  MAX_ERROR_LENGTH,
  recordDeliveryAttempt,
} from "../data/webhooks";
import { BlockedTargetError, checkTarget, guardedLookup } from "../http/targets";

/** One attempt, redirects and DNS included, gets this long before it counts as no answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A sender holds a delivery this long; longer than any attempt, so a hold lapses only when its sender died. */
export const LOCK_MS = 30_000;
/** Redirects followed per attempt, each to an address checked like the first. */
export const MAX_REDIRECTS = 3;
/** Deliveries in flight at once per sender (and at most one per endpoint, see claimDueDeliveries). */
export const CONCURRENCY = 8;
/** How often the worker looks for due deliveries. */
const POLL_MS = 1_000;
/** Of an answer's body, only the start is kept (as the error of a non-2xx answer). */
const MAX_BODY_BYTES = 4096;

/** Who holds a delivery: this process, told apart from others on the same machine and from a restart of itself. */
const SENDER_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface DeliveryResult {
  id: number;
  msgId: string;
  endpointId: number;
  /** The state recorded, or null when the delivery was no longer this sender's to record (deleted meanwhile). */
  state: "delivered" | "pending" | "failed" | null;
  status: number | null;
  error: string | null;
}

export interface DeliverOptions {
  /** Per attempt; DELIVERY_TIMEOUT_MS unless a test wants a shorter wait. */
  timeoutMs?: number;
  /** Ends the attempts in flight without recording them (the process is stopping; their holds lapse). */
  stop?: AbortSignal;
}

/** Whitespace and control characters folded, so that an answer's text reads on one line in the admin page. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

function trimError(text: string): string {
  const line = oneLine(text);
  return line.length > MAX_ERROR_LENGTH ? line.slice(0, MAX_ERROR_LENGTH - 1) + "…" : line;
}

interface Answer {
  status: number;
  location: string | null;
  body: string;
}

/** One POST through node:http(s), whose lookup refuses private addresses at connect time (see guardedLookup). */
function post(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    // No keep-alive agent: each attempt opens its own connection, resolved and checked afresh.
    const request = client.request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup, signal, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            location: typeof response.headers.location === "string" ? response.headers.location : null,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        response.on("data", (chunk: Buffer) => {
          if (size >= MAX_BODY_BYTES) return;
          chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
          size += chunk.length;
          // The status is the answer; the rest of a long body is not waited for.
          if (size >= MAX_BODY_BYTES) response.destroy();
        });
        // "close" comes after "end", after a destroy and after an abort alike: the status stands in every case.
        response.on("close", done);
        response.on("error", () => undefined);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Settles with `work`, or rejects as soon as `signal` aborts (DNS has no timeout of its own). */
function raced<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof BlockedTargetError) return error.message;
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * One attempt at one delivery: sign, check the address, POST, follow up to MAX_REDIRECTS redirects (re-POSTing the
 * same signed message, each new address checked before it is contacted). Only a 2xx answer delivers; a refused
 * redirect, a timeout or any other answer is a failure to retry.
 */
async function attempt(delivery: ClaimedDelivery, timeoutMs: number, signal: AbortSignal): Promise<AttemptOutcome> {
  const sentAt = new Date();
  const headers = {
    "content-type": "application/json",
    "user-agent": "DeadAir-Webhooks/1",
    "webhook-id": delivery.msgId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": new Webhook(delivery.endpoint.secret).sign(delivery.msgId, sentAt, delivery.payload),
  };
  let url = delivery.endpoint.url;
  let status: number | null = null;
  for (let hop = 0; ; hop++) {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { ok: false, status, error: trimError(`Redirected to an address that is not a URL: ${url}`) };
    }
    const refusal = await raced(checkTarget(url), signal);
    if (refusal) return { ok: false, status, error: trimError(hop === 0 ? refusal : `Redirected to ${url}, refused: ${refusal}`) };
    const answer = await post(target, delivery.payload, headers, signal);
    status = answer.status;
    if (REDIRECTS.has(answer.status) && answer.location !== null) {
      if (hop === MAX_REDIRECTS) return { ok: false, status, error: `More than ${MAX_REDIRECTS} redirects.` };
      url = URL.canParse(answer.location, url) ? new URL(answer.location, url).href : answer.location;
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) return { ok: true, status, error: null };
    const text = oneLine(answer.body);
    return { ok: false, status, error: trimError(`HTTP ${answer.status}${text ? `: ${text}` : ""}`) };
  }
}

async function deliver(delivery: ClaimedDelivery, now: Date, options: DeliverOptions): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const stop = options.stop ?? new AbortController().signal;
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]);
  let outcome: AttemptOutcome;
  try {
    outcome = await attempt(delivery, timeoutMs, signal);
  } catch (error) {
    if (stop.aborted) throw error;
    const failure = signal.aborted ? `No answer within ${timeoutMs / 1000} s.` : describeFailure(error);
    outcome = { ok: false, status: null, error: trimError(failure) };
  }
  const state = await recordDeliveryAttempt(delivery.id, SENDER_ID, now, outcome);
  return { id: delivery.id, msgId: delivery.msgId, endpointId: delivery.endpoint.id, state, ...outcome };
}

/** A set of deliveries in flight, topped up from the due ones while it has room. */
class Sender {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: DeliverOptions,
    private readonly onResult: (result: DeliveryResult) => void,
  ) {}

  get size(): number {
    return this.inFlight.size;
  }

  /** Claims what there is room for and starts it; answers how many started. */
  async fill(now: Date): Promise<number> {
    const room = CONCURRENCY - this.inFlight.size;
    if (room <= 0 || !(await hasDueDeliveries(now))) return 0;
    const claimed = await claimDueDeliveries(now, SENDER_ID, new Date(now.getTime() + LOCK_MS), room);
    for (const delivery of claimed) {
      const task: Promise<void> = deliver(delivery, now, this.options)
        .then(this.onResult)
        .catch((error: unknown) => {
          if (!this.options.stop?.aborted) console.error(`Dead Air: webhook delivery ${delivery.id} could not be recorded:`, error);
        })
        .finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
    return claimed.length;
  }

  /** Settles when any delivery in flight is done. */
  next(): Promise<void> {
    return Promise.race(this.inFlight);
  }
}

/**
 * Sends every delivery due at `now` (and those that come due meanwhile for an endpoint that was busy) and answers
 * once all of them are done, with what each one got. Deliveries retried later are due after `now`, so they wait
 * for a later call.
 */
export async function deliverDueWebhooks(now: Date = new Date(), options: DeliverOptions = {}): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  const sender = new Sender(options, (r) => results.push(r));
  for (;;) {
    await sender.fill(now);
    if (sender.size === 0) return results;
    await sender.next();
  }
}

interface Worker {
  timer: NodeJS.Timeout;
  stop: AbortController;
}

// On globalThis: Next may load this module in more than one bundle of one server process.
const shared = globalThis as unknown as { deadAirWebhookWorker?: Worker };

/**
 * Starts the background sender (once per process, whoever calls): it looks for due deliveries every second and
 * whenever a delivery finishes, each look with the current time, so a slow endpoint never holds up the next alert.
 * Its timers do not keep the process alive; it stops on exit, and a delivery cut short is retried by whichever
 * sender finds its hold lapsed.
 */
export function startWebhookWorker(): void {
  if (shared.deadAirWebhookWorker) return;
  const stop = new AbortController();
  let looking = false;
  let again = false;
  const look = async () => {
    if (stop.signal.aborted) return;
    if (looking) {
      again = true;
      return;
    }
    looking = true;
    try {
      do {
        again = false;
        await sender.fill(new Date());
      } while (again && !stop.signal.aborted);
    } catch (error) {
      console.error("Dead Air: the webhook worker could not read its queue:", error);
    } finally {
      looking = false;
    }
  };
  const sender = new Sender({ stop: stop.signal }, () => setImmediate(look).unref());
  const timer = setInterval(look, POLL_MS);
  timer.unref();
  shared.deadAirWebhookWorker = { timer, stop };
  process.once("exit", stopWebhookWorker);
  void look();
}

/** Stops the background sender; deliveries in flight are abandoned unrecorded (their holds lapse in LOCK_MS). */
export function stopWebhookWorker(): void {
  const worker = shared.deadAirWebhookWorker;
  if (!worker) return;
  shared.deadAirWebhookWorker = undefined;
  clearInterval(worker.timer);
  worker.stop.abort(new Error("Dead Air is stopping."));
}
