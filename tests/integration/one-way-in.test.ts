// Every write goes through one operation: the API, a form and an import give the same refusal, and every
// operation checks its caller before it reads its input.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postReport } from "@/app/api/events/[slug]/reports/route";
import { GET as exportEvent } from "@/app/api/events/[slug]/export/route";
import { POST as importRoute } from "@/app/api/import/route";
import { createReportAction } from "@/lib/actions/records";
import { createApiToken, revokeApiToken, tokenActor } from "@/lib/data/api-tokens";
import { createClaim, deleteClaim, updateClaim } from "@/lib/data/claim-writes";
import { createEvent, deleteEvent, updateEvent } from "@/lib/data/event-writes";
import { createIncident, deleteIncident, updateIncident } from "@/lib/data/incident-writes";
import type { WriteContext } from "@/lib/data/operation";
import { createReport, deleteReport, updateReport } from "@/lib/data/report-writes";
import { seedDatabase } from "@/lib/data/seed";
import { createSource, deleteSource, updateSource } from "@/lib/data/source-writes";
import { createUser, resetPassword, setDisabled, setRole } from "@/lib/data/users";
import { revokeUserSessions } from "@/lib/data/sessions";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { ForbiddenError, InvalidInputError, UnauthorizedError } from "@/lib/errors";
import { initialFormState } from "@/lib/validation/form-state";
import { BASE, jsonRequest, params, snapshotDb, writeRequest } from "./api-helpers";
import { signInAs } from "./auth-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("./next-request"));

const SLUG = "musk-trump-x-spaces-2024";
const NOT_AN_AUDIENCE = "An audience must be a whole number, from 0 up.";
const CONSOLE: WriteContext = { actor: systemActor("console") };

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

beforeAll(async () => {
  await seedDatabase();
});

describe("the same refusal from every way in", () => {
  it("refuses an audience of 1.5 listeners with one message, naming the value, from the API, a form, an import and the operation", async () => {
    const sourceId = (await getDb().source.findFirstOrThrow({ where: { name: "Financial Times" } })).id;
    const figure = { metric: "average_audience", value: 1.5, qualifier: "exact", sourceId };
    const before = await snapshotDb();

    const api = await postReport(jsonRequest("POST", `/api/events/${SLUG}/reports`, figure), params({ slug: SLUG }));
    expect(api.status).toBe(400);
    expect((await api.json()).errors.value).toEqual([NOT_AN_AUDIENCE]);

    await signInAs("editor@example.org", "editor");
    const state = await createReportAction(SLUG, initialFormState, form({ ...figure, value: "1.5", sourceId: String(sourceId) }));
    expect(state.status).toBe("error");
    expect(state.errors.value).toEqual([NOT_AN_AUDIENCE]);

    const exported = await (await exportEvent(new Request(`${BASE}/api/events/${SLUG}/export?format=json`), params({ slug: SLUG }))).json();
    const index = exported.events[0].reports.findIndex((r: { metric: string }) => r.metric === "average_audience");
    exported.events[0].reports[index].value = 1.5;
    const imported = await importRoute(
      writeRequest(`${BASE}/api/import`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(exported) }),
    );
    expect(imported.status).toBe(400);
    expect((await imported.json()).errors[`events[0].reports[${index}].value`]).toEqual([NOT_AN_AUDIENCE]);

    const direct = await createReport({ ctx: CONSOLE, slug: SLUG, input: figure }).catch((error: unknown) => error);
    expect(direct).toBeInstanceOf(InvalidInputError);
    expect((direct as InvalidInputError).errors.value).toEqual([NOT_AN_AUDIENCE]);

    expect(await snapshotDb()).toEqual(before);
  });

  it("logs an imported change as made by its caller through the import", async () => {
    const exported = await (await exportEvent(new Request(`${BASE}/api/events/${SLUG}/export?format=json`), params({ slug: SLUG }))).json();
    exported.events[0].notes = "Changed by a file.";
    const response = await importRoute(
      writeRequest(`${BASE}/api/import`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(exported) }),
    );
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
    const entry = await getDb().revision.findFirstOrThrow({ where: { entity: "event", field: "notes" }, orderBy: { id: "desc" } });
    expect(entry.actor).toBe("API client (import)");
    expect(entry.actorRef).toMatch(/^token:\d+$/);
    expect(JSON.parse(entry.after!)).toBe("Changed by a file.");
  });
});

describe("every operation checks its caller first", () => {
  // Each call is made with input that would be refused for itself, so a refusal for the caller shows it came first.
  const garbage = { nonsense: true };
  const operations: [string, (ctx: WriteContext) => Promise<unknown>, "write" | "admin"][] = [
    ["createEvent", (ctx) => createEvent({ ctx, input: garbage }), "write"],
    ["updateEvent", (ctx) => updateEvent({ ctx, slug: SLUG, input: garbage }), "write"],
    ["deleteEvent", (ctx) => deleteEvent({ ctx, slug: SLUG }), "write"],
    ["createReport", (ctx) => createReport({ ctx, slug: SLUG, input: garbage }), "write"],
    ["updateReport", (ctx) => updateReport({ ctx, id: 1, input: garbage }), "write"],
    ["deleteReport", (ctx) => deleteReport({ ctx, id: 1 }), "write"],
    ["createIncident", (ctx) => createIncident({ ctx, slug: SLUG, input: garbage }), "write"],
    ["updateIncident", (ctx) => updateIncident({ ctx, id: 1, input: garbage }), "write"],
    ["deleteIncident", (ctx) => deleteIncident({ ctx, id: 1 }), "write"],
    ["createClaim", (ctx) => createClaim({ ctx, slug: SLUG, input: garbage }), "write"],
    ["updateClaim", (ctx) => updateClaim({ ctx, id: 1, input: garbage }), "write"],
    ["deleteClaim", (ctx) => deleteClaim({ ctx, id: 1 }), "write"],
    ["createSource", (ctx) => createSource({ ctx, input: garbage }), "write"],
    ["updateSource", (ctx) => updateSource({ ctx, id: 1, input: garbage }), "write"],
    ["deleteSource", (ctx) => deleteSource({ ctx, id: 1 }), "write"],
    ["createUser", (ctx) => createUser({ ctx, input: garbage }), "admin"],
    ["setRole", (ctx) => setRole({ ctx, id: 1, input: garbage }), "admin"],
    ["setDisabled", (ctx) => setDisabled({ ctx, id: 1, disabled: true }), "admin"],
    ["resetPassword", (ctx) => resetPassword({ ctx, id: 1 }), "admin"],
    ["revokeUserSessions", (ctx) => revokeUserSessions({ ctx, userId: 1 }), "admin"],
    ["createApiToken", (ctx) => createApiToken({ ctx, input: garbage }), "admin"],
    ["revokeApiToken", (ctx) => revokeApiToken({ ctx, id: 1 }), "admin"],
  ];

  it.each(operations)(
    "%s refuses nobody (401), a read token (403) and, for admin work, a write token (403), changing nothing",
    async (name, run, need) => {
      const reader = await tokenActor((await createApiToken({ ctx: CONSOLE, input: { name: `reader ${name}`, scope: "read" } })).token);
      const writer = await tokenActor((await createApiToken({ ctx: CONSOLE, input: { name: `writer ${name}`, scope: "write" } })).token);
      const before = await snapshotDb();
      await expect(run({ actor: null })).rejects.toBeInstanceOf(UnauthorizedError);
      await expect(run({ actor: reader })).rejects.toBeInstanceOf(ForbiddenError);
      if (need === "admin") await expect(run({ actor: writer })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await snapshotDb()).toEqual(before);
    },
  );
});
