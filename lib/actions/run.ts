// The one way every form action runs: parse with the input's schema, write, then revalidate and redirect.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { actorLabel, canWrite } from "../auth/actor";
import { currentActor } from "../auth/server";
import { AppError, ConflictError } from "../errors";
import { toFieldErrors } from "../validation/fields";
import type { FormState } from "../validation/form-state";
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

export interface FormActionSpec<S extends z.ZodType, R> {
  schema: S;
  /** Shapes the form's strings into the schema's input. */
  input: (values: Record<string, string>) => unknown;
  /** Does the write; `actor` is the name the correction log records. */
  perform: (data: z.infer<S>, actor: string) => Promise<R>;
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

export async function runFormAction<S extends z.ZodType, R>(spec: FormActionSpec<S, R>, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // Every action checks the caller itself: an action is a public endpoint, whatever page shows its form.
  const actor = await currentActor();
  if (!actor || !canWrite(actor)) return signInAgain(values);
  const parsed = spec.schema.safeParse(spec.input(values));
  if (!parsed.success) {
    return { status: "error", message: "Some fields need correcting: see the messages next to them.", errors: toFieldErrors(parsed.error), values };
  }
  let result: R;
  try {
    result = await spec.perform(parsed.data, actorLabel(actor));
  } catch (error) {
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
