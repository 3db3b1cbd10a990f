// Records as the strings a form shows, and as the input a PATCH (or an import) merges its fields over.
import { describeOverlap, instantToLocal } from "../domain/time";

type Row = Record<string, unknown>;

/**
 * Form values: dates as typed in the event's zone, numbers as written, nulls as empty strings. A time the zone's
 * clocks showed twice comes with its fold (`scheduledStartFold`: earlier or later), so that the form saves it again
 * as the same instant.
 */
export function toFormValues(record: Row, zone = "UTC"): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === null || v === undefined) values[k] = "";
    else if (v instanceof Date) {
      if (k === "reportedOn") values[k] = v.toISOString().slice(0, 10);
      else {
        const local = instantToLocal(v, zone);
        values[k] = local;
        const overlap = describeOverlap(local, zone);
        if (overlap) values[`${k}Fold`] = v.getTime() < overlap.later.instant.getTime() ? "earlier" : "later";
      }
    } else if (["string", "number", "boolean"].includes(typeof v)) values[k] = String(v);
  }
  return values;
}

/** The fields of a record that an input schema takes, dates as ISO instants; the base a PATCH is merged over. */
export function toInput(record: Row, fields: readonly string[]): Row {
  return Object.fromEntries(
    fields
      .filter((f) => f in record)
      .map((f) => {
        const v = record[f];
        if (v instanceof Date) return [f, f === "reportedOn" ? v.toISOString().slice(0, 10) : v.toISOString()];
        return [f, v];
      }),
  );
}

/**
 * `fields` are the input fields of the entity; `alternatives` pairs a picked id with the "create in place" name
 * that replaces it, so that a PATCH naming a new source does not also carry the old id.
 */
export function mergePatch(record: Row, body: Row, fields: readonly string[], alternatives: [string, string][] = []): Row {
  const base = toInput(record, fields);
  for (const [idField, nameField] of alternatives) {
    if (body[nameField] && !(idField in body)) delete base[idField];
  }
  return { ...base, ...body };
}
