"use server";
// Form actions of the event page's monitors: add, edit, start or stop by hand, give back to the event's window, delete.
// A monitor's secrets (bearer token, headers) go in and never come back: no answer carries them, even a refusal.
import { createMonitor, deleteMonitor, getMonitorOrThrow, setMonitorMode, updateMonitor } from "../data/monitors";
import { authorizeWrite } from "../data/operation";
import { MONITOR_KINDS, MONITOR_MODES, POLLED_KINDS } from "../domain/monitors";
import { isOneOf } from "../domain/options";
import { InvalidInputError } from "../errors";
import { nudgeMonitorWorker } from "../monitor/worker";
import type { FormState } from "../validation/form-state";
import { MONITOR_FIELDS } from "../validation/monitor";
import { pick, runFormAction } from "./run";

/** The form's checkbox that clears what is stored: the token and every header. */
const FORGET = "forgetSecrets";

/** The fields as the form shows them, top to bottom. */
const FORM_ORDER = ["kind", "url", "mount", "pointer", "intervalSeconds", "bearerToken", "headers", "label", "mode", "leadMinutes", "tailMinutes"];
const formOrder = (field: string) => (FORM_ORDER.includes(field) ? FORM_ORDER.indexOf(field) : FORM_ORDER.length);

/** Fields a form may leave blank. */
const OPTIONAL = new Set(["mount", "pointer", "intervalSeconds", "leadMinutes", "tailMinutes"]);

const monitorPaths = (slug: string) => [`/events/${slug}`, "/admin"];

/**
 * The form's strings as the operation's input. A field the chosen kind does not use is left out (the form hides it
 * but keeps what was typed in it, which must not be refused where nobody sees it). A blank token or headers field
 * keeps what is stored; the forget box clears it, unless a new one was typed, which replaces it anyway.
 */
function monitorInput(values: Record<string, string>, withVersion: boolean): Record<string, unknown> {
  const kind = values.kind ?? "";
  const known = isOneOf(MONITOR_KINDS, kind);
  const unused = new Set<string>(
    known
      ? [
          ...(kind !== "icecast" ? ["mount"] : []),
          ...(kind !== "json" ? ["pointer"] : []),
          ...(isOneOf(POLLED_KINDS, kind) ? [] : ["intervalSeconds"]),
          ...(kind === "json" || kind === "icecast" ? [] : ["headers"]),
          ...(kind === "json" || kind === "x-spaces" ? [] : ["bearerToken"]),
        ]
      : [],
  );
  // A blank optional field is one not given (its default, or "required" where the kind needs it), as the API omits it.
  const blank = (f: string) => OPTIONAL.has(f) && (values[f] ?? "").trim() === "";
  const fields = [...MONITOR_FIELDS, ...(withVersion ? ["version"] : [])].filter((f) => !unused.has(f) && !blank(f));
  const input = pick(values, fields);
  const forget = values[FORGET] === "on" || values[FORGET] === "1";
  for (const secret of ["bearerToken", "headers"] as const) {
    const typed = (values[secret] ?? "").trim() !== "";
    if (typed && !unused.has(secret)) input[secret] = values[secret];
    else if (forget) input[secret] = null;
  }
  return input;
}

/**
 * A message that quotes part of the typed headers (a line without a colon, a name that is not one) names its line
 * instead: the quote could be a header's secret value.
 */
function unquoted(message: string, typed: string): string {
  const lines = typed.split(/\r?\n/);
  return message.replace(/"([^"]+)"/g, (whole, quote: string) => {
    const at = lines.findIndex((line) => line.includes(quote));
    return at === -1 ? whole : `line ${at + 1}`;
  });
}

/** The answer without the secrets typed into the form, in its values or quoted by a message. */
function withoutSecrets(state: FormState, formData: FormData): FormState {
  const { bearerToken: _token, headers: _headers, ...values } = state.values;
  const typed = formData.get("headers");
  // In the form's order, which the summary at its top follows: the cross-field rules come last from the schema.
  const errors = Object.fromEntries(Object.entries(state.errors).sort(([a], [b]) => formOrder(a) - formOrder(b)));
  if (errors.headers && typeof typed === "string") errors.headers = errors.headers.map((m) => unquoted(m, typed));
  return { ...state, values, errors };
}

export async function createMonitorAction(slug: string, _s: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(
    {
      input: (v) => monitorInput(v, false),
      perform: async (ctx, input) => {
        const monitor = await createMonitor({ ctx, slug, input });
        nudgeMonitorWorker();
        return monitor;
      },
      revalidate: (m) => monitorPaths(m.event),
      success: "Monitor added.",
    },
    formData,
  );
  return withoutSecrets(state, formData);
}

export async function updateMonitorAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(
    {
      input: (v) => monitorInput(v, true),
      perform: async (ctx, input) => {
        const monitor = await updateMonitor({ ctx, id, input });
        nudgeMonitorWorker();
        return monitor;
      },
      revalidate: (m) => monitorPaths(m.event),
      success: "Monitor saved.",
    },
    formData,
  );
  return withoutSecrets(state, formData);
}

const MODE_MESSAGES: Record<(typeof MONITOR_MODES)[number], string> = {
  on: "Started: it runs until someone stops it or gives it back to the event's window.",
  off: "Stopped: it stays off until someone starts it or gives it back to the event's window.",
  auto: "Back to automatic: it runs around the event, by itself.",
};

/** Start now (on), Stop (off), Back to automatic (auto). The mode is checked here: a bound argument comes from the page. */
export async function setMonitorModeAction(id: number, mode: string, _s: FormState, formData: FormData): Promise<FormState> {
  const known = isOneOf(MONITOR_MODES, mode) ? mode : null;
  const state = await runFormAction(
    {
      input: () => known,
      perform: async (ctx) => {
        // The caller first, as every operation does: a stranger is told to sign in, not which modes exist.
        authorizeWrite(ctx);
        if (!known) throw new InvalidInputError("Choose Start now, Stop or Back to automatic.", { mode: ["Runs must be auto, on or off."] });
        const monitor = await setMonitorMode({ ctx, id, mode: known });
        nudgeMonitorWorker();
        return monitor;
      },
      revalidate: (m) => monitorPaths(m.event),
      success: known ? MODE_MESSAGES[known] : "",
    },
    formData,
  );
  return withoutSecrets(state, formData);
}

export async function deleteMonitorAction(id: number, _s: FormState, formData: FormData): Promise<FormState> {
  const state = await runFormAction(
    {
      input: () => undefined,
      perform: async (ctx) => {
        authorizeWrite(ctx);
        // Its event's page is the one to refresh: read before it goes.
        const { event } = await getMonitorOrThrow(id);
        await deleteMonitor({ ctx, id });
        nudgeMonitorWorker();
        return event;
      },
      revalidate: (slug) => monitorPaths(slug),
      success: "Monitor deleted.",
    },
    formData,
  );
  return withoutSecrets(state, formData);
}
