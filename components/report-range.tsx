// Where sources disagree on a figure: the range they span on a scale that says where it starts, each report a mark
// and, in the list below it, its value with its own qualifier and its source.
import { rangeScale, type ReportedFigure } from "@/lib/domain/figures";
import { formatWithUnit } from "@/lib/domain/format";
import { METRICS, type MetricKey, unitOf } from "@/lib/domain/metrics";
import { qualify } from "@/lib/domain/options";

export function ReportRange({ metric, figure, medium = "audio" }: { metric: MetricKey; figure: ReportedFigure; medium?: string }) {
  const { label } = METRICS[metric];
  const unit = unitOf(metric, medium);
  const scale = rangeScale(figure.min, figure.max);
  // Room at both ends so that the end marks stay inside the track.
  const at = (v: number) => 6 + ((v - scale.from) / (scale.to - scale.from)) * 88;
  const values = figure.reports.map((r) => ({
    id: r.id,
    source: r.sourceName,
    text: qualify(formatWithUnit(r.value, unit), r.qualifier),
    value: r.value,
  }));
  return (
    <figure className="range" aria-labelledby={`range-${metric}`}>
      <figcaption id={`range-${metric}`}>
        <strong>{label}</strong>: {figure.reports.length} reports, {values.map((v) => v.text).join(", ")}
      </figcaption>
      <div className="range-track" aria-hidden="true">
        <span className="range-band" style={{ left: `${at(figure.min)}%`, width: `${at(figure.max) - at(figure.min)}%` }} />
        {values.map((v) => (
          <span key={v.id} className="range-mark" style={{ left: `${at(v.value)}%` }} title={`${v.source}: ${v.text}`} />
        ))}
      </div>
      <p className="range-scale hint">
        {scale.fromZero
          ? `Scale from 0 to ${formatWithUnit(scale.to, unit)}.`
          : `Close-up: the scale starts at ${formatWithUnit(scale.from, unit)}, not at zero, so that values this close can be told apart.`}
      </p>
      <ul className="range-values">
        {values.map((v) => (
          <li key={v.id}>
            {v.source}: {v.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
