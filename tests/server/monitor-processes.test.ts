// Dead Air's server runs the monitor worker: an audio monitor set up through the API starts an ffmpeg under it, and
// however the server stops (SIGTERM, or killed outright), no ffmpeg is left behind.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, seededDatabase, startServer } from "@/scripts/server-process";
import { eventually as until } from "../support/eventually";
import { type IcecastServer, type SourceProcess, startIcecast, startSource } from "../support/icecast";

let dir: string;
let icecast: IcecastServer;
let source: SourceProcess;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deadair-monitor-server-"));
  icecast = await startIcecast();
  source = await startSource(icecast, { mount: "/live", filter: "sine=frequency=440,volume=0.5" });
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop("SIGKILL")));
  servers = [];
});
afterAll(async () => {
  await source?.stop();
  await icecast?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function ffmpegsOf(parent: number): number[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,stat=,comm="])
    .toString()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, ppid, stat, comm]) => Number(ppid) === parent && comm === "ffmpeg" && !stat.startsWith("Z"))
    .map(([pid]) => Number(pid));
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)])
      .toString()
      .trim()
      .startsWith("Z");
  } catch {
    return false;
  }
}

/** A server on a database whose one live event has an audio monitor on the test's Icecast, running its ffmpeg. */
async function serverWithMonitor(name: string): Promise<{ server: ServerProcess; ffmpeg: number }> {
  const { url, tokens } = await seededDatabase(path.join(dir, `${name}.db`), 1);
  const server = await startServer(url, { DEADAIR_ALLOW_PRIVATE_TARGETS: "1" });
  servers.push(server);
  const auth = { Authorization: `Bearer ${tokens[0]}`, "Content-Type": "application/json" };
  const event = await fetch(`${server.url}/api/events`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ title: `Monitored ${name}`, platform: "Icecast", timeZone: "UTC", status: "live" }),
  });
  expect(event.status).toBe(201);
  const { slug } = (await event.json()) as { slug: string };
  const monitor = await fetch(`${server.url}/api/events/${slug}/monitors`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ kind: "audio", url: `${icecast.url}/live` }),
  });
  expect(monitor.status, await monitor.clone().text()).toBe(201);
  const [ffmpeg] = await until(
    `an ffmpeg under the server\n${server.output()}`,
    () => {
      const found = ffmpegsOf(server.child.pid!);
      return found.length ? found : undefined;
    },
    20_000,
  );
  // Samples flow, so the ffmpeg is the monitor's, listening.
  await until(
    "loudness samples",
    async () => {
      const response = await fetch(`${server.url}/api/events/${slug}/samples?series=loudness`);
      const body = (await response.json()) as { series: { loudness?: unknown[] } };
      return (body.series.loudness?.length ?? 0) > 0 ? true : undefined;
    },
    20_000,
  );
  return { server, ffmpeg };
}

describe("no ffmpeg outlives the server that started it", () => {
  it("stopped with SIGTERM", async () => {
    const { server, ffmpeg } = await serverWithMonitor("sigterm");
    const { code } = await server.stop("SIGTERM");
    expect(code).toBe(143);
    expect(running(ffmpeg)).toBe(false);
  });

  it("killed with SIGKILL, when no code of the server runs any more", async () => {
    const { server, ffmpeg } = await serverWithMonitor("sigkill");
    const { signal } = await server.stop("SIGKILL");
    expect(signal).toBe("SIGKILL");
    await until("the ffmpeg is gone", () => (running(ffmpeg) ? undefined : true), 2_000);
  });
});
