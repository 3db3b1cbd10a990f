"use client";
// Import: choose an export file, see what it would create or update, then apply it in one step. The file goes to
// POST /api/import like any API client's (server actions keep Next's default 1 MB body limit), and the page shows
// how far it has got: the upload, then the records checked or imported, from the route's stream of progress lines.
import { useState, useTransition } from "react";
import type { ImportSummary } from "@/lib/data/import";
import { formatNumber } from "@/lib/domain/format";
import type { FieldErrors } from "@/lib/validation/fields";

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

/** Where a running import is: sending the file, then the route's own stages. */
interface Progress {
  stage: "uploading" | "reading" | "checking" | "importing";
  done: number;
  total: number;
}

type Line =
  | ({ type: "progress" } & Omit<Progress, "stage"> & { stage: Progress["stage"] })
  | { type: "result"; applied: boolean; summary: ImportSummary }
  | { type: "problem"; status: number; detail?: string; errors?: FieldErrors };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What a progress reads, in words: "Uploading: 2.1 of 6.2 MB", "Checking: 4,500 of 12,000 records". */
function progressText(p: Progress): string {
  if (p.stage === "uploading") return `Uploading: ${(p.done / 1024 / 1024).toFixed(1)} of ${megabytes(p.total)}`;
  if (p.stage === "reading") return "Reading the file…";
  return `${p.stage === "checking" ? "Checking" : "Importing"}: ${formatNumber(p.done)} of ${formatNumber(p.total)} records`;
}

/**
 * Sends the file with XMLHttpRequest (fetch reports no upload progress) and reads the route's answer a line at a time
 * as it comes; resolves with what the page then shows.
 */
function sendImport(file: { name: string; text: string }, apply: boolean, onProgress: (p: Progress) => void): Promise<ImportState> {
  const type = /\.csv$/i.test(file.name) ? "text/csv" : /\.json$/i.test(file.name) ? "application/json" : "text/plain";
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let read = 0;
    let outcome: Line | null = null;
    const lines = () => {
      const text = xhr.responseText;
      let end: number;
      while ((end = text.indexOf("\n", read)) >= 0) {
        const line = JSON.parse(text.slice(read, end)) as Line;
        read = end + 1;
        if (line.type === "progress") onProgress(line);
        else outcome = line;
      }
    };
    xhr.open("POST", `/api/import${apply ? "" : "?preview=1"}`);
    xhr.setRequestHeader("Content-Type", `${type}; charset=utf-8`);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress({ stage: "uploading", done: e.loaded, total: e.total });
    xhr.onprogress = () => {
      if (xhr.status === 200) lines();
    };
    xhr.onerror = () =>
      resolve({ status: "error", message: `${file.name} could not be sent: the connection to Dead Air failed. Nothing was changed; try again.` });
    xhr.onload = () => {
      if (xhr.status === 200) lines();
      else {
        // Refused before the import began (signed out, too large, not JSON or CSV): a problem detail, not a stream.
        try {
          outcome = { ...(JSON.parse(xhr.responseText) as { status: number }), type: "problem" };
        } catch {
          outcome = { type: "problem", status: xhr.status };
        }
      }
      resolve(describe(file.name, apply, outcome));
    };
    xhr.send(file.text);
  });
}

/** The outcome in the words the page shows. */
function describe(name: string, apply: boolean, outcome: Line | null): ImportState {
  if (outcome?.type === "result") {
    return apply
      ? { status: "applied", message: `${name} was imported.`, summary: outcome.summary }
      : { status: "preview", message: `What importing ${name} would do:`, summary: outcome.summary };
  }
  if (outcome?.type === "problem" && (outcome.status === 401 || outcome.status === 403)) {
    return {
      status: "error",
      message: "You are not signed in as an editor, or your session has ended. Sign in (in another tab keeps this page), then import again.",
    };
  }
  const problem = outcome?.type === "problem" ? outcome : null;
  const detail = problem?.detail && !/^The file cannot be imported/.test(problem.detail) ? ` ${problem.detail}` : "";
  return {
    status: "error",
    message: `${name} cannot be imported; nothing was changed.${detail || (problem ? "" : " The answer was cut off; try again.")}`,
    errors: problem?.errors && Object.keys(problem.errors).length ? problem.errors : undefined,
  };
}

export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [state, setState] = useState<ImportState>({ status: "idle", message: "" });
  const [pending, startTransition] = useTransition();
  const [fileError, setFileError] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    setState({ status: "idle", message: "" });
    setFile(null);
    setFileError("");
    if (!chosen) return;
    if (chosen.size > maxBytes) {
      setFileError(`${chosen.name} is ${megabytes(chosen.size)}; the limit is ${limit}. Split it and import the parts.`);
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  }

  function run(apply: boolean) {
    if (!file) return;
    setProgress({ stage: "uploading", done: 0, total: file.text.length });
    startTransition(async () => {
      const outcome = await sendImport(file, apply, setProgress);
      setProgress(null);
      setState(outcome);
    });
  }

  const changes = state.summary?.changes.length ?? 0;
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="import-file">Export file (JSON or CSV, at most {limit})</label>
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
      {progress && (
        <div className="import-progress">
          {/* The bar moves with every line; the words are announced when the stage changes, not at every count. */}
          <progress
            aria-label="Import progress"
            aria-valuetext={progressText(progress)}
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
          />
          <p aria-hidden="true">{progressText(progress)}</p>
          <p className="visually-hidden" role="status">
            {progress.stage === "uploading"
              ? "Uploading the file"
              : progress.stage === "reading"
                ? "Reading the file"
                : progress.stage === "checking"
                  ? "Checking the records"
                  : "Importing the records"}
          </p>
        </div>
      )}
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
