// Monitor workers as separate processes (`npm run monitor`) on one database: a monitor is run by one worker at a
// time, a killed worker's ffmpeg dies with it and its monitors are taken over within 30 s, a stopped worker lets go.
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/data/event-writes";
import { createMonitor } from "@/lib/data/monitors";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { LEASE_MS, MonitorWorker } from "@/lib/monitor/worker";
import { startWorkerProcess, type WorkerProcess } from "@/scripts/server-process";
import { type IcecastServer, type SourceProcess, startIcecast, startSource } from "../support/icecast";
import { eventually } from "../support/eventually";

const EDITOR = { actor: systemActor("console") };

function ffmpegsOf(parent: number): number[] {
  return execFileSync("ps", ["-eo", "pid=,ppid=,comm="])
    .toString()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, ppid, comm]) => Number(ppid) === parent && comm === "ffmpeg")
    .map(([pid]) => Number(pid));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie (dead, not yet reaped) is no running process either.
    return !/^Z/.test(
      execFileSync("ps", ["-o", "stat=", "-p", String(pid)])
        .toString()
        .trim(),
    );
  } catch {
    return false;
  }
};

describe("monitor workers in processes of their own", () => {
  let icecast: IcecastServer;
  let source: SourceProcess;
  let counter: http.Server;
  let polls: number[] = [];
  let ids: number[];
  const children: WorkerProcess[] = [];
  let inTest: MonitorWorker | null = null;

  beforeAll(async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    icecast = await startIcecast();
    source = await startSource(icecast, { mount: "/live", filter: "sine=frequency=440,volume=0.5" });
    counter = http.createServer((_q, response) => {
      polls.push(Date.now());
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ listeners: 250 }));
    });
    await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
    const event = await createEvent({ ctx: EDITOR, input: { title: "Takeover check", platform: "Icecast", timeZone: "UTC", status: "live" } });
    const audio = await createMonitor({ ctx: EDITOR, slug: event.slug, input: { kind: "audio", url: `${icecast.url}/live`, mode: "on" } });
    const port = (counter.address() as AddressInfo).port;
    const count = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: { kind: "json", url: `http://127.0.0.1:${port}/count`, pointer: "/listeners", intervalSeconds: 1, mode: "on" },
    });
    ids = [audio.id, count.id];
  });

  afterAll(async () => {
    await inTest?.stop();
    for (const { child } of children) child.kill("SIGKILL");
    await source?.stop();
    await icecast?.stop();
    await new Promise((resolve) => counter?.close(resolve));
    delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  });

  const owners = async () => (await getDb().monitor.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((m) => m.leaseOwner);
  const heldBy = (pid: number) => async () => ((await owners()).every((o) => o?.split(":").at(-2) === String(pid)) ? true : undefined);

  it("runs each monitor in one worker only: a second worker leaves them to the first", async () => {
    const first = startWorkerProcess();
    children.push(first);
    await eventually(`worker ${first.child.pid} takes both monitors\n${first.output()}`, heldBy(first.child.pid!));
    await eventually("its ffmpeg runs", () => (ffmpegsOf(first.child.pid!).length === 1 ? true : undefined), 15_000);
    inTest = new MonitorWorker().start();
    polls = [];
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(inTest.runningIds).toEqual([]);
    // One poll a second, from one worker: two would poll about twice as often.
    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.length).toBeLessThanOrEqual(8);
    expect(await owners()).toEqual(ids.map(() => expect.stringContaining(`:${first.child.pid}:`)));
  });

  it("kills a killed worker's ffmpeg at once, and another worker takes its monitors within 30 s", async () => {
    const first = children[0];
    const [ffmpeg] = ffmpegsOf(first.child.pid!);
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await first.exited;
    // The kernel's parent-death signal: no exit handler ran, and still no ffmpeg is left behind.
    await eventually("its ffmpeg is gone", () => (alive(ffmpeg) ? undefined : true), 2_000);
    await eventually("the in-test worker runs both", () => (inTest!.runningIds.length === 2 ? true : undefined), 30_000);
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThan(30_000);
    expect(takeover).toBeGreaterThan(LEASE_MS - 5_000 - 1_000);
    const since = Date.now();
    await eventually(
      "sampled again",
      async () => (await getDb().sample.findFirst({ where: { at: { gt: new Date(since) }, series: "loudness" } })) ?? undefined,
    );
    expect(ffmpegsOf(process.pid).filter((pid) => pid !== source.process.pid)).toHaveLength(1);
  });

  it("a worker stopped with SIGTERM stops its ffmpeg and lets go of its monitors at once", async () => {
    await inTest!.stop();
    inTest = null;
    expect(await owners()).toEqual([null, null]);
    const next = startWorkerProcess();
    children.push(next);
    await eventually("the new worker takes both", heldBy(next.child.pid!));
    const [ffmpeg] = await eventually(
      "its ffmpeg runs",
      () => (ffmpegsOf(next.child.pid!).length === 1 ? ffmpegsOf(next.child.pid!) : undefined),
      15_000,
    );
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(143);
    expect(alive(ffmpeg)).toBe(false);
    expect(await owners()).toEqual([null, null]);
    const states = (await getDb().monitor.findMany({ where: { id: { in: ids } } })).map((m) => m.state);
    expect(states).toEqual(["idle", "idle"]);
  });
});
