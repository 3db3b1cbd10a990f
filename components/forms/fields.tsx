"use client";
// Form parts: labelled fields whose messages are tied to them, the summary at the top, the submit button.
import { createContext, useActionState, useContext, useEffect, useRef } from "react";
import { type FormState, initialFormState } from "@/lib/validation/form-state";

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** Forms that share a page give their fields distinct ids: "report-metric", "incident-kind". */
export const FieldPrefix = createContext("");

function useFieldId(name: string): string {
  const prefix = useContext(FieldPrefix);
  return prefix ? `${prefix}-${name}` : name;
}

interface BaseProps {
  name: string;
  label: string;
  state: FormState;
  /** The value before any submission (an edit form's record). */
  initial?: string;
  hint?: string;
  required?: boolean;
}

function describedBy(id: string, hint: string | undefined, errors: string[] | undefined) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** The id, the state's messages and the attributes every control shares: value, invalid flag, descriptions. */
function useField({ name, state, initial, hint, required }: BaseProps) {
  const errors = state.errors[name];
  const id = useFieldId(name);
  const control = {
    id,
    name,
    defaultValue: valueOf(state, name, initial),
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describedBy(id, hint, errors),
    "aria-required": required || undefined,
  } as const;
  return { id, errors, control };
}

/** The label above a control and its hint and messages below it. */
function FieldFrame({
  id,
  label,
  required,
  hint,
  errors,
  wide,
  hideLabel,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  errors?: string[];
  wide?: boolean;
  /** For a control whose row already says what it is: the label is for screen readers only. */
  hideLabel?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className={wide ? "field field-wide" : "field"}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      <FieldMessages id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** What the field shows: what the person typed last, else the record's value. */
export function valueOf(state: FormState, name: string, initial = ""): string {
  return state.values[name] ?? initial;
}

export function TextField({
  name,
  label,
  state,
  initial,
  hint,
  required,
  type = "text",
  inputMode,
  onValue,
  autoComplete = "off",
}: BaseProps & {
  type?: "text" | "url" | "date" | "datetime-local" | "number" | "email" | "password";
  inputMode?: "text" | "numeric" | "decimal" | "url";
  onValue?: (value: string) => void;
  autoComplete?: string;
}) {
  const { id, errors, control } = useField({ name, label, state, initial, hint, required });
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} errors={errors}>
      <input
        {...control}
        type={type}
        inputMode={inputMode}
        onInput={onValue ? (e) => onValue(e.currentTarget.value) : undefined}
        autoComplete={autoComplete}
        step={type === "datetime-local" ? 60 : undefined}
      />
    </FieldFrame>
  );
}

export function TextArea({ name, label, state, initial, hint, required, rows = 3 }: BaseProps & { rows?: number }) {
  const { id, errors, control } = useField({ name, label, state, initial, hint, required });
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} errors={errors} wide>
      <textarea {...control} rows={rows} />
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  state,
  initial,
  hint,
  required,
  options,
  placeholder,
  onValue,
  hideLabel,
}: BaseProps & {
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  onValue?: (value: string) => void;
  hideLabel?: boolean;
}) {
  const { id, errors, control } = useField({ name, label, state, initial, hint, required });
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} errors={errors} hideLabel={hideLabel}>
      <select {...control} onChange={onValue ? (e) => onValue(e.currentTarget.value) : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The summary at the top: the outcome, and each field's messages linking to the field. Focused on an error. */
export function FormSummary({ state, labels }: { state: FormState; labels: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const prefix = useContext(FieldPrefix);
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state]);
  if (state.status === "idle") return null;
  if (state.status === "success") {
    return (
      <div className="form-success" role="status">
        <p>{state.message}</p>
        {state.reveal && (
          <p className="reveal">
            {state.reveal.label}:{" "}
            <code tabIndex={0} aria-label={state.reveal.label}>
              {state.reveal.value}
            </code>
          </p>
        )}
      </div>
    );
  }
  const fieldErrors = Object.entries(state.errors).filter(([field]) => field !== "_form");
  return (
    <div className="form-errors" role="alert" tabIndex={-1} ref={ref}>
      <p>
        <strong>{state.message}</strong>
      </p>
      {fieldErrors.length > 0 && (
        <ul>
          {fieldErrors.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${prefix ? `${prefix}-${field}` : field}`}>{labels[field] ?? field}</a>: {messages.join(" ")}
            </li>
          ))}
        </ul>
      )}
      {state.current && (
        <div className="conflict">
          <p>The record as it is now:</p>
          <dl>
            {Object.entries(state.current)
              .filter(([k]) => k in labels)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{labels[k]}</dt>
                  <dd>{v || "—"}</dd>
                </div>
              ))}
          </dl>
        </div>
      )}
    </div>
  );
}

export function SubmitButton({ pending, children, pendingText }: { pending: boolean; children: React.ReactNode; pendingText: string }) {
  return (
    <button type="submit" className="button primary" disabled={pending} aria-disabled={pending}>
      {pending ? pendingText : children}
    </button>
  );
}

/** After a stale-save refusal the form carries the newer version, so a second save is a knowing one. */
export function VersionField({ state, initial }: { state: FormState; initial: number }) {
  const version = state.current?.version ?? state.values.version ?? String(initial);
  return <input type="hidden" name="version" value={version} />;
}

/** A form bound to an action: the summary, the fields, the version of an edit, the submit button. */
export function FormShell({
  action,
  version,
  submitLabel,
  labels,
  prefix,
  pendingText = "Saving…",
  children,
}: {
  action: FormAction;
  version?: number;
  submitLabel: string;
  labels: Record<string, string>;
  /** Distinct field ids for forms that share a page; none for a page's only form. */
  prefix: string;
  pendingText?: string;
  children: (state: FormState) => React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <FieldPrefix value={prefix}>
      {/* A new key after each answer remounts the fields, so that they show what the answer carries back. */}
      <form action={formAction} key={JSON.stringify(state)} noValidate className="form">
        <FormSummary state={state} labels={{ ...labels, reason: "Reason for the change" }} />
        {children(state)}
        {version !== undefined && (
          <>
            <TextField
              name="reason"
              label="Reason for the change"
              state={state}
              hint="Optional; the correction log shows it with the change, e.g. “Netflix revised its count”."
            />
            <VersionField state={state} initial={version} />
          </>
        )}
        <div className="form-actions">
          <SubmitButton pending={pending} pendingText={pendingText}>
            {submitLabel}
          </SubmitButton>
        </div>
      </form>
    </FieldPrefix>
  );
}
