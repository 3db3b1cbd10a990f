"use client";
// Forms for what an event holds: reported figures, incidents, claims; and sources. Each adds or edits one record.
import { useActionState, useState } from "react";
import { isCountUnit, METRIC_KEYS, METRICS, UNIT_LABELS, unitOf } from "@/lib/domain/metrics";
import {
  CLAIM_STATUSES,
  INCIDENT_KIND_LABELS,
  INCIDENT_KINDS,
  QUALIFIER_LABELS,
  QUALIFIERS,
  SOURCE_KIND_LABELS,
  SOURCE_KINDS,
  STANCES,
} from "@/lib/domain/options";
import { type FormState, initialFormState } from "@/lib/validation/form-state";
import { type FormAction, FormShell, SelectField, TextArea, TextField, valueOf } from "./fields";
import { LocalTimeField } from "./local-time-field";

type Action = FormAction;
type Option = { value: string; label: string };

interface FormProps {
  action: Action;
  initial?: Record<string, string>;
  version?: number;
  submitLabel: string;
}

const qualifierOptions = QUALIFIERS.map((q) => ({ value: q, label: QUALIFIER_LABELS[q] }));

export const REPORT_LABELS: Record<string, string> = {
  metric: "Metric",
  value: "Value",
  qualifier: "Qualifier",
  sourceId: "Source",
  newSourceName: "New source",
  quote: "Quote",
  quoteLang: "Quote language",
  quoteEnglish: "English rendering",
  url: "URL",
  reportedOn: "Date reported",
  note: "Note",
  scope: "Scope",
};

/** A figure of an event; `medium` names the audience's unit (listeners for audio, viewers for video). */
export function ReportForm(props: FormProps & { sources: Option[]; medium?: string }) {
  const { initial = {}, sources, medium = "audio" } = props;
  return (
    <FormShell {...props} labels={REPORT_LABELS} prefix="report">
      {(state) => <ReportFields state={state} initial={initial} sources={sources} medium={medium} />}
    </FormShell>
  );
}

const VALUE_HINTS: Record<string, string> = {
  minutes: "From 0 to 10,080 (one week).",
  percent: "A percentage from 0 to 100, e.g. 12.5.",
};

function ReportFields({ state, initial, sources, medium }: { state: FormState; initial: Record<string, string>; sources: Option[]; medium: string }) {
  const [metric, setMetric] = useState(valueOf(state, "metric", initial.metric ?? ""));
  const unit = metric in METRICS ? unitOf(metric as keyof typeof METRICS, medium) : null;
  const hint = metric in METRICS ? METRICS[metric as keyof typeof METRICS].hint : undefined;
  return (
    <div className="field-grid">
      <SelectField
        name="metric"
        label="Metric"
        state={state}
        initial={initial.metric}
        required
        placeholder="Pick a metric"
        options={METRIC_KEYS.map((k) => ({ value: k, label: `${METRICS[k].label} (${UNIT_LABELS[unitOf(k, medium)]})` }))}
        onValue={setMetric}
        hint={hint}
      />
      <TextField
        name="value"
        label={unit ? `Value, in ${UNIT_LABELS[unit]}` : "Value"}
        state={state}
        initial={initial.value}
        required
        inputMode="decimal"
        hint={unit && isCountUnit(unit) ? "A whole number, e.g. 1,100,000." : unit ? VALUE_HINTS[unit] : undefined}
      />
      <TextField
        name="scope"
        label="Scope"
        state={state}
        initial={initial.scope ?? "global"}
        hint="Where the figure holds: global, or a country or region, e.g. United States."
      />
      <SelectField name="qualifier" label="Qualifier" state={state} initial={initial.qualifier ?? "exact"} options={qualifierOptions} />
      <SelectField name="sourceId" label="Source" state={state} initial={initial.sourceId} placeholder="Pick a source" options={sources} />
      <TextField name="newSourceName" label="…or a new source" state={state} hint="Type a name to create the source here." />
      <TextField name="url" label="URL" type="url" inputMode="url" state={state} initial={initial.url} hint="http:// or https://" />
      <QuoteFields state={state} initial={initial} />
      <TextArea name="note" label="Note" state={state} initial={initial.note} />
    </div>
  );
}

export const INCIDENT_LABELS: Record<string, string> = {
  kind: "Kind",
  startOffsetMinutes: "Start",
  durationMinutes: "Duration",
  qualifier: "Qualifier",
  description: "Description",
  sourceId: "Source",
  newSourceName: "New source",
  url: "URL",
  quote: "Quote",
  quoteLang: "Quote language",
  quoteEnglish: "English rendering",
  reportedOn: "Date reported",
};

export function IncidentForm(props: FormProps & { sources: Option[] }) {
  const { initial = {}, sources } = props;
  return (
    <FormShell {...props} labels={INCIDENT_LABELS} prefix="incident">
      {(state) => (
        <div className="field-grid">
          <SelectField
            name="kind"
            label="Kind"
            state={state}
            initial={initial.kind}
            required
            placeholder="Pick a kind"
            options={INCIDENT_KINDS.map((k) => ({ value: k, label: INCIDENT_KIND_LABELS[k].form }))}
          />
          <TextField
            name="startOffsetMinutes"
            label="Start, in minutes after the scheduled start"
            state={state}
            initial={initial.startOffsetMinutes}
            inputMode="decimal"
            hint="Negative before it; empty when unknown."
          />
          <TextField name="durationMinutes" label="Duration, in minutes" state={state} initial={initial.durationMinutes} inputMode="decimal" />
          <SelectField name="qualifier" label="Qualifier" state={state} initial={initial.qualifier ?? "exact"} options={qualifierOptions} />
          <SelectField name="sourceId" label="Source" state={state} initial={initial.sourceId} placeholder="No source" options={sources} />
          <TextField name="newSourceName" label="…or a new source" state={state} hint="Type a name to create the source here." />
          <TextField name="url" label="URL" type="url" inputMode="url" state={state} initial={initial.url} hint="Where the source said it." />
          <TextArea name="description" label="Description" state={state} initial={initial.description} />
          <QuoteFields state={state} initial={initial} />
        </div>
      )}
    </FormShell>
  );
}

export const CLAIM_LABELS: Record<string, string> = {
  statement: "Statement",
  quote: "Quote",
  quoteLang: "Quote language",
  quoteEnglish: "English rendering",
  reportedOn: "Date reported",
  claimantId: "Claimant",
  newClaimantName: "New claimant",
  status: "Status",
  url: "URL",
  incidentId: "Incident",
};

const STANCE_ROWS = 3;

type StanceValues = { sourceId: string; stance: string; quote: string; quoteLang?: string; quoteEnglish?: string; reportedOn?: string };

export function ClaimForm(props: FormProps & { sources: Option[]; incidents: Option[]; stances?: StanceValues[] }) {
  const { initial = {}, sources, incidents, stances = [] } = props;
  const labels = { ...CLAIM_LABELS };
  for (let i = 0; i < STANCE_ROWS; i++) {
    labels[`stances.${i}.sourceId`] = `Source ${i + 1} taking a stance`;
    labels[`stances.${i}.stance`] = `Stance ${i + 1}`;
    labels[`stances.${i}.quote`] = `Quote ${i + 1}`;
    labels[`stances.${i}.quoteLang`] = `Language of quote ${i + 1}`;
    labels[`stances.${i}.quoteEnglish`] = `English rendering of quote ${i + 1}`;
    labels[`stances.${i}.reportedOn`] = `Date quote ${i + 1} was reported`;
  }
  return (
    <FormShell {...props} labels={labels} prefix="claim">
      {(state) => (
        <>
          <div className="field-grid">
            <TextArea
              name="statement"
              label="Statement"
              state={state}
              initial={initial.statement}
              required
              hint='e.g. "The delay was caused by a DDoS attack."'
            />
            <SelectField
              name="claimantId"
              label="Claimant"
              state={state}
              initial={initial.claimantId}
              placeholder="Pick who made the claim"
              options={sources}
            />
            <TextField name="newClaimantName" label="…or a new claimant" state={state} hint="Type a name to create the source here." />
            <SelectField
              name="status"
              label="Status"
              state={state}
              initial={initial.status ?? "claimed"}
              options={CLAIM_STATUSES.map((s) => ({ value: s, label: s }))}
            />
            <SelectField
              name="incidentId"
              label="About the incident"
              state={state}
              initial={initial.incidentId}
              placeholder="None"
              options={incidents}
            />
            <TextField name="url" label="URL" type="url" inputMode="url" state={state} initial={initial.url} />
            <QuoteFields state={state} initial={initial} />
          </div>
          <fieldset>
            <legend>Sources that dispute, confirm or refute it</legend>
            {Array.from({ length: STANCE_ROWS }, (_, i) => (
              <div className="field-grid stance-row" key={i}>
                <SelectField
                  name={`stances.${i}.sourceId`}
                  label={labels[`stances.${i}.sourceId`]}
                  state={state}
                  initial={stances[i]?.sourceId}
                  placeholder="None"
                  options={sources}
                />
                <SelectField
                  name={`stances.${i}.stance`}
                  label={labels[`stances.${i}.stance`]}
                  state={state}
                  initial={stances[i]?.stance ?? "disputes"}
                  options={STANCES.map((s) => ({ value: s, label: s }))}
                />
                <TextField name={`stances.${i}.quote`} label={labels[`stances.${i}.quote`]} state={state} initial={stances[i]?.quote} />
                <TextField
                  name={`stances.${i}.quoteLang`}
                  label={labels[`stances.${i}.quoteLang`]}
                  state={state}
                  initial={stances[i]?.quoteLang}
                  hint="e.g. en, fr"
                />
                <TextField
                  name={`stances.${i}.quoteEnglish`}
                  label={labels[`stances.${i}.quoteEnglish`]}
                  state={state}
                  initial={stances[i]?.quoteEnglish}
                />
                <TextField
                  name={`stances.${i}.reportedOn`}
                  label={labels[`stances.${i}.reportedOn`]}
                  type="date"
                  state={state}
                  initial={stances[i]?.reportedOn}
                />
              </div>
            ))}
          </fieldset>
        </>
      )}
    </FormShell>
  );
}

/** A quote in its original language with that language, an English rendering and the date reported, as a report's. */
function QuoteFields({ state, initial }: { state: FormState; initial: Record<string, string> }) {
  return (
    <>
      <TextArea name="quote" label="Quote, in its original language" state={state} initial={initial.quote} />
      <TextField name="quoteLang" label="Quote language" state={state} initial={initial.quoteLang} hint="e.g. en, fr" />
      <TextArea
        name="quoteEnglish"
        label="English rendering"
        state={state}
        initial={initial.quoteEnglish}
        hint="When the quote is in another language."
      />
      <TextField name="reportedOn" label="Date reported" type="date" state={state} initial={initial.reportedOn} />
    </>
  );
}

export const SOURCE_LABELS: Record<string, string> = { name: "Name", kind: "Kind", leaning: "Leaning", homeUrl: "Home page" };

export function SourceForm(props: FormProps) {
  const { initial = {} } = props;
  return (
    <FormShell {...props} labels={SOURCE_LABELS} prefix="source">
      {(state) => (
        <div className="field-grid">
          <TextField name="name" label="Name" state={state} initial={initial.name} required />
          <SelectField
            name="kind"
            label="Kind"
            state={state}
            initial={initial.kind ?? "newspaper"}
            options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))}
          />
          <TextField name="leaning" label="Leaning" state={state} initial={initial.leaning} hint="As described by whoever cites the source." />
          <TextField name="homeUrl" label="Home page" type="url" inputMode="url" state={state} initial={initial.homeUrl} />
        </div>
      )}
    </FormShell>
  );
}

export const MOMENT_LABELS: Record<string, string> = {
  label: "What happened",
  at: "Time",
  atFold: "Which time",
  sourceId: "Source",
  newSourceName: "New source",
  url: "URL",
  note: "Note",
};

/** A key moment: what happened, and when, in the event's own zone. */
export function MomentForm(props: FormProps & { sources: Option[]; timeZone: string }) {
  const { initial = {}, sources, timeZone } = props;
  return (
    <FormShell {...props} labels={MOMENT_LABELS} prefix="moment">
      {(state) => (
        <div className="field-grid">
          <TextField name="label" label="What happened" state={state} initial={initial.label} required hint="e.g. Main fight begins, Guest joins." />
          <MomentTime state={state} initial={initial} timeZone={timeZone} />
          <SelectField name="sourceId" label="Source" state={state} initial={initial.sourceId} placeholder="No source" options={sources} />
          <TextField name="newSourceName" label="…or a new source" state={state} hint="Type a name to create the source here." />
          <TextField name="url" label="URL" type="url" inputMode="url" state={state} initial={initial.url} />
          <TextArea name="note" label="Note" state={state} initial={initial.note} />
        </div>
      )}
    </FormShell>
  );
}

/** The moment's time in the event's zone, with the choice of the two instants in the hour the clocks go back. */
function MomentTime({ state, initial, timeZone }: { state: FormState; initial: Record<string, string>; timeZone: string }) {
  const [at, setAt] = useState(valueOf(state, "at", initial.at));
  const [fold, setFold] = useState(valueOf(state, "atFold", initial.atFold));
  return (
    <LocalTimeField
      name="at"
      label={`Time (${timeZone})`}
      state={state}
      initial={initial.at}
      zone={timeZone}
      value={at}
      fold={fold}
      onValue={setAt}
      onFold={setFold}
      required
    />
  );
}

/** A delete button that asks first, in the page rather than in a dialog box. */
export function DeleteForm({ action, what }: { action: Action; what: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [asking, setAsking] = useState(false);
  if (state.status === "success") return <span role="status">{state.message}</span>;
  return (
    <form action={formAction} className="delete-form">
      {!asking ? (
        <button type="button" className="button danger-outline" onClick={() => setAsking(true)}>
          Delete<span className="visually-hidden"> {what}</span>
        </button>
      ) : (
        <span role="group" aria-label={`Confirm deleting ${what}`}>
          <span className="confirm-text">Delete {what}? </span>
          <button type="submit" className="button danger" disabled={pending} autoFocus>
            {pending ? "Deleting…" : "Yes, delete"}
          </button>{" "}
          <button type="button" className="button" onClick={() => setAsking(false)} disabled={pending}>
            Cancel
          </button>
        </span>
      )}
      {state.status === "error" && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
