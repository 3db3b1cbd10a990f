// An audio monitor on an HLS stream: ffmpeg writes a live playlist of two-second segments into a folder that a server
// in the test serves; Dead Air reads the playlist from its live edge, fetches each new segment and measures it.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEvent } from "@/lib/data/event-writes";
import { createMonitor, getMonitorOrThrow } from "@/lib/data/monitors";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { MonitorWorker } from "@/lib/monitor/worker";

const EDITOR = { actor: systemActor("console") };
let dir: string;
let encoder: ChildProcess;
let server: http.Server;
let worker: MonitorWorker;
let base: string;

beforeAll(async () => {
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-hls-"));
  // A tone in AAC, in MPEG-TS segments of 2 s; the playlist keeps the last six.
  encoder = spawn(
    "ffmpeg",
    [
      "-hide_banner",
      "-nostdin",
      "-loglevel",
      "error",
      "-re",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440,volume=0.5",
      "-c:a",
      "aac",
      "-b:a",
      "64k",
    ].concat(["-f", "hls", "-hls_time", "2", "-hls_list_size", "6", "-hls_flags", "delete_segments", path.join(dir, "index.m3u8")]),
    { stdio: "ignore" },
  );
  server = http.createServer((request, response) => {
    const file = path.join(dir, path.basename(new URL(request.url!, "http://x").pathname));
    if (!fs.existsSync(file)) return response.writeHead(404).end();
    const type = file.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t";
    response.writeHead(200, { "content-type": type }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = new MonitorWorker().start();
});

afterAll(async () => {
  await worker?.stop();
  encoder?.kill("SIGKILL");
  await new Promise((resolve) => server?.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
});

it("measures an HLS stream's loudness, segment after segment, as it is published", async () => {
  const deadline = Date.now() + 15_000;
  while (!fs.existsSync(path.join(dir, "index.m3u8")) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const event = await createEvent({ ctx: EDITOR, input: { title: "HLS check", platform: "YouTube Live", timeZone: "UTC", status: "live" } });
  const monitor = await createMonitor({ ctx: EDITOR, slug: event.slug, input: { kind: "audio", url: `${base}/index.m3u8`, mode: "on" } });
  void worker.look();
  const until = Date.now() + 40_000;
  let rows: { at: Date; value: number }[] = [];
  while (Date.now() < until) {
    rows = await getDb().sample.findMany({
      where: { eventId: event.id, series: "loudness" },
      orderBy: { at: "asc" },
      select: { at: true, value: true },
    });
    // Ten seconds measured: more than the live edge's three segments (6 s), so segments published later were fetched.
    if (rows.length >= 10) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(rows.length, JSON.stringify(await getMonitorOrThrow(monitor.id))).toBeGreaterThanOrEqual(10);
  expect(rows.every((r) => r.value > -35 && r.value < -20)).toBe(true);
  expect(await getMonitorOrThrow(monitor.id)).toMatchObject({ state: "running" });
});
