// An event's headline figures, reported and derived, each with the sources it rests on, in its audience's words.
import { FigureRow } from "@/components/figure-row";
import type { EventFigures } from "@/lib/domain/figures";
import { audienceUnit, METRICS } from "@/lib/domain/metrics";

export function EventGlance({ figures, medium }: { figures: EventFigures; medium: string }) {
  const { metrics } = figures;
  const unit = audienceUnit(medium);
  // The video and outage figures show once somebody reported them; the audio ones always (with "not reported").
  const optional = (["peak_streams", "problem_reports", "sessions_affected", "rebuffering"] as const).filter((m) => metrics[m].status === "reported");
  return (
    <section aria-labelledby="glance">
      <h2 id="glance">At a glance</h2>
      <dl className="figures figures-wide">
        <FigureRow label={METRICS.start_delay.label} figure={figures.delay} unit="minutes" />
        <FigureRow label={METRICS.silence_before_failure.label} figure={metrics.silence_before_failure} unit="minutes" />
        <FigureRow label={METRICS.expected_audience.label} figure={metrics.expected_audience} unit={unit} />
        <FigureRow label={METRICS.average_audience.label} figure={metrics.average_audience} unit={unit} />
        <FigureRow label={METRICS.peak_audience.label} figure={metrics.peak_audience} unit={unit} />
        {optional.map((m) => (
          <FigureRow
            key={m}
            label={METRICS[m].label}
            figure={metrics[m]}
            unit={m === "peak_streams" ? "streams" : m === "problem_reports" ? "reports" : "percent"}
          />
        ))}
        <FigureRow label="Audience attainment" figure={figures.attainment} unit="fraction" />
        <FigureRow label="Minutes lost to silence" figure={figures.minutesLost} unit="minutes" />
        <FigureRow label="Minutes degraded" figure={figures.degradedMinutes} unit="minutes" />
        <FigureRow label={METRICS.duration.label} figure={metrics.duration} unit="minutes" />
      </dl>
    </section>
  );
}
