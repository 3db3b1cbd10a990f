// One headline figure as a definition-list row: its label, its value (or "not reported"), and who it rests on.
import type { Figure } from "@/lib/domain/figures";
import { formatFigure, formatSources } from "@/lib/domain/format";
import type { Unit } from "@/lib/domain/metrics";
import { METRICS } from "@/lib/domain/metrics";

export function FigureRow({ label, figure, unit }: { label: string; figure: Figure; unit: Unit | "fraction" }) {
  const reported = figure.status === "reported";
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className={reported ? "figure-value" : "figure-value not-reported"}>{formatFigure(figure, unit)}</span>
        {reported && <span className="figure-source">{sourceLine(figure)}</span>}
      </dd>
    </div>
  );
}

function sourceLine(figure: Extract<Figure, { status: "reported" }>): string {
  const who = figure.derived ? `Derived from figures by ${formatSources(figure.sources)}` : `Source: ${formatSources(figure.sources)}`;
  if (figure.missing.length === 0) return who;
  const missing = figure.missing.map((m) => METRICS[m].label.toLowerCase());
  return `${who}; ${formatSources(missing)} not reported`;
}
