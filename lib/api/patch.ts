// PATCH bodies are merged over the record as it stands, then checked with the same schema as a full update.
import { toInput } from "../validation/values";

type Row = Record<string, unknown>;

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
