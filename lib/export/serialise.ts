// The comparison as CSV rows and as the versioned JSON document, both written a piece at a time.
import { csvCell, csvRow } from "./csv";
import { audienceUnit } from "../domain/metrics";
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportEvent, type ExportSource, metricLabel } from "./model";

/** One row per reported figure, then the derived figures of each event as rows marked derived. */
export const CSV_COLUMNS = [
  "event_slug",
  "event_title",
  "metric",
  "metric_label",
  "value",
  "value_max",
  "unit",
  "qualifier",
  "source",
  "source_url",
  "quote",
  "reported_on",
  "derived",
  "report_url",
  "quote_lang",
  "quote_english",
  "note",
  "event_platform",
  "event_time_zone",
  "event_scheduled_start",
  "event_scheduled_precision",
  "event_actual_start",
  "event_ended_at",
  "event_status",
  "event_medium",
  "figure_id",
  "scope",
] as const;

type Cell = string | number | null;

/** The CSV lines of one event: its figures, then its derived figures. The event's own cells are written once. */
export function csvLinesOf(event: ExportEvent, sourceUrls: Map<string, string | null>): string[] {
  const head = `${csvCell(event.slug)},${csvCell(event.title)}`;
  const tail = [
    event.platform,
    event.timeZone,
    event.scheduledStart,
    event.scheduledPrecision,
    event.actualStart,
    event.endedAt,
    event.status,
    event.medium,
  ]
    .map(csvCell)
    .join(",");
  // The figure's id and scope come after the event's columns: files made before them keep their column order.
  const line = (cells: Cell[], id: string | null = null, scope: string | null = null) =>
    `${head},${cells.map(csvCell).join(",")},${tail},${csvCell(id)},${csvCell(scope)}\r\n`;
  const lines = event.reports.map((r) =>
    line(
      [
        r.metric,
        metricLabel(r.metric),
        r.value,
        null,
        r.unit,
        r.qualifier,
        r.source,
        sourceUrls.get(r.source) ?? null,
        r.quote,
        r.reportedOn,
        "no",
        r.url,
        r.quoteLang,
        r.quoteEnglish,
        r.note,
      ],
      r.id,
      r.scope,
    ),
  );
  const derived = (
    metric: string,
    label: string,
    unit: string,
    range: { min: number; max: number; qualifier: string; sources: string[] } | null,
    note = "",
  ) => {
    if (!range) return;
    lines.push(
      line([
        metric,
        label,
        range.min,
        range.max === range.min ? null : range.max,
        unit,
        range.qualifier,
        `derived from ${range.sources.join(", ")}`,
        null,
        null,
        null,
        "yes",
        null,
        null,
        null,
        note,
      ]),
    );
  };
  const d = event.derived;
  if (d.delayFromInstantsMinutes !== null) {
    derived("delay_from_instants", "Delay from the scheduled and actual start", "minutes", {
      min: d.delayFromInstantsMinutes,
      max: d.delayFromInstantsMinutes,
      qualifier: "exact",
      sources: ["the event's times"],
    });
  }
  derived("attainment", "Audience attainment", "fraction", d.attainment);
  derived("shortfall", "Audience shortfall", audienceUnit(event.medium), d.shortfall);
  derived(
    "minutes_lost",
    "Minutes lost",
    "minutes",
    d.minutesLost,
    d.minutesLost?.missing.length ? `lower bound: ${d.minutesLost.missing.map(metricLabel).join(", ").toLowerCase()} not reported` : "",
  );
  derived("degraded_minutes", "Minutes degraded (buffering, degraded sound or picture)", "minutes", d.degradedMinutes);
  return lines;
}

export async function* csvChunks(events: AsyncIterable<ExportEvent> | Iterable<ExportEvent>, sources: ExportSource[]): AsyncGenerator<string> {
  const urls = new Map(sources.map((s) => [s.name, s.homeUrl]));
  // Pieces of about 64 kB: one per event would cost more in stream overhead than in writing.
  let buffer = csvRow(CSV_COLUMNS);
  for await (const event of events) {
    for (const line of csvLinesOf(event, urls)) buffer += line;
    if (buffer.length > 65_536) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

export interface DocumentMeta {
  generatedAt: string;
  permalink: string;
}

/** The JSON document, an event at a time: the same bytes as JSON.stringify of the whole, two-space indented. */
export async function* jsonChunks(
  meta: DocumentMeta,
  events: AsyncIterable<ExportEvent> | Iterable<ExportEvent>,
  sources: ExportSource[],
): AsyncGenerator<string> {
  const indent = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, "\n    ");
  yield `{\n  "format": ${JSON.stringify(EXPORT_FORMAT)},\n  "version": ${EXPORT_VERSION},\n  "generatedAt": ${JSON.stringify(meta.generatedAt)},\n  "permalink": ${JSON.stringify(meta.permalink)},\n  "events": [`;
  let first = true;
  for await (const event of events) {
    yield `${first ? "" : ","}\n    ${indent(event)}`;
    first = false;
  }
  yield `${first ? "" : "\n  "}],\n  "sources": ${JSON.stringify(sources, null, 2).replace(/\n/g, "\n  ")}\n}\n`;
}
