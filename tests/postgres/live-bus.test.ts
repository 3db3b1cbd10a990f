// Live updates across servers on PostgreSQL: what one server publishes reaches the viewers of every other through
// NOTIFY, and a server that stops hearing the others tells its viewers to reconnect. "Another server" here is a
// plain connection doing what a server does: LISTEN on the channel, or NOTIFY on it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LIVE_CHANNEL, type LiveMessage, listening, livePayloads, publish, stopListening, subscribe } from "@/lib/live/bus";
import { applyPostgresMigrations } from "@/lib/postgres";

let other: pg.Client;
const heard: { eventId: number; message: LiveMessage }[] = [];

beforeAll(async () => {
  await applyPostgresMigrations(process.env.DATABASE_URL!);
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  other.on("notification", (n) => heard.push(JSON.parse(n.payload!)));
  await other.query(`LISTEN ${LIVE_CHANNEL}`);
});

afterAll(async () => {
  await stopListening();
  await other.end();
});

/** A batch of `n` samples of one series, a second apart. */
const batch = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ series: "loudness", at: Date.UTC(2026, 11, 6) + i * 1000, value: -23 - (i % 10) / 10 }));

describe("live updates on PostgreSQL", () => {
  it("reach this server's viewers and every other server, in the order they were published", async () => {
    const mine: LiveMessage[] = [];
    const unsubscribe = subscribe(7, (m) => mine.push(m));
    await listening();
    heard.length = 0;
    publish(7, { type: "samples", id: 41, samples: batch(2) });
    publish(7, { type: "status", status: { line: "On air" } });
    publish(8, { type: "incident", incident: { kind: "dead_air" } });
    await vi.waitFor(() => expect(heard).toHaveLength(3));
    expect(heard.map((h) => [h.eventId, h.message.type])).toEqual([
      [7, "samples"],
      [7, "status"],
      [8, "incident"],
    ]);
    // This server hears its own messages the same way, and only those of the event its viewer watches.
    await vi.waitFor(() => expect(mine.map((m) => m.type)).toEqual(["samples", "status"]));
    unsubscribe();
  });

  it("bring this server's viewers what another server publishes", async () => {
    const mine: LiveMessage[] = [];
    const unsubscribe = subscribe(9, (m) => mine.push(m));
    await listening();
    const [payload] = livePayloads(9, { type: "samples", id: 77, samples: batch(3) });
    await other.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
    await vi.waitFor(() => expect(mine).toEqual([{ type: "samples", id: 77, samples: batch(3) }]));
    unsubscribe();
  });

  it("send a batch too large for one NOTIFY in pieces, whole and in order, its id on the last piece", async () => {
    const samples = batch(2_000);
    const mine: LiveMessage[] = [];
    const unsubscribe = subscribe(11, (m) => mine.push(m));
    await listening();
    publish(11, { type: "samples", id: 5_000, samples });
    await vi.waitFor(() => expect(mine.flatMap((m) => (m.type === "samples" ? m.samples : []))).toHaveLength(2_000));
    const pieces = mine as Extract<LiveMessage, { type: "samples" }>[];
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.flatMap((p) => p.samples)).toEqual(samples);
    expect(pieces.map((p) => p.id)).toEqual([...Array(pieces.length - 1).fill(undefined), 5_000]);
    for (const payload of livePayloads(11, { type: "samples", id: 5_000, samples })) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    unsubscribe();
  });

  it("tell this server's viewers to reconnect when its connection is lost, and listen again for the next", async () => {
    const mine: LiveMessage[] = [];
    const unsubscribe = subscribe(12, (m) => mine.push(m));
    await listening();
    await other.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'deadair-live' AND datname = current_database()",
    );
    await vi.waitFor(() => expect(mine).toContainEqual({ type: "lost" }));
    unsubscribe();

    const again: LiveMessage[] = [];
    const resubscribed = subscribe(12, (m) => again.push(m));
    await listening();
    publish(12, { type: "status", status: { line: "Back" } });
    await vi.waitFor(() => expect(again).toEqual([{ type: "status", status: { line: "Back" } }]));
    resubscribed();
  });
});
