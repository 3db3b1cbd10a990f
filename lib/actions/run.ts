// The one way every form action runs: parse with the input's schema, write, then revalidate and redirect.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "../auth/server";
import type { WriteContext } from "../data/operation";
import { AppError, ConflictError, ForbiddenError, InvalidInputError, UnauthorizedError } from "../errors";
import type { FormState } from "../validation/form-state";
import { REASON_MAX, REASON_TOO_LONG } from "../validation/fields";
import { toFormValues } from "../validation/values";

/** The form's own fields as strings; Next's internal fields ($ACTION_…) are left out. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("$") && typeof value === "string") values[key] = value;
  }
  return values;
}

/** Only the fields a schema takes, so that a stray form field is not an "unknown field" error. */
export function pick(values: Record<string, string>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f in values).map((f) => [f, values[f]]));
}

/** The record as a form shows it, times in the event's zone. */
function asFormValues(record: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!record) return undefined;
  return toFormValues(record, typeof record.timeZone === "string" ? record.timeZone : "UTC");
}

export interface FormActionSpec<R> {
  /** Shapes the form's strings into the operation's raw input. */
  input: (values: Record<string, string>) => unknown;
  /** Calls the operation, which checks the caller, parses the input with its schema and writes. */
  perform: (ctx: WriteContext, input: unknown) => Promise<R>;
  /** Paths whose pages show what changed. */
  revalidate: (result: R) => string[];
  /** Where to go after a success; none to stay on the page with a message. */
  redirectTo?: (result: R) => string | null;
  success: string;
}

/** What a form shows when its session ended or never was: what was typed stays in the form. */
export function signInAgain(values: Record<string, string>): FormState {
  return {
    status: "error",
    message: "You are not signed in as an editor, or your session has ended. Sign in (in another tab keeps this form), then save again.",
    errors: {},
    values,
  };
}

export async function runFormAction<R>(spec: FormActionSpec<R>, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const reason = (values.reason ?? "").trim();
  if (reason.length > REASON_MAX) {
    return { status: "error", message: "Some fields need correcting: see the messages next to them.", errors: { reason: [REASON_TOO_LONG] }, values };
  }
  // The operation checks the caller itself: an action is a public endpoint, whatever page shows its form.
  const ctx: WriteContext = { actor: await currentActor(), reason: reason || null };
  let result: R;
  try {
    result = await spec.perform(ctx, spec.input(values));
  } catch (error) {
    if (error instanceof UnauthorizedError || error instanceof ForbiddenError) return signInAgain(values);
    if (error instanceof InvalidInputError) {
      return { status: "error", message: "Some fields need correcting: see the messages next to them.", errors: error.errors, values };
    }
    if (error instanceof AppError) {
      const current = error instanceof ConflictError ? asFormValues(error.current) : undefined;
      return { status: "error", message: error.message, errors: error.errors, values, current };
    }
    throw error;
  }
  for (const path of spec.revalidate(result)) revalidatePath(path);
  const target = spec.redirectTo?.(result);
  if (target) redirect(target);
  return { status: "success", message: spec.success, errors: {}, values: {} };
}
