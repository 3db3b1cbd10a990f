// The monitors' form actions, called as the event page's forms call them, against a real SQLite file: refusals name
// every field and store nothing, secrets are kept or forgotten as the form says and never come back in an answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { revalidatePath } from "next/cache";
import { createMonitorAction, deleteMonitorAction, setMonitorModeAction, updateMonitorAction } from "@/lib/actions/monitors";
import { getDb } from "@/lib/db";
import { getMonitorOrThrow } from "@/lib/data/monitors";
import { seedDatabase } from "@/lib/data/seed";
import { type FormState, initialFormState } from "@/lib/validation/form-state";
import { signInAs } from "./auth-helpers";
import { cookieJar } from "./next-request";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

const SLUG = "musk-trump-x-spaces-2024";
const TOKEN = "tok-3f9a1c0e7b5d4a2f";
const HEADER_VALUE = "hush-9c2e41";
const SECRETS = [TOKEN, HEADER_VALUE];

type Action = (state: FormState, data: FormData) => Promise<FormState>;

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  data.set("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

/** Runs an action as its form does, and checks that no secret typed in any test is in the answer, whatever it is. */
async function submit(action: Action, values: Record<string, string>): Promise<FormState> {
  const state = await action(initialFormState, form(values));
  const text = JSON.stringify(state);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(state.values).not.toHaveProperty("bearerToken");
  expect(state.values).not.toHaveProperty("headers");
  return state;
}

const create = (values: Record<string, string>) => submit(createMonitorAction.bind(null, SLUG), values);

/** The create form as a person fills it for a JSON count with both secrets. */
const jsonMonitor = {
  kind: "json",
  url: "http://127.0.0.1:9/stats",
  mount: "",
  pointer: "/data/listeners",
  intervalSeconds: "30",
  mode: "auto",
  leadMinutes: "10",
  tailMinutes: "20",
  label: "Stats API",
  bearerToken: TOKEN,
  headers: `X-Api-Key: ${HEADER_VALUE}`,
};

/** Adds a monitor through the form; its id, read back from the event's newest monitor. */
async function added(values: Record<string, string>): Promise<number> {
  const state = await create(values);
  expect(state).toMatchObject({ status: "success", message: "Monitor added." });
  const row = await getDb().monitor.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
  return row.id;
}

/** The edit form as it starts for a stored monitor: its settings and version, the secret fields blank. */
async function editForm(id: number): Promise<Record<string, string>> {
  const m = await getMonitorOrThrow(id);
  return {
    kind: m.kind,
    url: m.url,
    mount: m.mount ?? "",
    pointer: m.pointer ?? "",
    intervalSeconds: String(m.intervalSeconds),
    mode: m.mode,
    leadMinutes: String(m.leadMinutes),
    tailMinutes: String(m.tailMinutes),
    label: m.label,
    bearerToken: "",
    headers: "",
    version: String(m.version),
  };
}

const monitors = () => getDb().monitor.findMany({ orderBy: { id: "asc" } });

let allowed: string | undefined;

beforeAll(async () => {
  // The monitors' URLs are on this machine: nothing listens there, and no test resolves a public name.
  allowed = process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  await seedDatabase();
});

afterAll(() => {
  if (allowed === undefined) delete process.env.DEADAIR_ALLOW_PRIVATE_TARGETS;
  else process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = allowed;
});

beforeEach(async () => {
  cookieJar.clear();
  await signInAs("editor@example.org", "editor");
  vi.mocked(revalidatePath).mockClear();
  // An event has one audience count and one audio monitor: each test starts from none.
  await getDb().monitor.deleteMany({});
});

describe("adding a monitor", () => {
  it("refuses every wrong field at once, each with its message, keeps what was typed but the secrets, and stores nothing", async () => {
    const before = await monitors();
    const typed = {
      kind: "radio",
      url: "not a url",
      mount: "two words",
      pointer: "data/listeners",
      intervalSeconds: "0",
      mode: "sometimes",
      leadMinutes: "-5",
      tailMinutes: "ten",
      label: "L".repeat(101),
      bearerToken: `two ${TOKEN}`,
      headers: `no colon ${HEADER_VALUE}`,
    };
    const state = await create(typed);
    expect(state.status).toBe("error");
    expect(state.message).toMatch(/see the messages next to them/);
    const fields = ["kind", "url", "mount", "pointer", "intervalSeconds", "mode", "leadMinutes", "tailMinutes", "label", "bearerToken", "headers"];
    expect(Object.keys(state.errors).sort()).toEqual([...fields].sort());
    expect(state.errors.kind[0]).toMatch(/^Kind must be one of: Audio stream, Icecast audience/);
    expect(state.errors.intervalSeconds[0]).toMatch(/^Poll interval must be a whole number of seconds from 1 to 3,600/);
    expect(state.errors.bearerToken[0]).toMatch(/^Bearer token must be one word/);
    // The message names the line rather than quoting it: a line without its colon may be a header's secret value.
    expect(state.errors.headers).toEqual(['Headers must be one "Name: value" per line; line 1 has no name before a colon.']);
    const { bearerToken: _t, headers: _h, ...kept } = typed;
    expect(state.values).toMatchObject(kept);
    expect(await monitors()).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("leaves out the fields the kind does not use, which the form hides with what was typed in them", async () => {
    const id = await added({ ...jsonMonitor, mount: "not a mount!", bearerToken: "", headers: "" });
    expect(await getMonitorOrThrow(id)).toMatchObject({ kind: "json", mount: null, pointer: "/data/listeners", intervalSeconds: 30 });

    await getDb().monitor.delete({ where: { id } });
    const blank = await added({ ...jsonMonitor, intervalSeconds: " ", leadMinutes: "", tailMinutes: "", bearerToken: "", headers: "" });
    expect(await getMonitorOrThrow(blank)).toMatchObject({ intervalSeconds: 15, leadMinutes: 15, tailMinutes: 15 });

    const audio = await added({ ...jsonMonitor, kind: "audio", pointer: "no pointer", intervalSeconds: "0", bearerToken: "", headers: "" });
    expect(await getMonitorOrThrow(audio)).toMatchObject({ kind: "audio", pointer: null, intervalSeconds: 15, leadMinutes: 10, tailMinutes: 20 });
    expect(revalidatePath).toHaveBeenCalledWith(`/events/${SLUG}`);
    expect(revalidatePath).toHaveBeenCalledWith("/admin");
  });

  it("stores the token and headers, says only that they are there, and sends neither back after a refusal or a success", async () => {
    const refused = await create({ ...jsonMonitor, pointer: "" });
    expect(refused.errors).toEqual({ pointer: [expect.stringMatching(/^JSON Pointer is required/)] });
    expect(refused.values).toMatchObject({ kind: "json", url: jsonMonitor.url, label: "Stats API" });
    const badHeader = await create({ ...jsonMonitor, headers: `X-Ok: 1\nX-Api-Key ${HEADER_VALUE}` });
    expect(badHeader.errors.headers).toEqual(['Headers must be one "Name: value" per line; line 2 has no name before a colon.']);

    const id = await added(jsonMonitor);
    expect(await getMonitorOrThrow(id)).toMatchObject({ hasBearerToken: true, headerNames: ["X-Api-Key"] });
    const row = await getDb().monitor.findUniqueOrThrow({ where: { id } });
    expect(JSON.parse(row.secret!)).toEqual({ bearerToken: TOKEN, headers: { "X-Api-Key": HEADER_VALUE } });
  });

  it("refuses a second audience count for the event next to its kind, without the token, and stores nothing", async () => {
    await added({ ...jsonMonitor, bearerToken: "", headers: "" });
    const before = await monitors();
    const state = await create({ ...jsonMonitor, kind: "x-spaces", url: "http://127.0.0.1:9/2/spaces/1vOxwdEYXbbGB" });
    expect(state).toMatchObject({ status: "error", errors: { kind: [expect.stringMatching(/already counts its audience/)] } });
    expect(state.values).toMatchObject({ kind: "x-spaces", label: "Stats API" });
    expect(await monitors()).toEqual(before);
  });

  it("tells someone signed out to sign in, without their token, and stores nothing", async () => {
    cookieJar.clear();
    const before = await monitors();
    const state = await create(jsonMonitor);
    expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/not signed in as an editor/) });
    expect(state.values).toMatchObject({ url: jsonMonitor.url });
    expect(await monitors()).toEqual(before);
  });
});

describe("editing a monitor", () => {
  it("keeps the stored token and headers when their fields are left blank", async () => {
    const id = await added(jsonMonitor);
    const state = await submit(updateMonitorAction.bind(null, id), { ...(await editForm(id)), label: "Stats API, renamed" });
    expect(state).toMatchObject({ status: "success", message: "Monitor saved." });
    expect(await getMonitorOrThrow(id)).toMatchObject({ label: "Stats API, renamed", hasBearerToken: true, headerNames: ["X-Api-Key"], version: 2 });
  });

  it("forgets the token and headers when the box is ticked, and replaces one that is typed anew", async () => {
    const id = await added(jsonMonitor);
    await submit(updateMonitorAction.bind(null, id), { ...(await editForm(id)), forgetSecrets: "1", headers: "X-Other: value" });
    expect(await getMonitorOrThrow(id)).toMatchObject({ hasBearerToken: false, headerNames: ["X-Other"] });

    await submit(updateMonitorAction.bind(null, id), { ...(await editForm(id)), forgetSecrets: "1" });
    expect(await getMonitorOrThrow(id)).toMatchObject({ hasBearerToken: false, headerNames: [] });
    expect((await getDb().monitor.findUniqueOrThrow({ where: { id } })).secret).toBeNull();
  });

  it("refuses to forget the token an X Spaces monitor needs, keeping it", async () => {
    const id = await added({ kind: "x-spaces", url: "http://127.0.0.1:9/2/spaces/1vOxwdEYXbbGB", mode: "auto", bearerToken: TOKEN });
    const state = await submit(updateMonitorAction.bind(null, id), { ...(await editForm(id)), forgetSecrets: "1" });
    expect(state.status).toBe("error");
    expect(state.errors.bearerToken[0]).toMatch(/^Bearer token is required/);
    expect(await getMonitorOrThrow(id)).toMatchObject({ hasBearerToken: true, version: 1 });
  });

  it("refuses a save over someone else's change, with the version now stored, and without the token typed", async () => {
    const id = await added(jsonMonitor);
    const stale = await editForm(id);
    await submit(setMonitorModeAction.bind(null, id, "on"), {});
    const state = await submit(updateMonitorAction.bind(null, id), { ...stale, bearerToken: TOKEN, label: "Too late" });
    expect(state).toMatchObject({ status: "error", message: expect.stringMatching(/Someone changed this monitor/), current: { version: "2" } });
    expect(await getMonitorOrThrow(id)).toMatchObject({ label: "Stats API", mode: "on" });
  });
});

describe("starting, stopping and deleting a monitor", () => {
  it("starts it by hand, stops it, gives it back to the event's window, and refuses a mode it does not know", async () => {
    const id = await added({ ...jsonMonitor, bearerToken: "", headers: "" });
    // The seeded event ended long ago: in automatic mode it is not due.
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "auto", due: false });

    expect(await submit(setMonitorModeAction.bind(null, id, "on"), {})).toMatchObject({
      status: "success",
      message: expect.stringMatching(/^Started/),
    });
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "on", due: true });
    expect(revalidatePath).toHaveBeenCalledWith(`/events/${SLUG}`);

    await submit(setMonitorModeAction.bind(null, id, "off"), {});
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "off", due: false });

    await submit(setMonitorModeAction.bind(null, id, "auto"), {});
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "auto", due: false, version: 4 });

    const refused = await submit(setMonitorModeAction.bind(null, id, "always"), {});
    expect(refused).toMatchObject({ status: "error", errors: { mode: [expect.any(String)] } });
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "auto", version: 4 });
  });

  it("refuses a stranger's start and changes nothing", async () => {
    const id = await added({ ...jsonMonitor, bearerToken: "", headers: "" });
    cookieJar.clear();
    const state = await submit(setMonitorModeAction.bind(null, id, "on"), {});
    expect(state.message).toMatch(/not signed in as an editor/);
    expect(await getMonitorOrThrow(id)).toMatchObject({ mode: "auto", version: 1 });
  });

  it("deletes it, refreshing its event's page, and says so when it is already gone", async () => {
    const id = await added(jsonMonitor);
    vi.mocked(revalidatePath).mockClear();
    expect(await submit(deleteMonitorAction.bind(null, id), {})).toMatchObject({ status: "success", message: "Monitor deleted." });
    expect(await getDb().monitor.findUnique({ where: { id } })).toBeNull();
    expect(revalidatePath).toHaveBeenCalledWith(`/events/${SLUG}`);
    expect(await submit(deleteMonitorAction.bind(null, id), {})).toMatchObject({ status: "error", message: `No monitor has the id ${id}.` });
  });
});
