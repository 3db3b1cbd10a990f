"use client";
// A date and time typed in the event's zone; in the hour the clocks go back, the choice of which of its two instants.
import { useContext } from "react";
import { describeOverlap, type Fold, formatLongDate, overlapSideLabel } from "@/lib/domain/time";
import type { FormState } from "@/lib/validation/form-state";
import { FieldPrefix, TextField } from "./fields";

/**
 * The time as a datetime-local input (its value and fold held by the form, which previews the delay from them);
 * when the zone's clocks show that time twice, two radios beside it ask which, named `<name>Fold`.
 */
export function LocalTimeField({
  name,
  label,
  state,
  initial,
  zone,
  value,
  fold,
  onValue,
  onFold,
  required,
}: {
  name: string;
  label: string;
  state: FormState;
  initial?: string;
  zone: string;
  value: string;
  fold: string;
  onValue: (value: string) => void;
  onFold: (fold: Fold) => void;
  required?: boolean;
}) {
  const prefix = useContext(FieldPrefix);
  const id = prefix ? `${prefix}-${name}` : name;
  const foldName = `${name}Fold`;
  const foldId = prefix ? `${prefix}-${foldName}` : foldName;
  const overlap = value ? describeOverlap(value.slice(0, 16), zone) : null;
  const timeErrors = state.errors[name];
  const foldErrors = state.errors[foldName];
  const time = value.slice(11, 16);
  const describedBy = [`${foldId}-hint`, timeErrors?.length ? `${id}-error` : null, foldErrors?.length ? `${foldId}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="local-time">
      <TextField name={name} label={label} type="datetime-local" state={state} initial={initial} onValue={onValue} required={required} />
      {overlap && (
        <fieldset className="fold-choice" aria-describedby={describedBy}>
          <legend>Which {time}?</legend>
          <p className="hint" id={`${foldId}-hint`}>
            The clocks went back at this hour in {zone}: {time} on {formatLongDate(value)} came twice.
          </p>
          {(["earlier", "later"] as const).map((choice, i) => (
            <label key={choice}>
              <input
                type="radio"
                name={foldName}
                value={choice}
                // The first radio carries the group's id, so that the summary's link to the choice lands on it.
                id={i === 0 ? foldId : `${foldId}-later`}
                checked={fold === choice}
                onChange={() => onFold(choice)}
              />{" "}
              {choice === "earlier"
                ? `The first (${overlapSideLabel(overlap.earlier)})`
                : `The second (${overlapSideLabel(overlap.later)}), after the clocks went back`}
            </label>
          ))}
          {foldErrors?.length ? (
            <p className="field-error" id={`${foldId}-error`}>
              {foldErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
      )}
    </div>
  );
}
