"use client";
// Import: choose an export file, see what it would create or update, then apply it in one step. The file goes to
// POST /api/import like any API client's (server actions keep Next's default 1 MB body limit).
import { useState, useTransition } from "react";
import type { ImportSummary } from "@/lib/data/import";
import type { FieldErrors } from "@/lib/validation/fields";

const MAX_BYTES = 5 * 1024 * 1024;
const ENTITY_LABELS: Record<string, string> = {
  event: "Events",
  source: "Sources",
  report: "Figures",
  incident: "Incidents",
  claim: "Claims",
  moment: "Key moments",
};

interface ImportState {
  status: "idle" | "preview" | "applied" | "error";
  message: string;
  summary?: ImportSummary;
  errors?: FieldErrors;
}

/** What the import route answered, in the words the page shows. */
async function sendImport(file: { name: string; text: string }, apply: boolean): Promise<ImportState> {
  const type = /\.csv$/i.test(file.name) ? "text/csv" : /\.json$/i.test(file.name) ? "application/json" : "text/plain";
  let response: Response;
  try {
    response = await fetch(`/api/import${apply ? "" : "?preview=1"}`, {
      method: "POST",
      headers: { "Content-Type": `${type}; charset=utf-8` },
      body: file.text,
    });
  } catch {
    return { status: "error", message: `${file.name} could not be sent: the connection to Dead Air failed. Nothing was changed; try again.` };
  }
  const body = (await response.json().catch(() => null)) as { summary?: ImportSummary; detail?: string; errors?: FieldErrors } | null;
  if (response.ok && body?.summary) {
    return apply
      ? { status: "applied", message: `${file.name} was imported.`, summary: body.summary }
      : { status: "preview", message: `What importing ${file.name} would do:`, summary: body.summary };
  }
  if (response.status === 401 || response.status === 403) {
    return {
      status: "error",
      message: "You are not signed in as an editor, or your session has ended. Sign in (in another tab keeps this page), then import again.",
    };
  }
  const detail = body?.detail && !/^The file cannot be imported/.test(body.detail) ? ` ${body.detail}` : "";
  return {
    status: "error",
    message: `${file.name} cannot be imported; nothing was changed.${detail}`,
    errors: body?.errors && Object.keys(body.errors).length ? body.errors : undefined,
  };
}

export function ImportForm() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [state, setState] = useState<ImportState>({ status: "idle", message: "" });
  const [pending, startTransition] = useTransition();
  const [fileError, setFileError] = useState("");

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    setState({ status: "idle", message: "" });
    setFile(null);
    setFileError("");
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setFileError(`${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB. Split it and import the parts.`);
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  }

  function run(apply: boolean) {
    if (!file) return;
    startTransition(async () => setState(await sendImport(file, apply)));
  }

  const changes = state.summary?.changes.length ?? 0;
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="import-file">Export file (JSON or CSV, at most 5 MB)</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void choose(e.currentTarget)}
          aria-describedby={fileError ? "import-file-error" : "import-file-hint"}
          aria-invalid={fileError ? true : undefined}
        />
        <p className="hint" id="import-file-hint">
          A file downloaded from Dead Air&apos;s CSV or JSON export. Nothing changes until you apply it.
        </p>
        {fileError && (
          <p className="field-error" id="import-file-error">
            {fileError}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={!file || pending} onClick={() => run(false)}>
          {pending && state.status !== "preview" ? "Reading…" : "Preview import"}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!file || pending || state.status !== "preview" || changes === 0}
          onClick={() => run(true)}
        >
          {pending && state.status === "preview" ? "Importing…" : "Apply import"}
        </button>
      </div>
      <div aria-live="polite">
        {state.status === "error" && (
          <div className="form-errors" role="alert">
            <p>
              <strong>{state.message}</strong>
            </p>
            {state.errors && (
              <ul>
                {Object.entries(state.errors).map(([where, messages]) => (
                  <li key={where}>
                    <code>{where}</code>: {messages.join(" ")}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {(state.status === "preview" || state.status === "applied") && state.summary && (
          <div className={state.status === "applied" ? "form-success" : "import-preview"} role="status">
            <p>
              <strong>{state.message}</strong>
              {state.status === "preview" && changes === 0 && " nothing: every record in the file is already here, as it is."}
            </p>
            <div className="table-wrap">
              <table>
                <caption>{state.status === "applied" ? "Imported" : "Preview"}</caption>
                <thead>
                  <tr>
                    <th scope="col">Records</th>
                    <th scope="col">{state.status === "applied" ? "Created" : "To create"}</th>
                    <th scope="col">{state.status === "applied" ? "Updated" : "To update"}</th>
                    <th scope="col">Unchanged</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(state.summary.counts).map(([entity, c]) => (
                    <tr key={entity}>
                      <th scope="row">{ENTITY_LABELS[entity] ?? entity}</th>
                      <td className="num">{c.create}</td>
                      <td className="num">{c.update}</td>
                      <td className="num">{c.unchanged}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {changes > 0 && (
              <ul className="change-list">
                {state.summary.changes.slice(0, 200).map((c, i) => (
                  <li key={i}>
                    {c.action === "create" ? "Create" : "Update"} {c.entity} {c.label}
                    {c.fields && <span className="muted"> ({c.fields.join(", ")})</span>}
                  </li>
                ))}
                {changes > 200 && <li className="muted">…and {changes - 200} more.</li>}
              </ul>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
