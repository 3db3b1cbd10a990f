"use client";
// The admin page's forms: a new user, a new token, a new webhook endpoint (each secret shown once), and one-button
// actions on a row.
import { useActionState, useContext, useState } from "react";
import { type FormState, initialFormState } from "@/lib/validation/form-state";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/validation/webhook";
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
    <FormShell
      action={action}
      submitLabel="Add user"
      pendingText="Adding…"
      labels={{ email: "Email", displayName: "Display name", role: "Role", password: "Password" }}
      prefix="user"
    >
      {(state) => (
        <div className="field-grid">
          <TextField name="email" label="Email" type="email" state={state} required autoComplete="off" />
          <TextField
            name="displayName"
            label="Display name"
            state={state}
            autoComplete="off"
            hint='How the public correction log names them, never by email. Empty: "Editor" and a number.'
          />
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

/** Ticked before anything is submitted: every event (an endpoint usually wants to hear of them all). */
const DEFAULT_EVENTS: readonly string[] = WEBHOOK_EVENTS;

/** The events as ticks; after a refusal, the ticks that were sent (the action keeps them as "a,b"). */
function EventChoices({ state }: { state: FormState }) {
  const prefix = useContext(FieldPrefix);
  const id = prefix ? `${prefix}-events` : "events";
  const errors = state.errors.events;
  const chosen = state.values.events === undefined ? DEFAULT_EVENTS : state.values.events.split(",").filter(Boolean);
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : `${id}-hint`}>
      <legend>
        Events<span aria-hidden="true"> *</span>
      </legend>
      <p className="hint" id={`${id}-hint`}>
        What this endpoint is sent. &quot;Send a test&quot; works whatever is ticked.
      </p>
      {WEBHOOK_EVENTS.map((event, i) => (
        <label key={event}>
          <input
            type="checkbox"
            name="events"
            value={event}
            // The first box carries the group's id, so that the summary's link to the field lands on it.
            id={i === 0 ? id : `${id}-${i}`}
            defaultChecked={chosen.includes(event)}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={errors?.length ? `${id}-error` : undefined}
          />{" "}
          {WEBHOOK_EVENT_LABELS[event]} <code>{event}</code>
        </label>
      ))}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

export function CreateWebhookForm({ action }: { action: FormAction }) {
  return (
    <FormShell
      action={action}
      submitLabel="Add endpoint"
      pendingText="Adding…"
      labels={{ url: "URL", description: "Description", events: "Events" }}
      prefix="webhook"
    >
      {(state) => (
        <>
          <div className="field-grid">
            <TextField
              name="url"
              label="URL"
              type="url"
              inputMode="url"
              state={state}
              required
              hint="Where alerts are POSTed: http:// or https://, on a public address."
            />
            <TextField name="description" label="Description" state={state} hint="Optional: whose it is, what it feeds." />
          </div>
          <EventChoices state={state} />
        </>
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
          {confirm && (
            <span className="confirm-text">
              {label} {what}?{" "}
            </span>
          )}
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
