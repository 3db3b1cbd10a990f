// Downloads of what the page shows (CSV, CSV for Excel, JSON), printing, and the line a printed copy carries: date and
// permalink.
import { PrintButton } from "./print-button";

export function ExportBar({ apiPath, permalink, what }: { apiPath: string; permalink: string; what: string }) {
  const join = apiPath.includes("?") ? "&" : "?";
  const printed = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date());
  return (
    <>
      <div className="export-bar" role="group" aria-label={`Export ${what}`}>
        <span className="muted">Export {what}:</span>
        <a className="button" href={`${apiPath}${join}format=csv`} download>
          CSV
        </a>
        <a className="button" href={`${apiPath}${join}format=csv&bom=1`} download aria-describedby="export-excel-note">
          CSV for Excel
        </a>
        <a className="button" href={`${apiPath}${join}format=json`} download>
          JSON
        </a>
        <PrintButton />
        <p className="hint export-note" id="export-excel-note">
          CSV for Excel: the same file, marked as UTF-8 so that Excel shows accents (é, ü, ñ) as written. Either CSV imports back.
        </p>
      </div>
      <p className="print-only">
        From Dead Air, {printed} UTC. Permalink: {permalink}
      </p>
    </>
  );
}
