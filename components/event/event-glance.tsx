// An event's headline figures, reported and derived, each with the sources it rests on.
import { FigureRow } from "@/components/figure-row";
import type { EventFigures } from "@/lib/domain/figures";
import { METRICS } from "@/lib/domain/metrics";

export function EventGlance({ figures }: { figures: EventFigures }) {
  const { metrics } = figures;
  return (
    <section aria-labelledby="glance">
      <h2 id="glance">At a glance</h2>
      <dl className="figures figures-wide">
        <FigureRow label={METRICS.start_delay.label} figure={figures.delay} unit="minutes" />
        <FigureRow label={METRICS.silence_before_failure.label} figure={metrics.silence_before_failure} unit="minutes" />
        <FigureRow label={METRICS.expected_audience.label} figure={metrics.expected_audience} unit="listeners" />
        <FigureRow label={METRICS.average_audience.label} figure={metrics.average_audience} unit="listeners" />
        <FigureRow label={METRICS.peak_audience.label} figure={metrics.peak_audience} unit="listeners" />
        <FigureRow label="Audience attainment" figure={figures.attainment} unit="fraction" />
        <FigureRow label="Minutes lost" figure={figures.minutesLost} unit="minutes" />
        <FigureRow label={METRICS.duration.label} figure={metrics.duration} unit="minutes" />
      </dl>
    </section>
  );
}
