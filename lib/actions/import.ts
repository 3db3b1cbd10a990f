"use server";
// The import page's action: preview or apply an export file, all or nothing.
import { revalidatePath } from "next/cache";
import { canWrite } from "../domain/actor";
import { currentActor } from "../auth/server";
import type { ImportSummary } from "../data/import";
import { AppError } from "../errors";
import { MAX_IMPORT_BYTES } from "../import/parse";
import { detectKind, importText } from "../import/run";
import type { FieldErrors } from "../validation/fields";

export interface ImportState {
  status: "idle" | "preview" | "applied" | "error";
  message: string;
  summary?: ImportSummary;
  errors?: FieldErrors;
}

export async function importAction(text: string, fileName: string, apply: boolean): Promise<ImportState> {
  const actor = await currentActor();
  // The import checks the caller itself; the form says it before reading the file.
  if (!actor || !canWrite(actor)) {
    return { status: "error", message: "You are not signed in as an editor, or your session has ended. Sign in, then import again." };
  }
  if (typeof text !== "string" || text.length === 0) return { status: "error", message: "Choose a file to import." };
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
    return { status: "error", message: `${fileName} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts.` };
  }
  const kind = detectKind(text, /\.csv$/i.test(fileName) ? "text/csv" : /\.json$/i.test(fileName) ? "application/json" : null);
  try {
    const outcome = await importText(text, kind, apply, { actor });
    if (!outcome.ok) return { status: "error", message: `${fileName} cannot be imported; nothing was changed.`, errors: outcome.errors };
    if (apply) {
      revalidatePath("/", "layout");
      return { status: "applied", message: `${fileName} was imported.`, summary: outcome.summary };
    }
    return { status: "preview", message: `What importing ${fileName} would do:`, summary: outcome.summary };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: `${fileName} cannot be imported; nothing was changed. ${error.message}`, errors: error.errors };
    throw error;
  }
}
