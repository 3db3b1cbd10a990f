// Access control against a real SQLite file: every write route and action refuses anonymous callers, read
// tokens and other sites; the first admin; sessions; the sign-in limit; token revocation; who the log names.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as claimRoute from "@/app/api/claims/[id]/route";
import * as eventClaimsRoute from "@/app/api/events/[slug]/claims/route";
import * as eventIncidentsRoute from "@/app/api/events/[slug]/incidents/route";
import * as eventReportsRoute from "@/app/api/events/[slug]/reports/route";
import * as eventRoute from "@/app/api/events/[slug]/route";
import * as eventsRoute from "@/app/api/events/route";
import * as importRoute from "@/app/api/import/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as reportRoute from "@/app/api/reports/[id]/route";
import * as sessionRoute from "@/app/api/session/route";
import * as sourceRoute from "@/app/api/sources/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";
import * as adminActions from "@/lib/actions/admin";
import { changePasswordAction, signInAction } from "@/lib/actions/auth";
import * as eventActions from "@/lib/actions/events";
import * as recordActions from "@/lib/actions/records";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createSession, SESSION_COOKIE, sessionActor } from "@/lib/data/sessions";
import { createApiToken, revokeApiToken, tokenActor } from "@/lib/data/api-tokens";
import { ensureFirstAdmin, resetPassword, setDisabled, setRole } from "@/lib/data/users";
import { seedDatabase } from "@/lib/data/seed";
import { getDb } from "@/lib/db";
import { initialFormState } from "@/lib/validation/form-state";
import { BASE, expectRefused, type Problem, snapshotDb } from "./api-helpers";
import { PASSWORD, signInAs } from "./auth-helpers";
import { cookieJar, setRequestHeaders } from "./next-request";
import { withOwnDatabase } from "./own-database";
import { systemActor } from "@/lib/domain/actor";

const CONSOLE = { actor: systemActor("console") };

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

const MUSK = "musk-trump-x-spaces-2024";
// Each handler takes its own params; the table hands each the params of its path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, ctx: any) => Promise<Response>;

let ids: { report: number; incident: number; claim: number; source: number };
let readToken: string;
let editorCookie: string;

beforeAll(async () => {
  // Before anything else makes a user: the first start of a new installation.
  const first = await ensureFirstAdmin({});
  expect(first).toMatchObject({ created: true, email: "admin" });
  await seedDatabase();
  const db = getDb();
  const event = await db.event.findUniqueOrThrow({ where: { slug: MUSK }, include: { reports: true, incidents: true, claims: true } });
  const unused = await db.source.create({ data: { name: "Unused outlet" } });
  ids = { report: event.reports[0].id, incident: event.incidents[0].id, claim: event.claims[0].id, source: unused.id };
  readToken = (await createApiToken({ ctx: CONSOLE, input: { name: "reader", scope: "read" } })).token;
  editorCookie = await signInAs("editor@example.org", "editor");
  cookieJar.clear();
});

/** Every route handler that writes, with a body it would accept from an editor. */
function writeRoutes(): {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  params: Record<string, string>;
  body?: string;
  type?: string;
}[] {
  const json = (v: unknown) => JSON.stringify(v);
  return [
    {
      name: "POST /api/events",
      handler: eventsRoute.POST,
      method: "POST",
      path: "/api/events",
      params: {},
      body: json({ title: "T", platform: "P" }),
    },
    {
      name: "PATCH /api/events/[slug]",
      handler: eventRoute.PATCH,
      method: "PATCH",
      path: `/api/events/${MUSK}`,
      params: { slug: MUSK },
      body: json({ notes: "x" }),
    },
    { name: "DELETE /api/events/[slug]", handler: eventRoute.DELETE, method: "DELETE", path: `/api/events/${MUSK}`, params: { slug: MUSK } },
    {
      name: "POST /api/events/[slug]/reports",
      handler: eventReportsRoute.POST,
      method: "POST",
      path: `/api/events/${MUSK}/reports`,
      params: { slug: MUSK },
      body: json({ metric: "average_audience", value: 1, newSourceName: "X" }),
    },
    {
      name: "POST /api/events/[slug]/incidents",
      handler: eventIncidentsRoute.POST,
      method: "POST",
      path: `/api/events/${MUSK}/incidents`,
      params: { slug: MUSK },
      body: json({ kind: "crash" }),
    },
    {
      name: "POST /api/events/[slug]/claims",
      handler: eventClaimsRoute.POST,
      method: "POST",
      path: `/api/events/${MUSK}/claims`,
      params: { slug: MUSK },
      body: json({ statement: "S", newClaimantName: "Y" }),
    },
    {
      name: "PATCH /api/reports/[id]",
      handler: reportRoute.PATCH,
      method: "PATCH",
      path: `/api/reports/${ids.report}`,
      params: { id: String(ids.report) },
      body: json({ note: "x" }),
    },
    {
      name: "DELETE /api/reports/[id]",
      handler: reportRoute.DELETE,
      method: "DELETE",
      path: `/api/reports/${ids.report}`,
      params: { id: String(ids.report) },
    },
    {
      name: "PATCH /api/incidents/[id]",
      handler: incidentRoute.PATCH,
      method: "PATCH",
      path: `/api/incidents/${ids.incident}`,
      params: { id: String(ids.incident) },
      body: json({ description: "x" }),
    },
    {
      name: "DELETE /api/incidents/[id]",
      handler: incidentRoute.DELETE,
      method: "DELETE",
      path: `/api/incidents/${ids.incident}`,
      params: { id: String(ids.incident) },
    },
    {
      name: "PATCH /api/claims/[id]",
      handler: claimRoute.PATCH,
      method: "PATCH",
      path: `/api/claims/${ids.claim}`,
      params: { id: String(ids.claim) },
      body: json({ status: "refuted" }),
    },
    {
      name: "DELETE /api/claims/[id]",
      handler: claimRoute.DELETE,
      method: "DELETE",
      path: `/api/claims/${ids.claim}`,
      params: { id: String(ids.claim) },
    },
    { name: "POST /api/sources", handler: sourcesRoute.POST, method: "POST", path: "/api/sources", params: {}, body: json({ name: "New outlet" }) },
    {
      name: "PATCH /api/sources/[id]",
      handler: sourceRoute.PATCH,
      method: "PATCH",
      path: `/api/sources/${ids.source}`,
      params: { id: String(ids.source) },
      body: json({ leaning: "x" }),
    },
    {
      name: "DELETE /api/sources/[id]",
      handler: sourceRoute.DELETE,
      method: "DELETE",
      path: `/api/sources/${ids.source}`,
      params: { id: String(ids.source) },
    },
    {
      name: "POST /api/import",
      handler: importRoute.POST,
      method: "POST",
      path: "/api/import",
      params: {},
      body: json({ format: "deadair.comparison", version: 1, events: [] }),
    },
    {
      name: "POST /api/import?preview=1",
      handler: importRoute.POST,
      method: "POST",
      path: "/api/import?preview=1",
      params: {},
      body: json({ format: "deadair.comparison", version: 1, events: [] }),
    },
  ];
}

function send(route: ReturnType<typeof writeRoutes>[number], headers: Record<string, string>) {
  const init: RequestInit = {
    method: route.method,
    headers: { ...(route.body ? { "Content-Type": route.type ?? "application/json" } : {}), ...headers },
  };
  if (route.body) init.body = route.body;
  return route.handler(new Request(`${BASE}${route.path}`, init), { params: Promise.resolve(route.params) });
}

describe("write routes", () => {
  it("refuse a caller without credentials with 401 and a WWW-Authenticate header, and change nothing", async () => {
    for (const route of writeRoutes()) {
      const body = await expectRefused(() => send(route, {}), 401);
      expect(body.detail, route.name).toMatch(/sign in|token/i);
    }
    const response = await send(writeRoutes()[0], {});
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("refuse a read token with 403, and change nothing", async () => {
    for (const route of writeRoutes()) {
      const body = await expectRefused(() => send(route, { Authorization: `Bearer ${readToken}` }), 403);
      expect(body.detail, route.name).toMatch(/only read/);
    }
  });

  it("refuse a made-up or malformed token with 401", async () => {
    for (const auth of ["Bearer da_not-a-real-token", "Bearer nonsense", "Basic YWRtaW46YWRtaW4=", "Bearer"]) {
      await expectRefused(() => send(writeRoutes()[0], { Authorization: auth }), 401);
    }
  });

  it("refuse an editor's cookie sent from another site with 403 (Sec-Fetch-Site or Origin), and change nothing", async () => {
    const cookie = `${SESSION_COOKIE}=${editorCookie}`;
    for (const route of writeRoutes()) {
      await expectRefused(() => send(route, { Cookie: cookie, "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }), 403);
      await expectRefused(() => send(route, { Cookie: cookie, Origin: "https://evil.example", Host: "localhost" }), 403);
      await expectRefused(() => send(route, { Cookie: cookie, "Sec-Fetch-Site": "same-site" }), 403);
    }
  });

  it("accept an editor's cookie from this site, and log the editor by display name, never by email", async () => {
    const response = await sourcesRoute.POST(
      new Request(`${BASE}/api/sources`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: `${SESSION_COOKIE}=${editorCookie}`, "Sec-Fetch-Site": "same-origin", Origin: BASE },
        body: JSON.stringify({ name: "Cookie outlet" }),
      }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    const log = await getDb().revision.findFirstOrThrow({ where: { entity: "source", entityId: id, action: "create" } });
    const editor = await getDb().user.findUniqueOrThrow({ where: { email: "editor@example.org" } });
    expect(log.actor).toBe(`Editor ${editor.id}`);
    expect(log.actorRef).toBe(`user:${editor.id}`);
    expect(JSON.stringify(await getDb().revision.findMany({ select: { actor: true } }))).not.toContain("@");
  });

  it("accept a write token, log it as an API client (its name for admins only), record its last use, and refuse it once revoked", async () => {
    const token = await createApiToken({ ctx: CONSOLE, input: { name: "newsroom", scope: "write" } });
    const post = () =>
      sourcesRoute.POST(
        new Request(`${BASE}/api/sources`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.token}` },
          body: JSON.stringify({ name: `Token outlet ${Math.random()}` }),
        }),
      );
    const response = await post();
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: number };
    expect(await getDb().revision.findFirstOrThrow({ where: { entity: "source", entityId: id }, select: { actor: true, actorRef: true } })).toEqual({
      actor: "API client",
      actorRef: `token:${token.id}`,
    });
    await vi.waitFor(async () => expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull());

    await revokeApiToken({ ctx: CONSOLE, id: token.id });
    const refused = await expectRefused(post, 401);
    expect(refused.detail).toMatch(/revoked/);
    // A revoked token cannot read either.
    expect((await eventsRoute.GET(new Request(`${BASE}/api/events`, { headers: { Authorization: `Bearer ${token.token}` } }))).status).toBe(401);
  });

  it("let anyone read, and a read token read", async () => {
    expect((await eventsRoute.GET(new Request(`${BASE}/api/events`))).status).toBe(200);
    expect((await eventsRoute.GET(new Request(`${BASE}/api/events`, { headers: { Authorization: `Bearer ${readToken}` } }))).status).toBe(200);
  });
});

type FormAct = (state: typeof initialFormState, data: FormData) => Promise<typeof initialFormState>;

/** Every server action that writes, bound as its form binds it, with input an editor could send. */
function writeActions(): [string, FormAct, Record<string, string>][] {
  const { report, incident, claim, source } = ids;
  return [
    ["createEvent", eventActions.createEventAction, { title: "T", platform: "P", timeZone: "UTC", status: "ended" }],
    ["updateEvent", eventActions.updateEventAction.bind(null, MUSK), { title: "T", platform: "P", timeZone: "UTC", status: "ended", version: "1" }],
    ["deleteEvent", eventActions.deleteEventAction.bind(null, MUSK), {}],
    ["createReport", recordActions.createReportAction.bind(null, MUSK), { metric: "average_audience", value: "1", newSourceName: "X" }],
    [
      "updateReport",
      recordActions.updateReportAction.bind(null, MUSK, report),
      { metric: "average_audience", value: "1", newSourceName: "X", version: "1" },
    ],
    ["deleteReport", recordActions.deleteReportAction.bind(null, MUSK, report), {}],
    ["createIncident", recordActions.createIncidentAction.bind(null, MUSK), { kind: "crash" }],
    ["updateIncident", recordActions.updateIncidentAction.bind(null, MUSK, incident), { kind: "crash", version: "1" }],
    ["deleteIncident", recordActions.deleteIncidentAction.bind(null, MUSK, incident), {}],
    ["createClaim", recordActions.createClaimAction.bind(null, MUSK), { statement: "S", newClaimantName: "Y" }],
    ["updateClaim", recordActions.updateClaimAction.bind(null, MUSK, claim), { statement: "S", newClaimantName: "Y", version: "1" }],
    ["deleteClaim", recordActions.deleteClaimAction.bind(null, MUSK, claim), {}],
    ["createSource", recordActions.createSourceAction, { name: "Z" }],
    ["updateSource", recordActions.updateSourceAction.bind(null, source), { name: "Z", version: "1" }],
    ["deleteSource", recordActions.deleteSourceAction.bind(null, source), {}],
  ];
}

const adminOnly: [string, FormAct, Record<string, string>][] = [
  ["createUser", adminActions.createUserAction, { email: "new@example.org", role: "admin" }],
  ["setRole", (s, d) => adminActions.setRoleAction(1, s, d), { role: "editor" }],
  ["disable", (s, d) => adminActions.setDisabledAction(1, true, s, d), {}],
  ["resetPassword", (s, d) => adminActions.resetPasswordAction(1, s, d), {}],
  ["revokeSessions", (s, d) => adminActions.revokeSessionsAction(1, s, d), {}],
  ["createToken", adminActions.createTokenAction, { name: "t", scope: "write" }],
  ["revokeToken", (s, d) => adminActions.revokeTokenAction(1, s, d), {}],
];

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

async function everything() {
  const db = getDb();
  return {
    ...(await snapshotDb()),
    user: await db.user.findMany(),
    token: await db.apiToken.findMany({ omit: { lastUsedAt: true } }),
    session: await db.session.findMany(),
  };
}

describe("server actions", () => {
  it("refuse when no one is signed in, keep what was typed, and change nothing", async () => {
    cookieJar.clear();
    for (const [name, action, values] of [...writeActions(), ...adminOnly]) {
      const before = await everything();
      const state = await action(initialFormState, form(values));
      expect(state.status, name).toBe("error");
      expect(state.message, name).toMatch(/signed in|admin/);
      if (values.title) expect(state.values.title).toBe(values.title);
      expect(await everything(), name).toEqual(before);
    }
  });

  it("refuse a session that was revoked, expired, or whose user was disabled", async () => {
    const db = getDb();
    const secret = await signInAs("short-lived@example.org", "editor");
    const user = await db.user.findUniqueOrThrow({ where: { email: "short-lived@example.org" } });
    expect(await sessionActor(secret)).toMatchObject({ email: "short-lived@example.org" });

    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionActor(secret)).toBeNull();
    const [name, action, values] = writeActions()[12];
    expect((await action(initialFormState, form(values))).status, name).toBe("error");

    const fresh = await createSession(user.id);
    expect(await sessionActor(fresh.secret)).not.toBeNull();
    await setDisabled({ ctx: CONSOLE, id: user.id, disabled: true });
    expect(await sessionActor(fresh.secret)).toBeNull();
    await setDisabled({ ctx: CONSOLE, id: user.id, disabled: false });
    // Disabling revoked the session for good: enabling the user does not bring it back.
    expect(await sessionActor(fresh.secret)).toBeNull();
  });

  it("keep admin actions from editors", async () => {
    await signInAs("editor@example.org", "editor");
    for (const [name, action, values] of adminOnly) {
      const before = await everything();
      const state = await action(initialFormState, form(values));
      expect(state.status, name).toBe("error");
      expect(state.message, name).toMatch(/admin/);
      expect(await everything(), name).toEqual(before);
    }
  });

  it("let an admin make a user with a generated password shown once, and a token shown once", async () => {
    await signInAs("admin-two@example.org", "admin");
    const user = await adminActions.createUserAction(initialFormState, form({ email: "Writer@Example.org", role: "editor", password: "" }));
    expect(user.status).toBe("success");
    const password = user.reveal!.value;
    expect(password).toHaveLength(20);
    const row = await getDb().user.findUniqueOrThrow({ where: { email: "writer@example.org" } });
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, row.passwordHash)).toBe(true);

    const token = await adminActions.createTokenAction(initialFormState, form({ name: "bot", scope: "write" }));
    expect(token.reveal!.value).toMatch(/^da_[\w-]{43}$/);
    expect(JSON.stringify(await getDb().apiToken.findMany())).not.toContain(token.reveal!.value);

    const refused = await adminActions.createUserAction(initialFormState, form({ email: "not an email", role: "boss", password: "short" }));
    expect(Object.keys(refused.errors).sort()).toEqual(["email", "password", "role"]);
    expect(refused.values).toEqual({ email: "not an email", role: "boss" });
  });

  describe("with users of its own", () => {
    // It demotes every other admin: the rest of the file keeps its users as they are.
    withOwnDatabase();

    it("never lets the last enabled admin go", async () => {
      await signInAs("admin-two@example.org", "admin");
      const db = getDb();
      await db.user.updateMany({ where: { role: "admin", email: { not: "admin-two@example.org" } }, data: { role: "editor" } });
      const me = await db.user.findUniqueOrThrow({ where: { email: "admin-two@example.org" } });
      const demote = await adminActions.setRoleAction(me.id, initialFormState, form({ role: "editor" }));
      expect(demote).toMatchObject({ status: "error", message: expect.stringMatching(/last enabled admin/) });
      const disable = await adminActions.setDisabledAction(me.id, true, initialFormState, form({}));
      expect(disable.status).toBe("error");
      expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).role).toBe("admin");
    });
  });
});

describe("signing in", () => {
  const signInRequest = (email: string, password: string, address: string, headers: Record<string, string> = {}) =>
    sessionRoute.POST(
      new Request(`${BASE}/api/session`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-deadair-client": address, ...headers },
        body: JSON.stringify({ email, password }),
      }),
    );

  beforeAll(async () => {
    await signInAs("limited@example.org", "editor");
    cookieJar.clear();
  });

  it("sets an httpOnly, SameSite=Lax session cookie that works, and Secure only over https", async () => {
    const response = await signInRequest("Limited@Example.org", PASSWORD, "10.0.0.1");
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
    const secret = cookie.split(";")[0].split("=")[1];
    expect(await sessionActor(secret)).toMatchObject({ email: "limited@example.org", role: "editor" });

    // Over https the cookie takes the __Host- prefix, which browsers accept only Secure, on Path=/ and without Domain.
    const https = await signInRequest("limited@example.org", PASSWORD, "10.0.0.1", { "X-Forwarded-Proto": "https" });
    const hostCookie = https.headers.get("set-cookie")!;
    expect(hostCookie).toMatch(new RegExp(`^__Host-${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+; Secure$`));
    const hostSecret = hostCookie.split(";")[0].split("=")[1];
    const whoOverHttps = (name: string) =>
      sessionRoute.GET(new Request(`${BASE}/api/session`, { headers: { Cookie: `${name}=${hostSecret}`, "X-Forwarded-Proto": "https" } }));
    expect((await whoOverHttps(`__Host-${SESSION_COOKIE}`)).status).toBe(200);
    // Over https a cookie without the prefix (one a plain-http page or a subdomain could have set) is no session.
    expect((await whoOverHttps(SESSION_COOKIE)).status).toBe(401);

    // Signing out ends the session on the server, not only in the browser.
    const out = await sessionRoute.DELETE(
      new Request(`${BASE}/api/session`, { method: "DELETE", headers: { Cookie: `${SESSION_COOKIE}=${secret}` } }),
    );
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await sessionActor(secret)).toBeNull();
  });

  it("answers a wrong password and an unknown user alike, with 401", async () => {
    const wrong = (await (await signInRequest("limited@example.org", "not the password", "10.0.0.2")).json()) as Problem;
    const unknown = (await (await signInRequest("nobody@example.org", "not the password", "10.0.0.2")).json()) as Problem;
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
  });

  it("answers 429 with Retry-After after 5 failures in 15 minutes for one account and address, even to the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await signInRequest("limited@example.org", `wrong ${i}`, "10.0.0.3")).status).toBe(401);
    const limited = await signInRequest("limited@example.org", PASSWORD, "10.0.0.3");
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await limited.json()) as Problem).detail).toMatch(/Try again in 15 minutes/);
    // Another address is not held back by someone else's failures.
    expect((await signInRequest("limited@example.org", PASSWORD, "10.0.0.4")).status).toBe(200);
    // The form says so too, and keeps the email (never the password).
    setRequestHeaders({ "x-deadair-client": "10.0.0.3" });
    const state = await signInAction(initialFormState, form({ email: "limited@example.org", password: PASSWORD, next: "/events" }));
    expect(state).toMatchObject({
      status: "error",
      message: expect.stringMatching(/Too many failed sign-ins/),
      values: { email: "limited@example.org", next: "/events" },
    });
    expect(state.values.password).toBeUndefined();
    setRequestHeaders({});
  });

  it("counts every attempt before the password is checked: of 12 sent at once, 5 are checked and 7 refused with 429", async () => {
    await signInAs("burst@example.org", "editor");
    cookieJar.clear();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => signInRequest("burst@example.org", `wrong ${i}`, "10.0.1.1")));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it("holds one account to 20 failed attempts in 15 minutes from any number of addresses, then pauses it, not for good", async () => {
    await signInAs("spread@example.org", "editor");
    cookieJar.clear();
    for (let i = 0; i < 20; i++) expect((await signInRequest("spread@example.org", "guess", `10.0.2.${i}`)).status).toBe(401);
    const paused = await signInRequest("spread@example.org", PASSWORD, "10.0.2.200");
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    // Another account is not held back.
    expect((await signInRequest("limited@example.org", PASSWORD, "10.0.2.201")).status).toBe(200);
  });

  it("takes a successful sign-in's attempt back, so an owner who signs in often is never held back", async () => {
    await signInAs("often@example.org", "editor");
    cookieJar.clear();
    for (let i = 0; i < 25; i++) expect((await signInRequest("often@example.org", PASSWORD, "10.0.3.1")).status).toBe(200);
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await signInRequest("limited@example.org", PASSWORD, "10.0.0.5", { "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
  });

  it("signs in through the form and goes only to a local page afterwards", async () => {
    setRequestHeaders({ "x-deadair-client": "10.0.0.6" });
    for (const [next, expected] of [
      ["/events?x=1", "/events?x=1"],
      ["https://evil.example/", "/"],
      ["//evil.example", "/"],
    ]) {
      try {
        await signInAction(initialFormState, form({ email: "limited@example.org", password: PASSWORD, next }));
        expect.unreachable("a successful sign-in redirects");
      } catch (error) {
        expect((error as { digest?: string }).digest?.split(";")[2]).toBe(expected);
      }
      expect(cookieJar.get(SESSION_COOKIE)).toMatch(/^[\w-]{43}$/);
    }
    setRequestHeaders({});
  });
});

describe("the first admin and passwords", () => {
  it("is made once: a second start with users makes none", async () => {
    expect(await ensureFirstAdmin({})).toEqual({ created: false });
  });

  describe("on a database with no user", () => {
    // A new installation of its own, rather than removing the users (and with them the sessions) the file signs in with.
    withOwnDatabase();

    it("takes DEADAIR_ADMIN_EMAIL and DEADAIR_ADMIN_PASSWORD on an empty database, and refuses half or weak settings", async () => {
      const db = getDb();
      await expect(ensureFirstAdmin({ DEADAIR_ADMIN_EMAIL: "boss@example.org" })).rejects.toThrow(/without DEADAIR_ADMIN_PASSWORD/);
      await expect(ensureFirstAdmin({ DEADAIR_ADMIN_EMAIL: "boss@example.org", DEADAIR_ADMIN_PASSWORD: "short" })).rejects.toThrow(/at least 12/);
      expect(await db.user.count()).toBe(0);
      const made = await ensureFirstAdmin({ DEADAIR_ADMIN_EMAIL: "Boss@Example.org", DEADAIR_ADMIN_PASSWORD: "a long enough secret" });
      expect(made).toEqual({ created: true, email: "boss@example.org", generatedPassword: null });
      const boss = await db.user.findUniqueOrThrow({ where: { email: "boss@example.org" } });
      expect(boss.role).toBe("admin");
      expect(boss.mustChangePassword).toBe(false);
      expect(await verifyPassword("a long enough secret", boss.passwordHash)).toBe(true);
    });
  });

  it("hashes with scrypt and a salt of its own per hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{86}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password!", a)).toBe(true);
    expect(await verifyPassword("same password?", a)).toBe(false);
  });
});

describe("access that ends", () => {
  /** An admin of their own with a token they made; the token works until the end is tested. */
  async function adminWithToken(email: string) {
    const secret = await signInAs(email, "admin");
    const admin = await sessionActor(secret);
    const token = await createApiToken({ ctx: { actor: admin }, input: { name: `${email}'s importer`, scope: "write" } });
    expect(await tokenActor(token.token)).not.toBeNull();
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    return { user, secret, token };
  }

  it("ends a disabled user's API tokens with their sessions", async () => {
    const { user, secret, token } = await adminWithToken("leaver@example.org");
    await setDisabled({ ctx: CONSOLE, id: user.id, disabled: true });
    expect(await sessionActor(secret)).toBeNull();
    expect(await tokenActor(token.token)).toBeNull();
  });

  it("ends a demoted admin's API tokens (only admins make tokens)", async () => {
    const { user, token } = await adminWithToken("demoted@example.org");
    await setRole({ ctx: CONSOLE, id: user.id, input: { role: "editor" } });
    expect(await tokenActor(token.token)).toBeNull();
  });

  it("ends a user's sessions and tokens when an admin gives them a new password, and asks them to choose their own", async () => {
    const { user, secret, token } = await adminWithToken("forgetful@example.org");
    const password = await resetPassword({ ctx: CONSOLE, id: user.id });
    expect(await sessionActor(secret)).toBeNull();
    expect(await tokenActor(token.token)).toBeNull();
    cookieJar.clear();
    setRequestHeaders({ "x-deadair-client": "10.0.4.1" });
    const redirect = await signInAction(initialFormState, form({ email: "forgetful@example.org", password, next: "/events" })).then(
      () => null,
      (error: { digest?: string }) => error.digest ?? "",
    );
    expect(redirect).toMatch(/^NEXT_REDIRECT;replace;\/account\?first=1&next=%2Fevents;/);
    setRequestHeaders({});
  });

  it("lets a person change their own password: the current one is checked, their other sessions and tokens end, this one stays", async () => {
    const { user, secret, token } = await adminWithToken("changer@example.org");
    const other = await createSession(user.id);
    cookieJar.clear();
    cookieJar.set(SESSION_COOKIE, secret);
    const wrong = await changePasswordAction(
      initialFormState,
      form({ currentPassword: "not it", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" }),
    );
    expect(wrong).toMatchObject({ status: "error", errors: { currentPassword: ["The current password is not right."] } });
    const mismatch = await changePasswordAction(
      initialFormState,
      form({ currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "another" }),
    );
    expect(mismatch.errors.confirmPassword).toEqual(["The two new passwords differ."]);
    expect(await tokenActor(token.token)).not.toBeNull();

    const done = await changePasswordAction(
      initialFormState,
      form({ currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" }),
    );
    expect(done).toMatchObject({ status: "success", values: {} });
    expect(await sessionActor(secret)).not.toBeNull();
    expect(await sessionActor(other.secret)).toBeNull();
    expect(await tokenActor(token.token)).toBeNull();
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("a brand new passphrase", stored.passwordHash)).toBe(true);
    expect(stored.mustChangePassword).toBe(false);
    cookieJar.clear();
  });

  it("asks the first admin to change a generated password (one chosen through the environment is not asked about)", async () => {
    expect((await getDb().user.findUniqueOrThrow({ where: { email: "admin" } })).mustChangePassword).toBe(true);
  });
});
