// From samples to incidents: the detectors run over what was stored, open and close incidents with "Dead Air
// monitor" as their source, measure a late start, queue alerts, and keep what editors dismissed or corrected.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDetectors, PUT as putDetectors } from "@/app/api/events/[slug]/detectors/route";
import { POST as postSamples } from "@/app/api/events/[slug]/samples/route";
import { reviewDetectedIncident } from "@/lib/data/detections";
import { createEvent } from "@/lib/data/event-writes";
import { updateIncident } from "@/lib/data/incident-writes";
import { createWebhookEndpoint } from "@/lib/data/webhooks";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { scheduleDetection } from "@/lib/live/monitoring";
import { BASE, jsonRequest, params, writeAuth } from "./api-helpers";

const CONSOLE = { actor: systemActor("console") };
const iso = (ms: number) => new Date(ms).toISOString();

async function newEvent(slug: string, scheduledStart: string) {
  return createEvent({ ctx: CONSOLE, input: { slug, title: `Live ${slug}`, platform: "Icecast", timeZone: "UTC", scheduledStart, status: "live" } });
}

async function send(slug: string, samples: { series: string; at: number; value: number }[]) {
  for (let i = 0; i < samples.length; i += 5000) {
    const body = JSON.stringify({ samples: samples.slice(i, i + 5000).map((s) => ({ ...s, at: iso(s.at) })) });
    const response = await postSamples(
      new Request(`${BASE}/api/events/${slug}/samples`, { method: "POST", headers: { ...writeAuth(), "Content-Type": "application/json" }, body }),
      params({ slug }),
    );
    expect(response.status).toBe(200);
  }
}

const incidentsOf = (eventId: number) =>
  getDb().incident.findMany({ where: { eventId, detector: { not: null } }, orderBy: { id: "asc" }, include: { source: true } });

beforeAll(async () => {
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  await createWebhookEndpoint({
    ctx: CONSOLE,
    input: { url: "http://127.0.0.1:9/hook", events: ["incident.opened", "incident.closed"], description: "tests" },
  });
});

describe("detection", () => {
  it("measures a late start of 42 minutes: an incident from the scheduled start to the first sustained sound, the delay as a monitored figure, the actual start", async () => {
    const event = await newEvent("live-late", "2024-08-13T00:00:00Z");
    const t0 = Date.parse("2024-08-13T00:00:00Z");
    const silence = Array.from({ length: 42 * 60 }, (_, i) => ({ series: "loudness", at: t0 + i * 1000, value: -70 }));
    const sound = Array.from({ length: 120 }, (_, i) => ({ series: "loudness", at: t0 + 42 * 60_000 + i * 1000, value: -20 }));
    await send(event.slug, [...silence, ...sound]);
    await scheduleDetection(event.id);
    const late = (await incidentsOf(event.id)).find((i) => i.kind === "late_start")!;
    expect(late).toMatchObject({ detector: "late_start", review: "pending", startOffsetMinutes: 0, durationMinutes: 42 });
    expect(late.source?.name).toBe("Dead Air monitor");
    expect(late.endedAt?.toISOString()).toBe("2024-08-13T00:42:00.000Z");
    const stored = await getDb().event.findUniqueOrThrow({ where: { id: event.id }, include: { reports: { include: { source: true } } } });
    expect(stored.actualStart?.toISOString()).toBe("2024-08-13T00:42:00.000Z");
    expect(stored.reports.map((r) => [r.metric, r.value, r.source.name])).toEqual([["start_delay", 42, "Dead Air monitor"]]);
    // The first 42 minutes of silence were the late start, not dead air on air.
    const revisions = await getDb().revision.findMany({ where: { eventId: event.id, entity: "incident" } });
    expect(revisions.every((r) => r.actor === "monitor")).toBe(true);
  });

  it("opens dead air when the sound goes, closes it with its duration when it comes back, and queues the alerts", async () => {
    const event = await newEvent("live-dead-air", "2024-09-01T20:00:00Z");
    const t0 = Date.parse("2024-09-01T20:00:00Z");
    const sound = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ series: "loudness", at: t0 + (from + i) * 1000, value: -20 }));
    const quiet = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ series: "loudness", at: t0 + (from + i) * 1000, value: -65 }));
    await send(event.slug, [...sound(0, 60), ...quiet(60, 30)]);
    await scheduleDetection(event.id);
    let [deadAir] = await incidentsOf(event.id);
    expect(deadAir).toMatchObject({ kind: "dead_air", endedAt: null, durationMinutes: null, startOffsetMinutes: 1 });
    await send(event.slug, sound(90, 30));
    await scheduleDetection(event.id);
    [deadAir] = await incidentsOf(event.id);
    expect(deadAir.endedAt?.toISOString()).toBe(iso(t0 + 90_000));
    expect(deadAir.durationMinutes).toBe(0.5);
    const deliveries = await getDb().webhookDelivery.findMany({ where: { payload: { contains: `"id":${deadAir.id},` } }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.type)).toEqual(["incident.opened", "incident.closed"]);
  });

  it("closes a stream-down it opened when the samples were only late: once they come, it lasted no time, and the alert says so", async () => {
    // Samples of the last 20 s, a second apart, up to a second ago: the stream's own time runs a second behind.
    const event = await newEvent("live-late-samples", iso(Date.now() - 60_000));
    const last = Math.floor(Date.now() / 1000) * 1000 - 1000;
    const loudness = (from: number, to: number) =>
      Array.from({ length: (to - from) / 1000 + 1 }, (_, i) => ({ series: "loudness", at: from + i * 1000, value: -20 }));
    await send(event.slug, loudness(last - 19_000, last));
    // Nothing for 4.5 s (a listener starved of CPU): judged a second behind the clock, that is more than 3 s of nothing.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await scheduleDetection(event.id);
    const [down] = await incidentsOf(event.id);
    expect(down).toMatchObject({ kind: "stream_down", endedAt: null });
    // The listener catches up: its samples, in their own time, fill what looked like a gap.
    await send(event.slug, loudness(last + 1000, Math.floor(Date.now() / 1000) * 1000 - 1000));
    await scheduleDetection(event.id);
    const [closed] = await incidentsOf(event.id);
    expect(closed.id).toBe(down.id);
    expect(closed.endedAt?.getTime()).toBe(closed.startedAt?.getTime());
    expect(closed.durationMinutes).toBe(0);
    const deliveries = await getDb().webhookDelivery.findMany({ where: { payload: { contains: `"id":${down.id},` } }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.type)).toEqual(["incident.opened", "incident.closed"]);
  });

  it("keeps a dismissed incident dismissed and a corrected one as people left it", async () => {
    const event = await newEvent("live-reviewed", "2024-09-02T20:00:00Z");
    const t0 = Date.parse("2024-09-02T20:00:00Z");
    await send(
      event.slug,
      Array.from({ length: 120 }, (_, i) => ({
        series: "loudness",
        at: t0 + i * 1000,
        value: i >= 30 && i < 60 ? -70 : i >= 80 && i < 100 ? -70 : -20,
      })),
    );
    await scheduleDetection(event.id);
    const [first, second] = await incidentsOf(event.id);
    await reviewDetectedIncident({ ctx: CONSOLE, id: first.id, review: "dismissed" });
    await updateIncident({
      ctx: CONSOLE,
      id: second.id,
      input: {
        kind: "dead_air",
        startOffsetMinutes: 1.3,
        durationMinutes: 0.5,
        qualifier: "approximate",
        description: "Checked by hand.",
        version: second.version,
      },
    });
    await send(
      event.slug,
      Array.from({ length: 30 }, (_, i) => ({ series: "loudness", at: t0 + (120 + i) * 1000, value: -20 })),
    );
    await scheduleDetection(event.id);
    const after = await incidentsOf(event.id);
    expect(after).toHaveLength(2);
    expect(after[0].review).toBe("dismissed");
    expect(after[1]).toMatchObject({ review: "corrected", durationMinutes: 0.5, description: "Checked by hand." });
  });
});

describe("detector settings per event", () => {
  it("takes overrides of the defaults, refuses what it does not know naming the field, and the detectors use them", async () => {
    const event = await newEvent("live-settings", "2024-09-03T20:00:00Z");
    const put = (body: unknown) => putDetectors(jsonRequest("PUT", `/api/events/${event.slug}/detectors`, body), params({ slug: event.slug }));
    const refused = await put({ deadAir: { thresholdLufs: "quiet", colour: 1 } });
    expect(refused.status).toBe(400);
    expect(Object.keys(((await refused.json()) as { errors: object }).errors).sort()).toEqual(["deadAir.colour", "deadAir.thresholdLufs"].sort());
    expect((await put({ deadAir: { minDurationMs: 60_000 } })).status).toBe(200);
    const read = (await (await getDetectors(new Request(`${BASE}/api/events/${event.slug}/detectors`), params({ slug: event.slug }))).json()) as {
      settings: { deadAir: { minDurationMs: number; thresholdLufs: number } };
    };
    expect(read.settings.deadAir).toMatchObject({ minDurationMs: 60_000, thresholdLufs: -50 });
    // 30 s of silence is no dead air for an event that asks for a minute.
    const t0 = Date.parse("2024-09-03T20:00:00Z");
    await send(
      event.slug,
      Array.from({ length: 120 }, (_, i) => ({ series: "loudness", at: t0 + i * 1000, value: i >= 30 && i < 60 ? -70 : -20 })),
    );
    await scheduleDetection(event.id);
    expect(await incidentsOf(event.id)).toEqual([]);
  });
});
