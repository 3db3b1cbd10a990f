// What a server action hands back to its form: a summary, each field's messages, and what the person typed.
import type { FieldErrors } from "./fields";

export interface FormState {
  status: "idle" | "error" | "success";
  message: string;
  errors: FieldErrors;
  /** The submitted values, so that the form shows them again after an error. */
  values: Record<string, string>;
  /** The record as it is now, when a save was refused because someone changed it first. */
  current?: Record<string, string>;
  /** A secret shown once after a success (a generated password, a new API token); it is stored nowhere. */
  reveal?: { label: string; value: string };
}

export const initialFormState: FormState = { status: "idle", message: "", errors: {}, values: {} };
