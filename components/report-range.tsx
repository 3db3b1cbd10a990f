// Where sources disagree on a figure: the range they span, each report a mark whose source shows on hover and focus.
import type { ReportedFigure } from "@/lib/domain/figures";
import { formatFigure, formatValue } from "@/lib/domain/format";
import { METRICS, type MetricKey } from "@/lib/domain/metrics";
import { qualify } from "@/lib/domain/options";

export function ReportRange({ metric, figure }: { metric: MetricKey; figure: ReportedFigure }) {
  const { unit, label } = METRICS[metric];
  const span = figure.max - figure.min || 1;
  // Room at both ends so that the end marks stay inside the track.
  const at = (v: number) => 6 + ((v - figure.min) / span) * 88;
  return (
    <figure className="range" aria-labelledby={`range-${metric}`}>
      <figcaption id={`range-${metric}`}>
        <strong>{label}</strong>: {figure.reports.length} reports from {formatFigure(figure, unit)}
      </figcaption>
      <div className="range-track">
        <span className="range-band" style={{ left: `${at(figure.min)}%`, width: `${at(figure.max) - at(figure.min)}%` }} aria-hidden="true" />
        <ul>
          {figure.reports.map((r) => {
            const text = `${r.sourceName}: ${qualify(formatValue(r.value, unit), r.qualifier)}`;
            return (
              <li key={r.id} className="range-mark" style={{ left: `${at(r.value)}%` }} tabIndex={0} aria-label={text}>
                <span className="range-tip" role="tooltip">
                  {text}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </figure>
  );
}
