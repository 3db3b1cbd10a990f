// The live fan-out: what happened to an event (samples stored, its status, an incident opened or closed) goes to
// every live viewer of that event. On SQLite one server holds everything, and the fan-out stays in its memory. On
// PostgreSQL the sample may be stored by a monitor worker or another app server than the one a viewer is connected
// to: every message goes through PostgreSQL's NOTIFY, and each server LISTENs and hands it to its own viewers.
import "server-only";
import pg from "pg";
import { getDb, onPostgres } from "../db";
import { databaseUrl } from "../sqlite";

export type LiveMessage =
  /** `id` (the last sample's) is what a viewer that reconnects resumes after; a batch sent in pieces carries it on its last. */
  | { type: "samples"; id?: number; samples: { series: string; at: number; value: number }[] }
  | { type: "status"; status: unknown }
  | { type: "incident"; incident: unknown }
  /** This server stopped hearing the others (its LISTEN connection dropped): its viewers should reconnect and catch up. */
  | { type: "lost" };

type Listener = (message: LiveMessage) => void;

/** The channel every server LISTENs on. */
export const LIVE_CHANNEL = "deadair_live";
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; a batch larger than this is sent in pieces. */
const MAX_PAYLOAD_BYTES = 7_000;

interface Bus {
  listeners: Map<number, Set<Listener>>;
  /** PostgreSQL: this server's LISTEN connection, once asked for, and the promise that it is listening. */
  listener: { url: string; client: pg.Client; ready: Promise<void> } | null;
  /** PostgreSQL: the NOTIFYs sent so far, one after the other, so that viewers get messages in the order they were published. */
  sending: Promise<void>;
}

const globalBus = globalThis as unknown as { deadAirLive?: Bus };
const bus = (globalBus.deadAirLive ??= { listeners: new Map<number, Set<Listener>>(), listener: null, sending: Promise.resolve() });

function deliver(eventId: number, message: LiveMessage): void {
  for (const listener of bus.listeners.get(eventId) ?? []) {
    try {
      listener(message);
    } catch (error) {
      console.error("Dead Air: a live viewer's listener failed:", error);
    }
  }
}

export function subscribe(eventId: number, listener: Listener): () => void {
  let set = bus.listeners.get(eventId);
  if (!set) bus.listeners.set(eventId, (set = new Set()));
  set.add(listener);
  if (onPostgres()) void listening().catch(() => undefined);
  return () => {
    set.delete(listener);
    if (set.size === 0) bus.listeners.delete(eventId);
  };
}

/**
 * Resolves once this server hears every message published from now on, by any server: at once on SQLite; on
 * PostgreSQL once its LISTEN connection is listening (a viewer subscribes, waits for this, then reads what it
 * missed, so that nothing stored in between falls through). Rejects when PostgreSQL cannot be reached.
 */
export function listening(): Promise<void> {
  if (!onPostgres()) return Promise.resolve();
  const url = databaseUrl();
  if (bus.listener?.url === url) return bus.listener.ready;
  bus.listener?.client.end().catch(() => undefined);
  const client = new pg.Client({ connectionString: url, application_name: "deadair-live" });
  const mine = {
    url,
    client,
    ready: client
      .connect()
      .then(() => client.query(`LISTEN ${LIVE_CHANNEL}`))
      .then(() => undefined),
  };
  bus.listener = mine;
  client.on("notification", (notification) => {
    if (notification.channel !== LIVE_CHANNEL || !notification.payload) return;
    try {
      const { eventId, message } = JSON.parse(notification.payload) as { eventId: number; message: LiveMessage };
      deliver(eventId, message);
    } catch (error) {
      console.error("Dead Air: an unreadable live message was dropped:", error);
    }
  });
  const lost = (error?: Error) => {
    if (bus.listener !== mine) return;
    bus.listener = null;
    if (error) console.error("Dead Air: the live updates' connection to PostgreSQL was lost:", error.message);
    // Whatever was published meanwhile did not reach this server's viewers: they reconnect and read what they missed.
    for (const eventId of [...bus.listeners.keys()]) deliver(eventId, { type: "lost" });
  };
  client.on("error", lost);
  client.on("end", () => lost());
  mine.ready.catch((error: Error) => lost(error));
  return mine.ready;
}

/**
 * The NOTIFY payloads of one message: one, or for a batch of samples too large for one, pieces in order, the
 * last carrying the batch's id (a viewer that reconnects after a piece resumes before the batch and gets it again;
 * the page keeps samples by series and instant, so a repeat changes nothing).
 */
export function livePayloads(eventId: number, message: LiveMessage): string[] {
  const whole = JSON.stringify({ eventId, message });
  if (Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES || message.type !== "samples" || message.samples.length < 2) return [whole];
  const payloads: string[] = [];
  let piece: typeof message.samples = [];
  let size = 0;
  const flush = (last: boolean) => {
    const part: LiveMessage = last ? { type: "samples", id: message.id, samples: piece } : { type: "samples", samples: piece };
    payloads.push(JSON.stringify({ eventId, message: part }));
    piece = [];
    size = 0;
  };
  for (const sample of message.samples) {
    const bytes = Buffer.byteLength(JSON.stringify(sample)) + 1;
    if (size + bytes > MAX_PAYLOAD_BYTES - 200 && piece.length > 0) flush(false);
    piece.push(sample);
    size += bytes;
  }
  flush(true);
  return payloads;
}

/** Hands `message` to the viewers of `eventId` on every server; never throws (a viewer missing an update reconnects). */
export function publish(eventId: number, message: LiveMessage): void {
  if (!onPostgres()) return deliver(eventId, message);
  const payloads = livePayloads(eventId, message);
  // One statement, so one transaction: PostgreSQL delivers its notifications together and in this order.
  bus.sending = bus.sending.then(() =>
    getDb()
      .$executeRawUnsafe(
        `SELECT pg_notify('${LIVE_CHANNEL}', "payload") FROM json_array_elements_text($1::json) WITH ORDINALITY AS t("payload", "n") ORDER BY "n"`,
        JSON.stringify(payloads),
      )
      .then(() => undefined)
      .catch((error) => console.error("Dead Air: a live update could not be sent:", (error as Error).message)),
  );
}

/** Resolves once every live update handed over so far has been sent (or failed to be). */
export async function sent(): Promise<void> {
  await bus.sending;
}

/** How many viewers an event has on this server (health, the benchmark). */
export function viewerCount(eventId?: number): number {
  if (eventId !== undefined) return bus.listeners.get(eventId)?.size ?? 0;
  let n = 0;
  for (const set of bus.listeners.values()) n += set.size;
  return n;
}

/**
 * Whether anyone may be watching `eventId`, so that what only viewers need (the status line) is worth working out:
 * a viewer on this server, or on PostgreSQL, maybe one on another server.
 */
export function anyViewers(eventId: number): boolean {
  return onPostgres() || viewerCount(eventId) > 0;
}

/** Closes the LISTEN connection (tests, a stopping server). */
export async function stopListening(): Promise<void> {
  const current = bus.listener;
  bus.listener = null;
  await bus.sending;
  await current?.client.end().catch(() => undefined);
}
