// The audience monitors against servers in the test: the X API v2 Spaces lookup in its documented shape (scheduled,
// live, rate-limited, ended), and JSON endpoints that answer well and badly; and an audio monitor given what is not audio.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createEvent } from "@/lib/data/event-writes";
import { createMonitor, getMonitorOrThrow, type MonitorView } from "@/lib/data/monitors";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { MonitorWorker } from "@/lib/monitor/worker";
import { eventually } from "../support/eventually";

const EDITOR = { actor: systemActor("console") };
const TOKEN = "AAAAAAAAAAAAAAAAAAAAAsecret-bearer-token-of-the-test";

type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;
const routes = new Map<string, Route>();
const requests: { path: string; at: number; authorization?: string; query: string }[] = [];
let server: http.Server;
let base: string;
let worker: MonitorWorker;

beforeAll(async () => {
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  server = http.createServer((request, response) => {
    const url = new URL(request.url!, "http://x");
    requests.push({ path: url.pathname, at: Date.now(), authorization: request.headers.authorization, query: url.search });
    const route = routes.get(url.pathname);
    if (route) route(request, response);
    else response.writeHead(404, { "content-type": "text/plain" }).end("no such route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = new MonitorWorker().start();
});

afterAll(async () => {
  await worker.stop();
  await new Promise((resolve) => server.close(resolve));
  delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
});

afterEach(() => vi.restoreAllMocks());

async function newEvent(title: string, extra: Record<string, unknown> = {}) {
  return createEvent({ ctx: EDITOR, input: { title, platform: "X Spaces", timeZone: "America/New_York", status: "scheduled", ...extra } });
}

const json = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

describe("the X API v2 Spaces lookup", () => {
  it("follows a Space from scheduled to live to ended, waits out a 429 until its reset, and measures the delay", async () => {
    const logged = [vi.spyOn(console, "log"), vi.spyOn(console, "error"), vi.spyOn(console, "warn")];
    const scheduled = "2024-08-13T00:00:00.000Z";
    const started = "2024-08-13T00:42:00.000Z";
    let phase: "scheduled" | "live" | "limited" | "ended" = "scheduled";
    let resetAt = 0;
    routes.set("/2/spaces/1YqKDqWqdPLGV", (request, response) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`)
        return json(response, 401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" });
      const data: Record<string, unknown> = { id: "1YqKDqWqdPLGV", state: "scheduled", scheduled_start: scheduled, title: "A conversation" };
      if (phase === "limited") {
        resetAt = Math.ceil(Date.now() / 1000) + 3;
        phase = "live";
        return json(
          response,
          429,
          { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
          {
            "x-rate-limit-limit": "300",
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": String(resetAt),
          },
        );
      }
      if (phase !== "scheduled")
        Object.assign(data, { state: phase === "ended" ? "ended" : "live", started_at: started, participant_count: 1_100_000 });
      if (phase === "ended") data.ended_at = "2024-08-13T02:45:00.000Z";
      json(response, 200, { data });
    });
    const event = await newEvent("Musk and Trump, monitored");
    const monitor = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: { kind: "x-spaces", url: `${base}/2/spaces/1YqKDqWqdPLGV`, bearerToken: TOKEN, intervalSeconds: 1, mode: "on" },
    });
    expect(monitor).toMatchObject({ hasBearerToken: true, kind: "x-spaces" });
    expect(JSON.stringify(monitor)).not.toContain(TOKEN);
    void worker.look();

    // Scheduled: no participants yet, and the scheduled start comes in where nobody entered one.
    await eventually("the scheduled start", async () => (await getDb().event.findUnique({ where: { id: event.id } }))?.scheduledStart ?? undefined);
    expect(requests.find((r) => r.path === "/2/spaces/1YqKDqWqdPLGV")).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      query: "?space.fields=state,scheduled_start,started_at,ended_at,participant_count,title",
    });
    expect((await getDb().event.findUniqueOrThrow({ where: { id: event.id } })).scheduledStart?.toISOString()).toBe(scheduled);

    phase = "live";
    const figure = await eventually(
      "the measured delay",
      async () => (await getDb().report.findMany({ where: { eventId: event.id, metric: "start_delay" }, include: { source: true } }))[0],
    );
    expect(figure).toMatchObject({ value: 42, unit: "minutes", qualifier: "exact", source: { name: "Dead Air monitor" } });
    const live = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(live).toMatchObject({ status: "live" });
    expect(live.actualStart?.toISOString()).toBe(started);
    await eventually(
      "1.1 million listeners",
      async () => (await getDb().sample.findFirst({ where: { eventId: event.id, series: "listeners", value: 1_100_000 } })) ?? undefined,
    );

    phase = "limited";
    const limited = await eventually("the rate limit said", async () => {
      const m = await getMonitorOrThrow(monitor.id);
      return m.lastError?.startsWith("Rate-limited") ? m : undefined;
    });
    expect(limited.lastError).toMatch(/^Rate-limited \(HTTP 429\): the next request waits until \d\d:\d\d:\d\d UTC\.$/);
    const refusal = requests.filter((r) => r.path === "/2/spaces/1YqKDqWqdPLGV").length;
    await eventually("a request after the reset", async () =>
      requests.filter((r) => r.path === "/2/spaces/1YqKDqWqdPLGV").length > refusal ? true : undefined,
    );
    const next = requests.filter((r) => r.path === "/2/spaces/1YqKDqWqdPLGV")[refusal];
    expect(next.at).toBeGreaterThanOrEqual(resetAt * 1000);

    phase = "ended";
    const ended = await eventually("the end", async () => {
      const e = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
      return e.status === "ended" ? e : undefined;
    });
    expect(ended.endedAt?.toISOString()).toBe("2024-08-13T02:45:00.000Z");

    // The token went to the API and nowhere else: not the monitor's view, the correction log, nor any log line.
    expect(JSON.stringify(await getMonitorOrThrow(monitor.id))).not.toContain(TOKEN);
    const log = await getDb().revision.findMany();
    expect(JSON.stringify(log)).not.toContain(TOKEN);
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(TOKEN);
  });

  it("says when the X API refuses the bearer token", async () => {
    routes.set("/2/spaces/refused", (_q, response) =>
      json(response, 401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }),
    );
    const event = await newEvent("A refused token");
    const monitor = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: { kind: "x-spaces", url: `${base}/2/spaces/refused`, bearerToken: "wrong", intervalSeconds: 1, mode: "on" },
    });
    void worker.look();
    const view = await eventually("the refusal", async () =>
      (await getMonitorOrThrow(monitor.id)).lastError ? getMonitorOrThrow(monitor.id) : undefined,
    );
    expect(view).toMatchObject({ state: "retrying", lastError: "The address answered HTTP 401: the X API refused the bearer token (Unauthorized)." });
  });
});

describe("a JSON audience count", () => {
  const cases: [string, Route, string, string][] = [
    [
      "an HTML page",
      (_q, r) => r.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>Login</p>"),
      "/count",
      "The address answers text/html (HTML), not JSON.",
    ],
    [
      "garbage",
      (_q, r) => r.writeHead(200, { "content-type": "application/json" }).end("listeners: 12"),
      "/count",
      'The answer is not JSON: "listeners: 12"',
    ],
    ["a number as a string", (_q, r) => json(r, 200, { count: "1234" }), "/count", 'The value at /count is the string "1234", not a number.'],
    ["nothing at the pointer", (_q, r) => json(r, 200, { data: {} }), "/data/listeners", "The answer has nothing at /data/listeners."],
    ["a negative count", (_q, r) => json(r, 200, { count: -3 }), "/count", "The value at /count is -3: a count cannot be negative."],
    [
      "a server error",
      (_q, r) => r.writeHead(503, { "content-type": "text/html" }).end("<h1>Service Unavailable</h1>"),
      "/count",
      "The address answered HTTP 503: Service Unavailable.",
    ],
  ];

  it.each(cases)("answering %s is the monitor's last error in words, and the worker goes on", async (name, route, pointer, message) => {
    const path = `/json/${name.replace(/\W+/g, "-")}`;
    routes.set(path, route);
    const event = await newEvent(`JSON answering ${name}`);
    const monitor = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: { kind: "json", url: `${base}${path}`, pointer, intervalSeconds: 1, mode: "on" },
    });
    void worker.look();
    const view = await eventually(message, async () => {
      const m = await getMonitorOrThrow(monitor.id);
      return m.lastError ? m : undefined;
    });
    expect(view.lastError).toBe(message);
    expect(view.state).toBe("retrying");
    expect(await getDb().sample.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("stores the count a pointer names, sending the monitor's headers", async () => {
    routes.set("/json/keyed", (request, response) =>
      request.headers["x-api-key"] === "k-123" ? json(response, 200, { data: { "listeners/now": 77 } }) : json(response, 403, { error: "bad key" }),
    );
    const event = await newEvent("JSON with a key");
    const monitor: MonitorView = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: {
        kind: "json",
        url: `${base}/json/keyed`,
        pointer: "/data/listeners~1now",
        headers: "X-Api-Key: k-123",
        intervalSeconds: 1,
        mode: "on",
      },
    });
    expect(monitor.headerNames).toEqual(["X-Api-Key"]);
    void worker.look();
    const sample = await eventually(
      "a count of 77",
      async () => (await getDb().sample.findFirst({ where: { eventId: event.id, series: "listeners" } })) ?? undefined,
    );
    expect(sample).toMatchObject({ value: 77, origin: `monitor:${monitor.id}` });
    expect(await getMonitorOrThrow(monitor.id)).toMatchObject({ state: "running", lastError: null });
  });
});

describe("the address rules while polling", () => {
  it("refuse a redirect to a private address, checked when the redirect comes", async () => {
    // Allowed at entry and for the first hop; when it answers, private targets stop being allowed, so the redirect's
    // target (127.0.0.1) must be refused. Were redirects followed unchecked, /json/inside would be reached.
    routes.set("/json/public-looking", (_q, response) => {
      process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "0";
      response.writeHead(302, { location: `${base}/json/inside` }).end();
    });
    routes.set("/json/inside", (_q, response) => json(response, 200, { count: 1 }));
    const event = await newEvent("A redirect inside");
    const monitor = await createMonitor({
      ctx: EDITOR,
      slug: event.slug,
      input: { kind: "json", url: `${base}/json/public-looking`, pointer: "/count", intervalSeconds: 1, mode: "on" },
    });
    void worker.look();
    try {
      const view = await eventually("the refusal", async () => {
        const m = await getMonitorOrThrow(monitor.id);
        return m.lastError ? m : undefined;
      });
      expect(view.lastError).toBe(
        `Redirected to ${base}/json/inside, refused: 127.0.0.1 is a loopback address: monitors watch public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.`,
      );
      expect(requests.some((r) => r.path === "/json/inside")).toBe(false);
    } finally {
      process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
      await getDb().monitor.delete({ where: { id: monitor.id } });
    }
  });
});

describe("an audio monitor given what is not audio", () => {
  it.each([
    [
      "an HTML page",
      (_q: http.IncomingMessage, r: http.ServerResponse) => r.writeHead(200, { "content-type": "text/html" }).end("<p>hi</p>"),
      /^The address answers text\/html, not an audio stream\. Trying again in \d+ s\.$/,
    ],
    [
      "bytes that are no audio",
      (_q: http.IncomingMessage, r: http.ServerResponse) =>
        r.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.alloc(50_000, 7)),
      /^(The stream held no audio that ffmpeg could decode\.|The stream is not audio that ffmpeg can decode \(invalid data\)\.) Trying again in \d+ s\.$/,
    ],
    [
      "a missing stream",
      (_q: http.IncomingMessage, r: http.ServerResponse) => r.writeHead(404).end("Not found"),
      /^The stream's address answered HTTP 404: Not found\. Trying again in \d+ s\.$/,
    ],
  ])("%s: a clear last error, no sample, and the worker goes on", async (name, route, message) => {
    const path = `/audio/${name.replace(/\W+/g, "-")}`;
    routes.set(path, route);
    const event = await newEvent(`Audio answering ${name}`);
    const monitor = await createMonitor({ ctx: EDITOR, slug: event.slug, input: { kind: "audio", url: `${base}${path}`, mode: "on" } });
    void worker.look();
    const view = await eventually("its last error", async () => {
      const m = await getMonitorOrThrow(monitor.id);
      return m.lastError ? m : undefined;
    });
    expect(view.lastError).toMatch(message);
    expect(await getDb().sample.count({ where: { eventId: event.id } })).toBe(0);
  });
});
