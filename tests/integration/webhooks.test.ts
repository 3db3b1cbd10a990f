// Alerts: endpoints made by admins, deliveries signed as Standard Webhooks says (checked with its own library),
// retried on the schedule, sent once however many senders run, and never to a private address unless allowed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebhookAction, sendTestWebhookAction } from "@/lib/actions/admin";
import { createApiToken, tokenActor } from "@/lib/data/api-tokens";
import type { WriteContext } from "@/lib/data/operation";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enqueueWebhook,
  listDeliveries,
  listWebhookEndpoints,
  sendTestWebhook,
} from "@/lib/data/webhooks";
import { getDb, write } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, RETRY_JITTER } from "@/lib/domain/webhook-retries";
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { deliverDueWebhooks, startWebhookWorker, stopWebhookWorker } from "@/lib/live/webhook-worker";
import { initialFormState } from "@/lib/validation/form-state";
import { signInAs } from "./auth-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

const ADMIN: WriteContext = { actor: systemActor("console") };

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** A receiver on 127.0.0.1: every request is kept; each path answers as `routes` says (200 by default). */
const received: Received[] = [];
type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;
const routes = new Map<string, Route>();
const hanging = new Set<http.ServerResponse>();
let server: http.Server;
let base: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const route = routes.get(path);
      if (route) route(request, response);
      else response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const r of hanging) r.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let savedAllow: string | undefined;
beforeEach(async () => {
  savedAllow = process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  // The receivers are on 127.0.0.1; the tests of the guard turn this off themselves.
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  received.length = 0;
  routes.clear();
  // Each test starts with no endpoint (and so no delivery), whatever ran before it.
  await write((tx) => tx.webhookEndpoint.deleteMany());
});

afterEach(() => {
  if (savedAllow === undefined) delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  else process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = savedAllow;
});

async function endpoint(path: string, events: string[] = ["incident.opened", "incident.closed", "incident.updated"]) {
  return createWebhookEndpoint({ ctx: ADMIN, input: { url: `${base}${path}`, description: `receiver ${path}`, events } });
}

const opened = (n = 1) =>
  write((tx) =>
    enqueueWebhook(tx, "incident.opened", {
      incident: { id: n, kind: "dead_air", startedAt: "2024-08-13T00:05:00.000Z" },
      event: { slug: "musk-trump-x-spaces-2024" },
    }),
  );

async function tables() {
  const db = getDb();
  return {
    endpoints: await db.webhookEndpoint.findMany({ orderBy: { id: "asc" } }),
    deliveries: await db.webhookDelivery.findMany({ orderBy: { id: "asc" } }),
  };
}

function verify(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, {
    "webhook-id": r.headers["webhook-id"],
    "webhook-timestamp": r.headers["webhook-timestamp"],
    "webhook-signature": r.headers["webhook-signature"],
  });
}

describe("a delivery", () => {
  it("arrives signed so that the standardwebhooks library verifies it with the endpoint's secret", async () => {
    const hook = await endpoint("/in", ["incident.opened"]);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(hook.secret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);

    expect(await opened(7)).toBe(1);
    // Not subscribed to updates: nothing is queued for it.
    expect(await write((tx) => enqueueWebhook(tx, "incident.updated", { incident: { id: 7 } }))).toBe(0);

    const results = await deliverDueWebhooks();
    expect(results).toMatchObject([{ endpointId: hook.id, state: "delivered", status: 204, error: null }]);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.path).toBe("/in");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toBe(results[0].msgId);
    expect(request.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]+$/);
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(10);
    expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const payload = verify(hook.secret, request);
    expect(payload).toEqual({
      type: "incident.opened",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      data: { incident: { id: 7, kind: "dead_air", startedAt: "2024-08-13T00:05:00.000Z" }, event: { slug: "musk-trump-x-spaces-2024" } },
    });
    // The check can fail: another secret, or one changed byte of the body, is refused by the library.
    expect(() => verify("whsec_" + Buffer.alloc(32, 1).toString("base64"), request)).toThrow(WebhookVerificationError);
    expect(() => verify(hook.secret, { ...request, body: request.body.replace("dead_air", "dead_aiR") })).toThrow(WebhookVerificationError);

    const [row] = await listDeliveries(hook.id, 10);
    expect(row).toMatchObject({ type: "incident.opened", state: "delivered", attempts: 1, lastStatus: 204, lastError: null, nextAttemptAt: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    // Sent once: nothing is left to send.
    expect(await deliverDueWebhooks(new Date(Date.now() + 86_400_000))).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it("is queued in the caller's transaction: a write that fails queues nothing", async () => {
    await endpoint("/in");
    const failed = await write(async (tx) => {
      await enqueueWebhook(tx, "incident.closed", { incident: { id: 1 } });
      throw new Error("the detection's write failed");
    }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await getDb().webhookDelivery.count()).toBe(0);
  });

  it("goes only to enabled endpoints subscribed to its type, one message id each", async () => {
    const a = await endpoint("/a", ["incident.opened", "incident.closed"]);
    const b = await endpoint("/b", ["incident.closed"]);
    const c = await endpoint("/c", ["incident.closed"]);
    await write((tx) => tx.webhookEndpoint.update({ where: { id: c.id }, data: { disabledAt: new Date() } }));
    expect(await write((tx) => enqueueWebhook(tx, "incident.closed", { incident: { id: 3 } }))).toBe(2);
    const rows = await getDb().webhookDelivery.findMany({ orderBy: { endpointId: "asc" } });
    expect(rows.map((r) => r.endpointId)).toEqual([a.id, b.id]);
    expect(new Set(rows.map((r) => r.msgId)).size).toBe(2);
    expect(rows[0].payload).toBe(rows[1].payload);
  });

  it("is retried on the backoff schedule after each failure, recording every answer, then given up", async () => {
    routes.set("/fail", (_q, response) => response.writeHead(500, { "content-type": "text/plain" }).end(`boom\n${"x".repeat(800)}`));
    const hook = await endpoint("/fail");
    await opened();

    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const results = await deliverDueWebhooks(now);
      expect(results, `attempt ${attempt}`).toHaveLength(1);
      expect(received).toHaveLength(attempt);
      const [row] = await listDeliveries(hook.id, 1);
      expect(row.attempts).toBe(attempt);
      expect(row.lastStatus).toBe(500);
      expect(row.lastAttemptAt).toEqual(now);
      expect(row.lastError!.startsWith("HTTP 500: boom x")).toBe(true);
      expect(row.lastError!.length).toBeLessThanOrEqual(500);
      if (attempt < MAX_ATTEMPTS) {
        const delay = RETRY_DELAYS_MS[attempt - 1];
        expect(row.state).toBe("pending");
        const wait = row.nextAttemptAt!.getTime() - now.getTime();
        expect(wait).toBeGreaterThanOrEqual(delay);
        expect(wait).toBeLessThanOrEqual(Math.round(delay * (1 + RETRY_JITTER)));
        // Not a moment before its time.
        expect(await deliverDueWebhooks(new Date(row.nextAttemptAt!.getTime() - 1))).toEqual([]);
        now = row.nextAttemptAt!;
      } else {
        expect(row.state).toBe("failed");
        expect(row.nextAttemptAt).toBeNull();
      }
    }
    expect(RETRY_DELAYS_MS.map((d) => d / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000]);
    // Every attempt carried the same message id, each with a signature of its own time that still verifies.
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of received) expect(verify(hook.secret, r)).toMatchObject({ type: "incident.opened" });
    expect(await deliverDueWebhooks(new Date(now.getTime() + 7 * 86_400_000))).toEqual([]);
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });

  it("to an endpoint that never answers times out without holding up another endpoint or any write", async () => {
    routes.set("/hang", (_q, response) => void hanging.add(response));
    const slow = await endpoint("/hang");
    const fast = await endpoint("/ok");
    await opened();

    const start = Date.now();
    const run = deliverDueWebhooks(undefined, { timeoutMs: 1500 });
    // While one delivery hangs, the other has arrived and been recorded, and the writer is free.
    await vi.waitFor(async () => expect((await listDeliveries(fast.id, 1))[0]?.state).toBe("delivered"), { timeout: 1000, interval: 20 });
    const writeStart = Date.now();
    await write((tx) => tx.webhookEndpoint.count());
    expect(Date.now() - writeStart).toBeLessThan(500);
    expect(Date.now() - start).toBeLessThan(1500);

    const results = await run;
    expect(Date.now() - start).toBeGreaterThanOrEqual(1500);
    expect(results.map((r) => r.endpointId)).toEqual([fast.id, slow.id]);
    const [row] = await listDeliveries(slow.id, 1);
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastStatus: null, lastError: "No answer within 1.5 s." });
    expect(received.find((r) => r.path === "/ok")!.at - start).toBeLessThan(1000);
  });

  it("is sent once by two senders running at the same time", async () => {
    routes.set("/slow-ok", (_q, response) => void setTimeout(() => response.writeHead(200).end(), 200));
    const hook = await endpoint("/slow-ok");
    await opened(1);
    await opened(2);
    await opened(3);
    const [first, second] = await Promise.all([deliverDueWebhooks(), deliverDueWebhooks()]);
    expect(first.length + second.length).toBe(3);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(3);
    const rows = await listDeliveries(hook.id, 10);
    expect(rows.every((r) => r.state === "delivered" && r.attempts === 1)).toBe(true);
  });

  it("held by another sender waits until that hold lapses", async () => {
    const hook = await endpoint("/in");
    await opened();
    const now = new Date();
    await write((tx) => tx.webhookDelivery.updateMany({ data: { lockedBy: "another-server:123", lockedUntil: new Date(now.getTime() + 30_000) } }));
    expect(await deliverDueWebhooks(now)).toEqual([]);
    expect(received).toHaveLength(0);
    // That sender died: after its hold, the delivery is anyone's.
    expect(await deliverDueWebhooks(new Date(now.getTime() + 30_001))).toMatchObject([{ endpointId: hook.id, state: "delivered" }]);
    expect(received).toHaveLength(1);
  });
});

describe("the background worker", () => {
  afterEach(() => stopWebhookWorker());

  it("sends what is queued by itself, started any number of times, once each", async () => {
    const hook = await endpoint("/in");
    startWebhookWorker();
    startWebhookWorker();
    await opened(1);
    await opened(2);
    await vi.waitFor(async () => expect((await listDeliveries(hook.id, 10)).map((d) => d.state)).toEqual(["delivered", "delivered"]), {
      timeout: 5000,
      interval: 50,
    });
    expect(received).toHaveLength(2);
    stopWebhookWorker();
    await opened(3);
    await sleep(1500);
    expect(received).toHaveLength(2);
  });
});

describe("the address rules at delivery", () => {
  it("follow a redirect to an allowed address, re-posting the same signed message", async () => {
    routes.set("/moved", (_q, response) => response.writeHead(307, { location: "/new-home" }).end());
    const hook = await endpoint("/moved");
    await opened();
    expect(await deliverDueWebhooks()).toMatchObject([{ state: "delivered", status: 204 }]);
    expect(received.map((r) => r.path)).toEqual(["/moved", "/new-home"]);
    expect(verify(hook.secret, received[1])).toMatchObject({ type: "incident.opened" });
  });

  it("refuse a redirect to a private address, checked when the redirect comes", async () => {
    // The first hop is allowed; when it answers, private targets stop being allowed, so the check of the
    // redirect's target (127.0.0.1) must refuse it. Were redirects followed unchecked, /internal would be reached.
    routes.set("/public-looking", (_q, response) => {
      process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "0";
      response.writeHead(302, { location: `${base}/internal` }).end();
    });
    const hook = await endpoint("/public-looking");
    await opened();
    const [result] = await deliverDueWebhooks();
    expect(received.map((r) => r.path)).toEqual(["/public-looking"]);
    expect(result).toMatchObject({ state: "pending", status: 302 });
    const [row] = await listDeliveries(hook.id, 1);
    expect(row.lastStatus).toBe(302);
    expect(row.lastError).toBe(
      `Redirected to ${base}/internal, refused: 127.0.0.1 is a loopback address: alerts go to public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.`,
    );
  });

  it("refuse an endpoint whose address stopped being allowed, before connecting", async () => {
    const hook = await endpoint("/in");
    await opened();
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "0";
    await deliverDueWebhooks();
    expect(received).toHaveLength(0);
    expect((await listDeliveries(hook.id, 1))[0]).toMatchObject({
      state: "pending",
      attempts: 1,
      lastStatus: null,
      lastError: expect.stringMatching(/^127\.0\.0\.1 is a loopback address/),
    });
  });

  it("stop after three redirects", async () => {
    for (let i = 0; i < 5; i++) routes.set(`/loop${i}`, (_q, response) => response.writeHead(302, { location: `/loop${i + 1}` }).end());
    const hook = await endpoint("/loop0");
    await opened();
    await deliverDueWebhooks();
    expect(received.map((r) => r.path)).toEqual(["/loop0", "/loop1", "/loop2", "/loop3"]);
    expect((await listDeliveries(hook.id, 1))[0]).toMatchObject({ state: "pending", lastStatus: 302, lastError: "More than 3 redirects." });
  });
});

describe("refusals at entry", () => {
  const good = { description: "", events: ["incident.opened"] };

  it.each([
    ["ftp://example.org/hook", /^URL must be a web address starting with http:\/\/ or https:\/\/\.$/],
    ["javascript:alert(1)", /^URL must be a web address starting with http:\/\/ or https:\/\/\.$/],
    ["http://127.0.0.1:9/hook", /^127\.0\.0\.1 is a loopback address: alerts go to public addresses only/],
    ["http://10.0.0.1/hook", /^10\.0\.0\.1 is a private address/],
    ["http://[::1]/hook", /^::1 is a loopback address/],
    ["http://localhost:9/hook", /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ["http://169.254.169.254/latest/meta-data/", /^169\.254\.169\.254 is a link-local address/],
  ])("refuses %s naming url, and stores nothing", async (url, message) => {
    delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
    const before = await tables();
    const error = await createWebhookEndpoint({ ctx: ADMIN, input: { ...good, url } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).errors)).toEqual(["url"]);
    expect((error as ValidationError).errors.url[0]).toMatch(message);
    expect(await tables()).toEqual(before);
  });

  it("refuses an endpoint with no event chosen, or an unknown one, naming events", async () => {
    const before = await tables();
    for (const events of [[], undefined, "", ["incident.deleted"]]) {
      const error = await createWebhookEndpoint({ ctx: ADMIN, input: { url: `${base}/in`, description: "", events } }).catch((e: unknown) => e);
      expect(error, JSON.stringify(events)).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).errors)).toEqual(["events"]);
    }
    expect(await tables()).toEqual(before);
  });

  it("refuses nobody (401), a read or write token (403), for every webhook operation, changing nothing", async () => {
    const hook = await endpoint("/in");
    const reader = await tokenActor((await createApiToken({ ctx: ADMIN, input: { name: "webhook reader", scope: "read" } })).token);
    const writer = await tokenActor((await createApiToken({ ctx: ADMIN, input: { name: "webhook writer", scope: "write" } })).token);
    const before = await tables();
    const operations = [
      (ctx: WriteContext) => createWebhookEndpoint({ ctx, input: { nonsense: true } }),
      (ctx: WriteContext) => deleteWebhookEndpoint({ ctx, id: hook.id }),
      (ctx: WriteContext) => sendTestWebhook({ ctx, id: hook.id }),
    ];
    for (const run of operations) {
      await expect(run({ actor: null })).rejects.toBeInstanceOf(UnauthorizedError);
      await expect(run({ actor: reader })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(run({ actor: writer })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await tables()).toEqual(before);
  });
});

describe("the admin page's operations", () => {
  function form(values: Record<string, string | string[]>): FormData {
    const data = new FormData();
    data.set("$ACTION_ID_abc", "");
    for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) data.append(k, one);
    return data;
  }

  it("adds an endpoint from the form, showing its secret once and never listing it", async () => {
    await signInAs("webhook-admin@example.org", "admin");
    const state = await createWebhookAction(
      initialFormState,
      form({ url: `${base}/form`, description: "Newsroom alerts", events: ["incident.opened", "incident.closed"] }),
    );
    expect(state.status, state.message).toBe("success");
    expect(state.reveal?.value).toMatch(/^whsec_/);
    const [listed] = await listWebhookEndpoints();
    expect(listed).toMatchObject({ url: `${base}/form`, description: "Newsroom alerts", events: ["incident.opened", "incident.closed"] });
    expect(JSON.stringify(await listWebhookEndpoints())).not.toContain(state.reveal!.value);
    expect(listed).not.toHaveProperty("secret");
  });

  it("keeps what was typed and ticked after a refusal", async () => {
    await signInAs("webhook-admin@example.org", "admin");
    const none = await createWebhookAction(initialFormState, form({ url: `${base}/form`, description: "x" }));
    expect(none).toMatchObject({ status: "error", errors: { events: ["Choose at least one event."] }, values: { url: `${base}/form`, events: "" } });
    delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
    const bad = await createWebhookAction(initialFormState, form({ url: "http://10.0.0.1/x", events: ["incident.closed"] }));
    expect(bad.status).toBe("error");
    expect(bad.errors.url?.[0]).toMatch(/private address/);
    expect(bad.values.events).toBe("incident.closed");
    expect(await getDb().webhookEndpoint.count()).toBe(0);
  });

  it("sends a test to that endpoint only and tells what it answered", async () => {
    await signInAs("webhook-admin@example.org", "admin");
    const target = await endpoint("/test-target", ["incident.closed"]);
    const other = await endpoint("/other");
    const sender = (async () => {
      // What the background worker does in the server.
      for (let i = 0; i < 50 && received.length === 0; i++) {
        await deliverDueWebhooks();
        await sleep(20);
      }
    })();
    const [state] = await Promise.all([sendTestWebhookAction(target.id, initialFormState, form({})), sender]);
    expect(state.status).toBe("success");
    expect(state.message).toMatch(/^Test msg_\S+ delivered: the endpoint answered HTTP 204\.$/);
    expect(received.map((r) => r.path)).toEqual(["/test-target"]);
    expect(verify(target.secret, received[0])).toMatchObject({ type: "webhook.test", data: { endpointId: target.id } });
    expect(await listDeliveries(other.id, 10)).toEqual([]);
  });

  it("deletes an endpoint with its deliveries, and says when there is none", async () => {
    const hook = await endpoint("/in");
    await opened();
    await deleteWebhookEndpoint({ ctx: ADMIN, id: hook.id });
    expect(await tables()).toEqual({ endpoints: [], deliveries: [] });
    await expect(deleteWebhookEndpoint({ ctx: ADMIN, id: hook.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(sendTestWebhook({ ctx: ADMIN, id: hook.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
