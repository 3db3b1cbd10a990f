// An import from start to end: the file's type, its parsing and checks, then the preview or the transaction.
import "server-only";
import { type ImportProgress, runImport, type ImportSummary } from "../data/import";
import type { WriteContext } from "../data/operation";
import type { FieldErrors } from "../validation/fields";
import { parseImportCsv, parseImportJson } from "./parse";

export type ImportKind = "json" | "csv";

/** JSON or CSV, from the media type or else from the first character. */
export function detectKind(text: string, hint: string | null): ImportKind {
  if (hint && /json/i.test(hint)) return "json";
  if (hint && /csv/i.test(hint)) return "csv";
  return /^\uFEFF?\s*[{[]/.test(text) ? "json" : "csv";
}

export type ImportOutcome = { ok: true; applied: boolean; summary: ImportSummary } | { ok: false; errors: FieldErrors };

export async function importText(
  text: string,
  kind: ImportKind,
  apply: boolean,
  ctx: WriteContext,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const parsed = kind === "json" ? parseImportJson(text) : parseImportCsv(text);
  if (!parsed.ok) return parsed;
  return { ok: true, applied: apply, summary: await runImport(parsed.doc, { apply, ctx, onProgress }) };
}
