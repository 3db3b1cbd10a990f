"use client";
// Confirm or dismiss an incident the monitor detected: one form, the button pressed says which.
import { useActionState } from "react";
import { initialFormState } from "@/lib/validation/form-state";
import type { FormAction } from "./fields";

export function ReviewForm({ action, review, what }: { action: FormAction; review: string | null; what: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="delete-form">
      {review !== "confirmed" && (
        <button type="submit" name="review" value="confirmed" className="button" disabled={pending}>
          Confirm<span className="visually-hidden"> {what}</span>
        </button>
      )}{" "}
      {review !== "dismissed" && (
        <button type="submit" name="review" value="dismissed" className="button" disabled={pending}>
          Dismiss<span className="visually-hidden"> {what}</span>
        </button>
      )}
      {state.status === "error" && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
