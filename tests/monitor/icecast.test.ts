// The monitors against the real thing: Debian's icecast2 on a free port, ffmpeg pushing a tone with a stretch of
// silence, Dead Air's worker listening (its own ffmpeg) and polling status-json.xsl, all stored in a real SQLite file.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/data/event-writes";
import { createMonitor, getMonitorOrThrow } from "@/lib/data/monitors";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { runningFfmpegCount } from "@/lib/monitor/ffmpeg";
import { MonitorWorker } from "@/lib/monitor/worker";
import { connectListeners, type IcecastServer, listenerCount, type SourceProcess, startIcecast, startSource } from "../support/icecast";
import { eventually } from "../support/eventually";

const EDITOR = { actor: systemActor("console") };

/** The ffmpeg processes whose parent is this test process (ps, so that none the code lost track of is missed). */
function childFfmpegs(): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,comm="]).toString();
  return out
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, ppid, comm]) => Number(ppid) === process.pid && comm === "ffmpeg")
    .map(([pid]) => Number(pid));
}

describe("an audio monitor and an Icecast listener count on a real stream", () => {
  let icecast: IcecastServer;
  let source: SourceProcess;
  let worker: MonitorWorker;
  let eventId: number;
  let slug: string;
  /** When the source was stopped, and the stream-down incident that opened. */
  let stoppedAt = 0;
  let downId = 0;

  beforeAll(async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    icecast = await startIcecast();
    // A 440 Hz tone, silent from its 20th to its 32nd second (12 s of dead air), then sound until the test stops it.
    source = await startSource(icecast, { mount: "/live", filter: "sine=frequency=440,volume='if(between(t,20,32),0,0.5)':eval=frame" });
    const event = await createEvent({
      ctx: EDITOR,
      input: {
        title: "Icecast check",
        platform: "Icecast",
        timeZone: "UTC",
        status: "live",
        scheduledStart: new Date(Date.now() - 5_000).toISOString(),
      },
    });
    eventId = event.id;
    slug = event.slug;
    await createMonitor({ ctx: EDITOR, slug, input: { kind: "audio", url: `${icecast.url}/live`, mode: "on" } });
    await createMonitor({ ctx: EDITOR, slug, input: { kind: "icecast", url: icecast.url, mount: "/live", intervalSeconds: 1, mode: "on" } });
    worker = new MonitorWorker().start();
  });

  afterAll(async () => {
    await worker?.stop();
    await source?.stop();
    await icecast?.stop();
    delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  });

  const samples = (series: string) =>
    getDb().sample.findMany({ where: { eventId, series }, orderBy: { at: "asc" }, select: { at: true, value: true, origin: true } });
  const detected = (detector: string) => getDb().incident.findMany({ where: { eventId, detector }, orderBy: { id: "asc" } });

  it("records loudness once a second, and Icecast's count of the listeners connected (Dead Air's own among them)", async () => {
    const listeners = await connectListeners(`${icecast.url}/live`, 3);
    try {
      // Three of the test's, and the audio monitor's own connection.
      expect(await eventually("Icecast counts 4 listeners", async () => ((await listenerCount(icecast, "/live")) === 4 ? true : undefined))).toBe(
        true,
      );
      const counted = await eventually("a listeners sample of 4", async () => (await samples("listeners")).find((s) => s.value === 4));
      expect(counted.origin).toMatch(/^monitor:\d+$/);
    } finally {
      await listeners.close();
    }
    const loudness = await eventually("five seconds of loudness", async () => {
      const rows = await samples("loudness");
      return rows.length >= 5 ? rows : undefined;
    });
    // A sine at half scale in mono reads about −28 LUFS; every sample sits on a whole second, one a second.
    expect(loudness.every((s) => s.at.getTime() % 1000 === 0)).toBe(true);
    expect(loudness.some((s) => s.value > -35)).toBe(true);
    const gaps = loudness.slice(1).map((s, i) => s.at.getTime() - loudness[i].at.getTime());
    expect(Math.max(...gaps)).toBe(1000);
    expect((await samples("stream_up"))[0]?.value).toBe(1);
    const audio = (await getDb().monitor.findMany({ where: { eventId, kind: "audio" } }))[0];
    expect(await getMonitorOrThrow(audio.id)).toMatchObject({ state: "running", worker: worker.id });
  });

  it("opens a dead-air incident when the source goes silent and closes it with the silence's duration, within 2 s", async () => {
    const open = await eventually("dead air opens", async () => (await detected("dead_air"))[0], 45_000);
    expect(open.review).toBe("pending");
    const closed = await eventually("dead air closes", async () => (await detected("dead_air")).find((i) => i.endedAt !== null), 30_000);
    const seconds = (closed.endedAt!.getTime() - closed.startedAt!.getTime()) / 1000;
    expect(Math.abs(seconds - 12)).toBeLessThanOrEqual(2);
    expect(closed.durationMinutes).toBeCloseTo(seconds / 60, 2);
    // The silence is in the loudness itself: ffmpeg's floor for digital silence.
    expect((await samples("loudness")).some((s) => s.value < -100)).toBe(true);
  });

  it("opens a stream-down incident when the source stops, and says why on the monitor", async () => {
    stoppedAt = Date.now();
    await source.stop();
    // The one the stop opens (on a starved machine the detectors may have judged the stream down a moment earlier,
    // and closed that one once its late samples came; tests/integration/detection.test.ts).
    const down = await eventually(
      "stream down opens",
      async () => (await detected("stream_down")).find((i) => i.endedAt === null && i.startedAt!.getTime() >= stoppedAt - 5_000),
      20_000,
    );
    downId = down.id;
    await eventually("stream_up 0", async () => ((await samples("stream_up")).at(-1)?.value === 0 ? true : undefined));
    const audio = (await getDb().monitor.findMany({ where: { eventId, kind: "audio" } }))[0];
    const view = await eventually("the audio monitor says the stream ended", async () => {
      const m = await getMonitorOrThrow(audio.id);
      return m.state === "retrying" && m.lastError ? m : undefined;
    });
    expect(view.lastError).toMatch(/^(The stream ended|The stream's address answered HTTP 404|Nothing answers)/);
    const poller = (await getDb().monitor.findMany({ where: { eventId, kind: "icecast" } }))[0];
    const polled = await eventually("the Icecast monitor says the mount is gone", async () => {
      const m = await getMonitorOrThrow(poller.id);
      return m.lastError?.includes("/live") ? m : undefined;
    });
    expect(polled.lastError).toBe("The mount /live is not on this Icecast server now (no source is connected to it).");
  });

  it("reconnects when the source comes back, closes the stream-down incident, and stops its ffmpeg with the worker", async () => {
    source = await startSource(icecast, { mount: "/live", filter: "sine=frequency=440,volume=0.5" });
    const closed = await eventually(
      "stream down closes",
      async () => (await detected("stream_down")).find((i) => i.id === downId && i.endedAt !== null),
      45_000,
    );
    expect(closed.endedAt!.getTime()).toBeGreaterThan(closed.startedAt!.getTime());
    expect((await samples("stream_up")).map((s) => s.value)).toEqual([1, 0, 1]);
    // The monitor's ffmpeg, beside the test's own source.
    const monitors = () => childFfmpegs().filter((pid) => pid !== source.process.pid);
    expect(monitors()).toHaveLength(1);
    await worker.stop();
    expect(runningFfmpegCount()).toBe(0);
    expect(monitors()).toEqual([]);
    const rows = await getDb().monitor.findMany({ where: { eventId } });
    expect(rows.map((r) => [r.leaseOwner, r.state])).toEqual([
      [null, "idle"],
      [null, "idle"],
    ]);
  });
});
