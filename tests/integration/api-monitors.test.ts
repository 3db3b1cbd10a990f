// The monitors' JSON API: editors and write tokens set monitors up; bad input is refused naming the field and
// changes nothing; a monitor's secrets go in and never come back out; the network rules apply at entry.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as eventMonitorsRoute from "@/app/api/events/[slug]/monitors/route";
import * as monitorRoute from "@/app/api/monitors/[id]/route";
import { createApiToken } from "@/lib/data/api-tokens";
import { createEvent } from "@/lib/data/event-writes";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { BASE, expectRefused, getRequest, jsonRequest, params, writeRequest } from "./api-helpers";

const CONSOLE = { actor: systemActor("console") };
const SECRET = "s3cret-token-never-shown";
let slug: string;

beforeAll(async () => {
  slug = (
    await createEvent({
      ctx: CONSOLE,
      input: { title: "Monitored launch", platform: "Icecast", timeZone: "UTC", status: "scheduled", scheduledStart: "2030-05-24T22:00:00Z" },
    })
  ).slug;
});

afterEach(() => {
  delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
});

const post = (body: unknown, to = slug) => eventMonitorsRoute.POST(jsonRequest("POST", `/api/events/${to}/monitors`, body), params({ slug: to }));
const patch = (id: number, body: unknown) => monitorRoute.PATCH(jsonRequest("PATCH", `/api/monitors/${id}`, body), params({ id: String(id) }));

describe("setting a monitor up", () => {
  it("adds an audio monitor with the defaults, and lists it with its window and state", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const response = await post({ kind: "audio", url: "http://127.0.0.1:8000/live" });
    expect(response.status).toBe(201);
    const monitor = await response.json();
    expect(response.headers.get("location")).toBe(`/api/monitors/${monitor.id}`);
    expect(monitor).toMatchObject({
      kind: "audio",
      url: "http://127.0.0.1:8000/live",
      mode: "auto",
      leadMinutes: 15,
      tailMinutes: 15,
      state: "idle",
      worker: null,
      due: false,
      hasBearerToken: false,
      headerNames: [],
      window: { from: "2030-05-24T21:45:00.000Z", to: "2030-05-25T10:15:00.000Z" },
    });
    const list = await (await eventMonitorsRoute.GET(writeRequest(`${BASE}/api/events/${slug}/monitors`, {}), params({ slug }))).json();
    expect(list.items.map((m: { id: number }) => m.id)).toContain(monitor.id);
  });

  it("keeps a bearer token and headers for the monitor's use, answering only that they exist", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const response = await post({
      kind: "json",
      url: "http://127.0.0.1:9/count",
      pointer: "/listeners",
      bearerToken: SECRET,
      headers: { "X-Api-Key": "k-9" },
    });
    const created = await response.json();
    expect(response.status, JSON.stringify(created)).toBe(201);
    expect(created).toMatchObject({ hasBearerToken: true, headerNames: ["X-Api-Key"] });
    const read = await (await monitorRoute.GET(writeRequest(`${BASE}/api/monitors/${created.id}`, {}), params({ id: String(created.id) }))).text();
    for (const text of [JSON.stringify(created), read]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("k-9");
    }
    // A PATCH that does not name the secrets keeps them; null forgets them.
    const renamed = await (await patch(created.id, { label: "Counter" })).json();
    expect(renamed).toMatchObject({ label: "Counter", hasBearerToken: true, headerNames: ["X-Api-Key"], version: 2 });
    const forgotten = await (await patch(created.id, { bearerToken: null, headers: null })).json();
    expect(forgotten).toMatchObject({ hasBearerToken: false, headerNames: [] });
    expect((await getDb().monitor.findUniqueOrThrow({ where: { id: created.id } })).secret).toBeNull();
    // Nothing of it in the public correction log.
    expect(JSON.stringify(await getDb().revision.findMany())).not.toContain(SECRET);
  });

  it("refuses a second monitor of the same sound or audience on one event, naming kind", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const other = (await createEvent({ ctx: CONSOLE, input: { title: "Two streams?", platform: "Icecast", timeZone: "UTC" } })).slug;
    const audio = await (await post({ kind: "audio", url: "http://127.0.0.1:8000/live" }, other)).json();
    const problem = await expectRefused(() => post({ kind: "audio", url: "http://127.0.0.1:8000/backup" }, other), 409, ["kind"]);
    expect(problem.errors.kind).toEqual([
      `This event already has an audio monitor (id ${audio.id}): it listens to the event's sound. Change or delete that one instead.`,
    ]);
    const count = await (await post({ kind: "json", url: "http://127.0.0.1:9/n", pointer: "/n" }, other)).json();
    const second = await expectRefused(() => post({ kind: "icecast", url: "http://127.0.0.1:8000/", mount: "/live" }, other), 409, ["kind"]);
    expect(second.errors.kind[0]).toMatch(new RegExp(`^This event already counts its audience with monitor ${count.id} \\(JSON audience count\\)`));
  });

  it("starts and stops by hand with mode, and refuses a stale version", async () => {
    process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
    const own = (await createEvent({ ctx: CONSOLE, input: { title: "Started by hand", platform: "Icecast", timeZone: "UTC" } })).slug;
    const created = await (await post({ kind: "icecast", url: "http://127.0.0.1:8000/", mount: "live" }, own)).json();
    expect(created.mount).toBe("/live");
    expect(await (await patch(created.id, { mode: "on" })).json()).toMatchObject({ mode: "on", due: true });
    expect(await (await patch(created.id, { mode: "off" })).json()).toMatchObject({ mode: "off", due: false });
    await expectRefused(() => patch(created.id, { mode: "auto", version: 1 }), 409);
    const deleted = await monitorRoute.DELETE(
      writeRequest(`${BASE}/api/monitors/${created.id}`, { method: "DELETE" }),
      params({ id: String(created.id) }),
    );
    expect(deleted.status).toBe(204);
    await expectRefused(() => monitorRoute.GET(writeRequest(`${BASE}/api/monitors/${created.id}`, {}), params({ id: String(created.id) })), 404);
  });
});

describe("refusals at entry, naming the field and storing nothing", () => {
  it.each([
    [{ kind: "audio", url: "ftp://example.org/live" }, "url", "URL must be a web address starting with http:// or https://."],
    [{ kind: "audio", url: "rtmp://example.org/live" }, "url", "URL must be a web address starting with http:// or https://."],
    [{ kind: "audio", url: "https://user:pw@example.org/live" }, "url", /^URL must not hold a user name or password/],
    [{ kind: "json", url: "https://example.org/n", pointer: "data/listeners" }, "pointer", /^JSON Pointer must start with \/ and name the count/],
    [{ kind: "json", url: "https://example.org/n", pointer: "/a~2b" }, "pointer", /^JSON Pointer must start with \//],
    [{ kind: "json", url: "https://example.org/n" }, "pointer", /^JSON Pointer is required for a JSON audience count/],
    [
      { kind: "json", url: "https://example.org/n", pointer: "/n", intervalSeconds: 0.5 },
      "intervalSeconds",
      "Poll interval must be a whole number of seconds from 1 to 3,600.",
    ],
    [
      { kind: "json", url: "https://example.org/n", pointer: "/n", intervalSeconds: 0 },
      "intervalSeconds",
      "Poll interval must be a whole number of seconds from 1 to 3,600.",
    ],
    [{ kind: "json", url: "https://example.org/n", pointer: "/n", headers: { Host: "x" } }, "headers", "The header Host is set by Dead Air itself."],
    [
      { kind: "json", url: "https://example.org/n", pointer: "/n", headers: "no colon here" },
      "headers",
      /^Headers must be one "Name: value" per line/,
    ],
    [{ kind: "icecast", url: "https://example.org/" }, "mount", /^Mount is required for an Icecast audience/],
    [{ kind: "x-spaces", url: "https://x.com/i/spaces/1YqKDqWqdPLGV" }, "bearerToken", /^Bearer token is required/],
    [{ kind: "x-spaces", url: "https://example.org/spaces", bearerToken: "t" }, "url", /^URL must be a Space's link/],
    [
      { kind: "radio", url: "https://example.org/" },
      "kind",
      "Kind must be one of: Audio stream, Icecast audience, X Spaces (X API), JSON audience count.",
    ],
    [{ kind: "audio", url: "https://example.org/", mode: "sometimes" }, "mode", /^Runs must be one of: /],
    [
      { kind: "audio", url: "https://example.org/", leadMinutes: -5 },
      "leadMinutes",
      /^Start before the scheduled start must be a whole number of minutes from 0 to 1,440\.$/,
    ],
    [
      { kind: "audio", url: "http://127.0.0.1:8000/live" },
      "url",
      "127.0.0.1 is a loopback address: monitors watch public addresses only, unless the server runs with DEADAIR_ALLOW_PRIVATE_TARGETS=1.",
    ],
    [{ kind: "audio", url: "http://10.1.2.3/live" }, "url", /^10\.1\.2\.3 is a private address: monitors watch public addresses only/],
    [{ kind: "audio", url: "http://169.254.169.254/latest/" }, "url", /^169\.254\.169\.254 is a link-local address/],
    [{ kind: "audio", url: "http://localhost:8000/live" }, "url", /^localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])("%j → %s", async (body, field, message) => {
    const problem = await expectRefused(() => post(body), 400, [field]);
    if (typeof message === "string") expect(problem.errors[field]).toContain(message);
    else
      expect(
        problem.errors[field].some((m) => message.test(m)),
        JSON.stringify(problem.errors),
      ).toBe(true);
  });

  it("names every wrong field at once", async () => {
    const problem = await expectRefused(() => post({ kind: "json", url: "nope", pointer: "x", intervalSeconds: "soon", tailMinutes: 99_999 }), 400);
    expect(Object.keys(problem.errors).sort()).toEqual(["intervalSeconds", "pointer", "tailMinutes", "url"]);
  });

  it("refuses an unknown event (404), nobody (401) and a read token (403)", async () => {
    await expectRefused(() => post({ kind: "audio", url: "https://example.org/live" }, "no-such-event"), 404);
    const anonymous = new Request(`${BASE}/api/events/${slug}/monitors`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    await expectRefused(() => eventMonitorsRoute.POST(anonymous, params({ slug })), 401);
    await expectRefused(() => eventMonitorsRoute.GET(getRequest(`/api/events/${slug}/monitors`), params({ slug })), 401);
    const reader = (await createApiToken({ ctx: CONSOLE, input: { name: "monitor reader", scope: "read" } })).token;
    const asReader = new Request(`${BASE}/api/events/${slug}/monitors`, { headers: { Authorization: `Bearer ${reader}` } });
    await expectRefused(() => eventMonitorsRoute.GET(asReader, params({ slug })), 403);
  });
});
