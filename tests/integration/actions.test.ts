// The form actions, called as a form would call them, against a real SQLite file.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createEventAction, deleteEventAction, updateEventAction } from "@/lib/actions/events";
import {
  createClaimAction,
  createIncidentAction,
  createMomentAction,
  createReportAction,
  createSourceAction,
  deleteClaimAction,
  deleteIncidentAction,
  deleteReportAction,
  deleteSourceAction,
  updateClaimAction,
  updateIncidentAction,
  updateReportAction,
  updateSourceAction,
} from "@/lib/actions/records";
import { getDb } from "@/lib/db";
import { seedDatabase } from "@/lib/data/seed";
import { initialFormState } from "@/lib/validation/form-state";
import { toFormValues } from "@/lib/validation/values";
import { signInAs } from "./auth-helpers";

// Outside a Next request there is no cache to revalidate and no cookie; the database is real.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  data.set("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

/** Runs an action; a redirect (thrown by Next) comes back as its target. */
async function submit(action: (state: typeof initialFormState, data: FormData) => Promise<typeof initialFormState>, values: Record<string, string>) {
  try {
    return { state: await action(initialFormState, form(values)), redirect: null };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { state: null, redirect: digest.split(";")[2] };
  }
}

async function snapshot() {
  const db = getDb();
  return Promise.all([
    db.event.findMany({ orderBy: { id: "asc" } }),
    db.source.findMany({ orderBy: { id: "asc" } }),
    db.report.findMany({ orderBy: { id: "asc" } }),
    db.incident.findMany({ orderBy: { id: "asc" } }),
    db.claim.findMany({ orderBy: { id: "asc" } }),
    db.claimSource.findMany({ orderBy: { id: "asc" } }),
    db.revision.findMany({ orderBy: { id: "asc" } }),
  ]);
}

/** Asserts the action refused (with these fields named) and changed nothing. */
async function expectRefused(run: () => Promise<{ state: typeof initialFormState | null }>, fields: string[]) {
  const before = await snapshot();
  const { state } = await run();
  expect(state?.status).toBe("error");
  expect(Object.keys(state!.errors)).toEqual(expect.arrayContaining(fields));
  expect(await snapshot()).toEqual(before);
  return state!;
}

const MUSK = "musk-trump-x-spaces-2024";
/** Two days ahead (UTC): in the future wherever the test runs, within the years a date may fall in. */
const FUTURE = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
let ft: number;
let nyt: number;

beforeAll(async () => {
  await seedDatabase();
  await signInAs("editor@example.org", "editor");
  ft = (await getDb().source.findUniqueOrThrow({ where: { name: "Financial Times" } })).id;
  nyt = (await getDb().source.findUniqueOrThrow({ where: { name: "The New York Times" } })).id;
});

const goodEvent = {
  title: "Évènement: test stream",
  slug: "",
  platform: "Twitch",
  hosts: "A",
  guests: "",
  timeZone: "Europe/Paris",
  scheduledStart: "2024-07-01T21:00",
  scheduledPrecision: "minute",
  actualStart: "2024-07-01T21:05",
  endedAt: "2024-07-01T23:00",
  status: "ended",
  notes: "",
};

/** An event of the test's own, made through the form as the create test makes one. */
async function ownEvent(title: string) {
  const { state, redirect } = await submit(createEventAction, { ...goodEvent, title });
  if (!redirect) throw new Error(`The event "${title}" was not created: ${JSON.stringify(state)}`);
  return getDb().event.findUniqueOrThrow({ where: { slug: redirect.replace("/events/", "") } });
}

describe("event actions", () => {
  it("refuses bad input with a message per field, keeps every typed value, and writes nothing", async () => {
    const values = {
      ...goodEvent,
      title: "",
      slug: "Not OK",
      timeZone: "America/New_York",
      scheduledStart: "2024-03-10T02:30",
      endedAt: "2024-03-09T10:00",
    };
    const state = await expectRefused(() => submit(createEventAction, values), ["title", "slug", "scheduledStart"]);
    expect(state.errors.scheduledStart[0]).toMatch(/does not exist in America\/New_York.*clocks moved forward/);
    expect(state.values).toMatchObject({ slug: "Not OK", scheduledStart: "2024-03-10T02:30", hosts: "A" });
    expect(state.values.$ACTION_ID_abc).toBeUndefined();
  });

  it("asks which of the two instants a time the clocks show twice is, keeps what was typed, and saves the one chosen", async () => {
    const values = {
      ...goodEvent,
      title: "Évènement: the night the clocks go back",
      timeZone: "America/New_York",
      scheduledStart: "2024-11-03T01:30",
      actualStart: "2024-11-03T01:10",
      endedAt: "2024-11-03T03:00",
    };
    const state = await expectRefused(() => submit(createEventAction, values), ["scheduledStart", "actualStart"]);
    expect(state.errors.scheduledStart).toEqual([
      "Scheduled start: 01:30 on 3 November 2024 happens twice in America/New_York (clocks go back): choose the first (EDT, UTC\u22124) or the second (EST, UTC\u22125).",
    ]);
    expect(state.values).toEqual(expect.objectContaining(values));

    const { redirect } = await submit(createEventAction, { ...values, scheduledStartFold: "earlier", actualStartFold: "later" });
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: redirect!.replace("/events/", "") } });
    // 01:30 EDT to 01:10 EST: 40 minutes late, not 20 minutes early.
    expect([event.scheduledStart?.toISOString(), event.actualStart?.toISOString()]).toEqual(["2024-11-03T05:30:00.000Z", "2024-11-03T06:10:00.000Z"]);

    // The edit form shows the times with their folds, so saving it unchanged keeps both instants.
    const edit = { ...toFormValues(event, event.timeZone), notes: "again" };
    expect(edit).toMatchObject({ scheduledStartFold: "earlier", actualStartFold: "later" });
    expect((await submit(updateEventAction.bind(null, event.slug), edit)).redirect).toBe(`/events/${event.slug}`);
    const saved = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect([saved.scheduledStart, saved.actualStart, saved.notes]).toEqual([event.scheduledStart, event.actualStart, "again"]);
  });

  it("refuses an end before the start and a title over 200 characters", async () => {
    await expectRefused(() => submit(createEventAction, { ...goodEvent, endedAt: "2024-07-01T20:00" }), ["endedAt"]);
    await expectRefused(() => submit(createEventAction, { ...goodEvent, title: "x".repeat(201) }), ["title"]);
  });

  it("creates an event with a slug from its title, times read in its zone, and a revision", async () => {
    const { redirect } = await submit(createEventAction, goodEvent);
    expect(redirect).toBe("/events/evenement-test-stream");
    const event = await getDb().event.findUniqueOrThrow({ where: { slug: "evenement-test-stream" } });
    expect(event.scheduledStart?.toISOString()).toBe("2024-07-01T19:00:00.000Z");
    expect(await getDb().revision.count({ where: { entity: "event", entityId: event.id, action: "create" } })).toBe(1);
  });

  it("refuses a slug another event has", async () => {
    await expectRefused(() => submit(createEventAction, { ...goodEvent, slug: MUSK }), ["slug"]);
  });

  it("updates with the version it read, logs each changed field, and refuses a stale save showing the newer values", async () => {
    const event = await ownEvent("Évènement: saved twice");
    const values = { ...goodEvent, title: event.title, slug: event.slug, notes: "first", version: String(event.version) };
    expect((await submit(updateEventAction.bind(null, event.slug), values)).redirect).toBe(`/events/${event.slug}`);
    const log = await getDb().revision.findMany({ where: { entity: "event", entityId: event.id, action: "update" } });
    expect(log.map((r) => [r.field, r.before, r.after])).toEqual([["notes", '""', '"first"']]);

    const stale = await expectRefused(() => submit(updateEventAction.bind(null, event.slug), { ...values, notes: "second" }), []);
    expect(stale.message).toMatch(/changed since you opened it/);
    expect(stale.current).toMatchObject({ notes: "first", version: String(event.version + 1) });
    expect(stale.values.notes).toBe("second");
  });

  it("deletes an event with its incidents, reports and claims", async () => {
    const { slug } = await ownEvent("Évènement: deleted with its records");
    await submit(createReportAction.bind(null, slug), { metric: "start_delay", value: "5", qualifier: "exact", sourceId: String(ft) });
    await submit(createIncidentAction.bind(null, slug), { kind: "late_start", startOffsetMinutes: "0", durationMinutes: "5", qualifier: "exact" });
    await submit(createClaimAction.bind(null, slug), {
      statement: "Late on purpose",
      claimantId: String(ft),
      status: "claimed",
      "stances.0.sourceId": "",
    });
    const event = await getDb().event.findUniqueOrThrow({ where: { slug } });
    expect((await submit(deleteEventAction.bind(null, slug), {})).redirect).toBe("/events?deleted=1");
    const db = getDb();
    expect(await db.event.count({ where: { id: event.id } })).toBe(0);
    expect(await db.report.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.incident.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.claim.count({ where: { eventId: event.id } })).toBe(0);
    expect(await db.revision.count({ where: { eventId: event.id, action: "delete" } })).toBe(4);
  });
});

describe("reported figure actions", () => {
  it("refuses audiences that are not whole numbers, minutes past a week, non-web URLs and future dates", async () => {
    const add = createReportAction.bind(null, MUSK);
    await expectRefused(() => submit(add, { metric: "average_audience", value: "1.5", sourceId: String(ft) }), ["value"]);
    await expectRefused(() => submit(add, { metric: "average_audience", value: "-1", sourceId: String(ft) }), ["value"]);
    await expectRefused(() => submit(add, { metric: "start_delay", value: "10081", sourceId: String(ft) }), ["value"]);
    await expectRefused(() => submit(add, { metric: "start_delay", value: "4", sourceId: String(ft), url: "javascript:alert(1)" }), ["url"]);
    await expectRefused(() => submit(add, { metric: "start_delay", value: "4", sourceId: String(ft), reportedOn: "2999-01-01" }), ["reportedOn"]);
    await expectRefused(() => submit(add, { metric: "start_delay", value: "4" }), ["sourceId"]);
    await expectRefused(() => submit(add, { metric: "nonsense", value: "four", sourceId: "999999" }), ["metric", "value"]);
    await expectRefused(() => submit(add, { metric: "start_delay", value: "4", sourceId: "999999" }), ["sourceId"]);
  });

  it("shows the message of every wrong field at once, the future date among them", async () => {
    const values = { metric: "nonsense", value: "four", sourceId: String(ft), reportedOn: FUTURE, quote: "typed" };
    const state = await expectRefused(() => submit(createReportAction.bind(null, MUSK), values), ["metric", "value", "reportedOn"]);
    expect(Object.keys(state.errors).sort()).toEqual(["metric", "reportedOn", "value"]);
    expect(state.errors.reportedOn).toEqual(["Date reported cannot be in the future."]);
    expect(state.values).toMatchObject(values);
  });

  it("adds a figure whose source is created in place, reads 8,000,000 as a number, edits and deletes it", async () => {
    const add = createReportAction.bind(null, MUSK);
    const { state } = await submit(add, {
      metric: "peak_audience",
      value: "8,000,000",
      qualifier: "at_most",
      newSourceName: "Le Monde",
      quote: "« jusqu'à 8 millions »",
      quoteLang: "fr",
    });
    expect(state?.status).toBe("success");
    const report = await getDb().report.findFirstOrThrow({ where: { metric: "peak_audience" }, include: { source: true } });
    expect([report.value, report.unit, report.qualifier, report.source.name, report.quote]).toEqual([
      8_000_000,
      "listeners",
      "at_most",
      "Le Monde",
      "« jusqu'à 8 millions »",
    ]);

    const edit = updateReportAction.bind(null, MUSK, report.id);
    const values = { metric: "peak_audience", value: "7000000", qualifier: "at_most", sourceId: String(report.sourceId), version: "1" };
    expect((await submit(edit, values)).redirect).toBe(`/events/${MUSK}#figures`);
    await expectRefused(() => submit(edit, values), []);

    expect((await submit(deleteReportAction.bind(null, MUSK, report.id), {})).state?.status).toBe("success");
    expect(await getDb().report.count({ where: { id: report.id } })).toBe(0);
    const log = await getDb().revision.findMany({ where: { entity: "report", entityId: report.id }, orderBy: { id: "asc" } });
    expect([...new Set(log.map((r) => r.action))]).toEqual(["create", "update", "delete"]);
    expect(log.find((r) => r.field === "value")).toMatchObject({ before: "8000000", after: "7000000" });
  });
});

describe("incident actions", () => {
  it("refuses a duration past a week and a kind not in the list, then adds, edits and deletes", async () => {
    const add = createIncidentAction.bind(null, MUSK);
    await expectRefused(() => submit(add, { kind: "crash", durationMinutes: "20000" }), ["durationMinutes"]);
    await expectRefused(() => submit(add, { kind: "meteor" }), ["kind"]);
    expect(
      (await submit(add, { kind: "degraded_audio", startOffsetMinutes: "50", durationMinutes: "3", qualifier: "approximate" })).state?.status,
    ).toBe("success");
    const incident = await getDb().incident.findFirstOrThrow({ where: { kind: "degraded_audio" } });
    const edit = updateIncidentAction.bind(null, MUSK, incident.id);
    expect((await submit(edit, { kind: "degraded_audio", durationMinutes: "4", qualifier: "exact", version: "1" })).redirect).toBe(
      `/events/${MUSK}#incidents`,
    );
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: incident.id } })).durationMinutes).toBe(4);
    await submit(deleteIncidentAction.bind(null, MUSK, incident.id), {});
    expect(await getDb().incident.count({ where: { id: incident.id } })).toBe(0);
  });

  it("shows the message of every wrong field at once, the future date among them", async () => {
    const values = { kind: "meteor", durationMinutes: "20000", reportedOn: FUTURE };
    const state = await expectRefused(() => submit(createIncidentAction.bind(null, MUSK), values), ["kind", "durationMinutes", "reportedOn"]);
    expect(Object.keys(state.errors).sort()).toEqual(["durationMinutes", "kind", "reportedOn"]);
    expect(state.errors.reportedOn).toEqual(["Date reported cannot be in the future."]);
  });
});

describe("claim actions", () => {
  it("shows the message of every wrong field at once, the future date and the missing claimant among them", async () => {
    const values = { statement: "x", status: "maybe", reportedOn: FUTURE, "stances.0.sourceId": "" };
    const state = await expectRefused(() => submit(createClaimAction.bind(null, MUSK), values), ["status", "reportedOn", "claimantId"]);
    expect(state.errors.reportedOn).toEqual(["Date reported cannot be in the future."]);
  });

  it("records a claim with a source disputing it, edits its status, and deletes it", async () => {
    const add = createClaimAction.bind(null, MUSK);
    await expectRefused(() => submit(add, { statement: "", "stances.0.sourceId": "" }), ["statement", "claimantId"]);
    await expectRefused(
      () => submit(add, { statement: "x", claimantId: String(ft), "stances.0.sourceId": String(nyt), "stances.0.stance": "ignores" }),
      ["stances.0.stance"],
    );
    const values = {
      statement: "The servers were overloaded.",
      claimantId: String(ft),
      status: "claimed",
      "stances.0.sourceId": String(nyt),
      "stances.0.stance": "disputes",
      "stances.0.quote": "not so",
      "stances.1.sourceId": "",
    };
    expect((await submit(add, values)).state?.status).toBe("success");
    const claim = await getDb().claim.findFirstOrThrow({ where: { statement: values.statement }, include: { stances: true } });
    expect(claim.stances.map((s) => [s.sourceId, s.stance, s.quote])).toEqual([[nyt, "disputes", "not so"]]);

    const edit = updateClaimAction.bind(null, MUSK, claim.id);
    await submit(edit, { ...values, status: "refuted", version: "1" });
    expect((await getDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("refuted");
    await submit(deleteClaimAction.bind(null, MUSK, claim.id), {});
    expect(await getDb().claimSource.count({ where: { claimId: claim.id } })).toBe(0);
  });
});

describe("key moment actions", () => {
  it("ask which of the two instants a time the clocks show twice is, as the event form does, and save the one chosen", async () => {
    // The 2024 interview's zone is America/New_York, whose clocks went back at 02:00 on 3 November 2024.
    const add = createMomentAction.bind(null, MUSK);
    const values = { label: "The night the clocks went back", at: "2024-11-03T01:30" };
    const state = await expectRefused(() => submit(add, values), ["at"]);
    expect(state.errors.at).toEqual([
      "Time: 01:30 on 3 November 2024 happens twice in America/New_York (clocks go back): choose the first (EDT, UTC\u22124) or the second (EST, UTC\u22125).",
    ]);
    expect(state.values).toMatchObject(values);
    expect((await submit(add, { ...values, atFold: "later" })).state?.status).toBe("success");
    const moment = await getDb().moment.findFirstOrThrow({ where: { label: values.label } });
    expect(moment.at.toISOString()).toBe("2024-11-03T06:30:00.000Z");
    expect(toFormValues(moment, "America/New_York")).toMatchObject({ at: "2024-11-03T01:30", atFold: "later" });
  });
});

describe("source actions", () => {
  it("adds, renames and deletes an uncited source; refuses a duplicate name", async () => {
    await expectRefused(() => submit(createSourceAction, { name: "Financial Times", kind: "newspaper" }), ["name"]);
    await expectRefused(() => submit(createSourceAction, { name: "X", kind: "newspaper", homeUrl: "ftp://x" }), ["homeUrl"]);
    expect((await submit(createSourceAction, { name: "The Guardian", kind: "newspaper", leaning: "centre-left" })).state?.status).toBe("success");
    const source = await getDb().source.findUniqueOrThrow({ where: { name: "The Guardian" } });
    expect((await submit(updateSourceAction.bind(null, source.id), { name: "The Guardian (UK)", kind: "newspaper", version: "1" })).redirect).toBe(
      "/sources",
    );
    expect((await submit(deleteSourceAction.bind(null, source.id), {})).state?.status).toBe("success");
  });

  it("refuses to delete a source that is still cited, saying where", async () => {
    const state = await expectRefused(() => submit(deleteSourceAction.bind(null, ft), {}), ["_form"]);
    expect(state.message).toContain("Financial Times cannot be deleted while it is cited");
    expect(state.message).toContain('"Elon Musk interviews Donald Trump on X Spaces"');
  });
});
