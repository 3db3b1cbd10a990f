// Where sources disagree on a figure: the range they span on a scale that says where it starts, each report a mark
// and, in the list below it, its value with its own qualifier and its source.
import { rangeScale, type ReportedFigure } from "@/lib/domain/figures";
import { formatWithUnit } from "@/lib/domain/format";
import { METRICS, type MetricKey, unitOf } from "@/lib/domain/metrics";
import { qualify } from "@/lib/domain/options";

/** The reports a range names one by one; past this, an even sample from the lowest to the highest. */
const MAX_LISTED = 12;

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
  // A metric with hundreds of reports (a monitor's) names an even sample from the lowest to the highest, not every one.
  const step = Math.ceil(values.length / MAX_LISTED);
  const listed = step <= 1 ? values : [...values].sort((a, b) => a.value - b.value).filter((_, i, all) => i % step === 0 || i === all.length - 1);
  const more = values.length - listed.length;
  return (
    <figure className="range" aria-labelledby={`range-${metric}`}>
      <figcaption id={`range-${metric}`}>
        <strong>{label}</strong>: {figure.reports.length.toLocaleString("en-US")} reports, {listed.map((v) => v.text).join(", ")}
        {more > 0 && ` and ${more.toLocaleString("en-US")} more between them`}
      </figcaption>
      <div className="range-track" aria-hidden="true">
        <span className="range-band" style={{ left: `${at(figure.min)}%`, width: `${at(figure.max) - at(figure.min)}%` }} />
        {listed.map((v) => (
          <span key={v.id} className="range-mark" style={{ left: `${at(v.value)}%` }} title={`${v.source}: ${v.text}`} />
        ))}
      </div>
      <p className="range-scale hint">
        {scale.fromZero
          ? `Scale from 0 to ${formatWithUnit(scale.to, unit)}.`
          : `Close-up: the scale starts at ${formatWithUnit(scale.from, unit)}, not at zero, so that values this close can be told apart.`}
      </p>
      <ul className="range-values">
        {listed.map((v) => (
          <li key={v.id}>
            {v.source}: {v.text}
          </li>
        ))}
      </ul>
    </figure>
  );
}
