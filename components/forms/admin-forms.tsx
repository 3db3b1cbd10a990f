"use client";
// The admin page's forms: a new user, a new token (each secret shown once), and one-button actions on a row.
import { useActionState, useState } from "react";
import { initialFormState } from "@/lib/validation/form-state";
import { FieldPrefix, type FormAction, FormShell, FormSummary, SelectField, TextField } from "./fields";

const ROLE_OPTIONS = [
  { value: "editor", label: "Editor: adds and corrects records" },
  { value: "admin", label: "Admin: also manages users and tokens" },
];
const SCOPE_OPTIONS = [
  { value: "read", label: "Read: GET requests only" },
  { value: "write", label: "Write: also creates, edits, deletes and imports" },
];

export function CreateUserForm({ action }: { action: FormAction }) {
  return (
    <FormShell action={action} submitLabel="Add user" pendingText="Adding…" labels={{ email: "Email", displayName: "Display name", role: "Role", password: "Password" }} prefix="user">
      {(state) => (
        <div className="field-grid">
          <TextField name="email" label="Email" type="email" state={state} required autoComplete="off" />
          <TextField name="displayName" label="Display name" state={state} autoComplete="off" hint='How the public correction log names them, never by email. Empty: "Editor" and a number.' />
          <SelectField name="role" label="Role" state={state} initial="editor" options={ROLE_OPTIONS} />
          <TextField
            name="password"
            label="Password"
            type="password"
            state={state}
            autoComplete="new-password"
            hint="At least 12 characters. Leave empty to generate one, shown once."
          />
        </div>
      )}
    </FormShell>
  );
}

export function CreateTokenForm({ action }: { action: FormAction }) {
  return (
    <FormShell action={action} submitLabel="Create token" pendingText="Creating…" labels={{ name: "Name", scope: "Scope" }} prefix="token">
      {(state) => (
        <div className="field-grid">
          <TextField name="name" label="Name" state={state} required hint="Who or what uses it, e.g. newsroom-importer." />
          <SelectField name="scope" label="Scope" state={state} initial="read" options={SCOPE_OPTIONS} />
        </div>
      )}
    </FormShell>
  );
}

/** One button that runs an action on a row; with `confirm`, it asks inside the page first. */
export function ActionButton({
  action,
  label,
  what,
  confirm,
  prefix = "",
  children,
}: {
  action: FormAction;
  label: string;
  what: string;
  confirm?: boolean;
  /** Distinct ids for the fields of forms repeated on each row. */
  prefix?: string;
  children?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [asking, setAsking] = useState(false);
  return (
    <form action={formAction} className="delete-form" onSubmit={() => setAsking(false)}>
      <FieldPrefix value={prefix}>{children}</FieldPrefix>
      {confirm && !asking ? (
        <button type="button" className="button danger-outline" onClick={() => setAsking(true)}>
          {label}
          <span className="visually-hidden"> {what}</span>
        </button>
      ) : (
        <span role={confirm ? "group" : undefined} aria-label={confirm ? `Confirm: ${label} ${what}` : undefined}>
          {confirm && <span className="confirm-text">{label} {what}? </span>}
          <button type="submit" className={confirm ? "button danger" : "button"} disabled={pending} autoFocus={confirm}>
            {pending ? "Working…" : confirm ? `Yes, ${label.toLowerCase()}` : label}
            {!confirm && <span className="visually-hidden"> {what}</span>}
          </button>
          {confirm && (
            <>
              {" "}
              <button type="button" className="button" onClick={() => setAsking(false)} disabled={pending}>
                Cancel
              </button>
            </>
          )}
        </span>
      )}
      {state.status !== "idle" && <FormSummary state={state} labels={{}} />}
    </form>
  );
}
