// One headline figure as a definition-list row: its label, its value (or "not reported"), and who it rests on.
import type { Figure } from "@/lib/domain/figures";
import { formatFigure, formatSources } from "@/lib/domain/format";
import { isCountUnit, METRICS, type Unit, UNIT_LABELS } from "@/lib/domain/metrics";

export function FigureRow({ label, figure, unit }: { label: string; figure: Figure; unit: Unit | "fraction" }) {
  const reported = figure.status === "reported";
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className={reported ? "figure-value" : "figure-value not-reported"}>{withUnit(figure, unit)}</span>
        {reported && <span className="figure-source">{sourceLine(figure)}</span>}
      </dd>
    </div>
  );
}

/** "1,100,000 listeners", "at least 65,000,000 streams": a count says what it counts (a range or a single value). */
function withUnit(figure: Figure, unit: Unit | "fraction"): string {
  const text = formatFigure(figure, unit);
  return figure.status === "reported" && isCountUnit(unit) ? `${text} ${UNIT_LABELS[unit as Unit]}` : text;
}

function sourceLine(figure: Extract<Figure, { status: "reported" }>): string {
  // A derived figure rests on other figures (with their sources) or on the event's own times, said as such.
  const who = figure.derived
    ? figure.reports.length > 0
      ? `Derived from figures by ${formatSources(figure.sources)}`
      : `Derived from ${formatSources(figure.sources)}`
    : `Source: ${formatSources(figure.sources)}`;
  if (figure.missing.length === 0) return who;
  const missing = figure.missing.map((m) => METRICS[m].label.toLowerCase());
  return `${who}; ${formatSources(missing)} not reported`;
}
