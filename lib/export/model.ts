// The export's own model: events with every figure, incident and claim, sources referred to by name.
import { buildEventFigures, type Figure } from "../domain/figures";
import { isMetricKey, METRICS, type MetricKey } from "../domain/metrics";
import { isOneOf, QUALIFIERS, type Qualifier } from "../domain/options";

export const EXPORT_FORMAT = "deadair.comparison";
/** Version 2 added each record's stable id, the event's medium and key moments, a figure's scope, an incident's URL. */
export const EXPORT_VERSION = 2;
/** The versions an import reads: a version 1 file has no ids, so its records are matched by what they say. */
export const READABLE_VERSIONS = [1, 2] as const;

export interface ExportSource {
  name: string;
  kind: string;
  leaning: string | null;
  homeUrl: string | null;
}

/** A quote in its original language, that language's BCP 47 tag, an English rendering, and the day it was reported (YYYY-MM-DD). */
export interface ExportQuote {
  quote: string | null;
  quoteLang: string | null;
  quoteEnglish: string | null;
  reportedOn: string | null;
}

export interface ExportReport extends ExportQuote {
  /** The figure's stable identity: an import matches by it, so that two values of one metric from one source stay two. */
  id: string;
  metric: string;
  value: number;
  unit: string;
  qualifier: string;
  source: string;
  url: string | null;
  note: string;
  /** "global", or the country or region the figure holds for. */
  scope: string;
}

export interface ExportIncident extends ExportQuote {
  id: string;
  kind: string;
  startOffsetMinutes: number | null;
  durationMinutes: number | null;
  qualifier: string;
  description: string;
  source: string | null;
  url: string | null;
}

export interface ExportMoment {
  id: string;
  label: string;
  /** The instant, in ISO 8601 UTC. */
  at: string;
  source: string | null;
  url: string | null;
  note: string;
}

export interface ExportStance extends ExportQuote {
  source: string;
  stance: string;
  url: string | null;
}

export interface ExportClaim extends ExportQuote {
  id: string;
  statement: string;
  claimant: string;
  status: string;
  url: string | null;
  /** The description of the event's incident the claim is about, if any. */
  incident: string | null;
  stances: ExportStance[];
}

export interface ExportDerived {
  delayFromInstantsMinutes: number | null;
  attainment: Range | null;
  shortfall: Range | null;
  minutesLost: (Range & { missing: string[] }) | null;
  /** Minutes of buffering or degraded sound or picture, from the incidents' lengths. */
  degradedMinutes: Range | null;
}

interface Range {
  min: number;
  max: number;
  qualifier: string;
  sources: string[];
}

export interface ExportEvent {
  slug: string;
  title: string;
  platform: string;
  medium: string;
  hosts: string;
  guests: string;
  scheduledStart: string | null;
  scheduledPrecision: string;
  timeZone: string;
  actualStart: string | null;
  endedAt: string | null;
  status: string;
  notes: string;
  reports: ExportReport[];
  incidents: ExportIncident[];
  claims: ExportClaim[];
  moments: ExportMoment[];
  derived: ExportDerived;
}

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  generatedAt: string;
  permalink: string;
  events: ExportEvent[];
  sources: ExportSource[];
}

function range(f: Figure): Range | null {
  return f.status === "reported" ? { min: f.min, max: f.max, qualifier: f.qualifier, sources: f.sources } : null;
}

/** The figures derived from an event's own, computed the same way the pages compute them. */
export function deriveFigures(event: Pick<ExportEvent, "scheduledStart" | "actualStart" | "reports" | "incidents">): ExportDerived {
  const figures = buildEventFigures({
    scheduledStart: event.scheduledStart ? new Date(event.scheduledStart) : null,
    actualStart: event.actualStart ? new Date(event.actualStart) : null,
    reports: event.reports.flatMap((r, i) =>
      isMetricKey(r.metric)
        ? [
            {
              id: i,
              metric: r.metric,
              value: r.value,
              qualifier: (isOneOf(QUALIFIERS, r.qualifier) ? r.qualifier : "exact") as Qualifier,
              sourceName: r.source,
              scope: r.scope,
            },
          ]
        : [],
    ),
    incidents: event.incidents.map((i) => ({
      kind: i.kind,
      durationMinutes: i.durationMinutes,
      qualifier: (isOneOf(QUALIFIERS, i.qualifier) ? i.qualifier : "exact") as Qualifier,
      sourceName: i.source,
    })),
  });
  const lost = range(figures.minutesLost);
  return {
    delayFromInstantsMinutes: figures.delayFromInstants,
    attainment: range(figures.attainment),
    shortfall: range(figures.shortfall),
    minutesLost: lost && { ...lost, missing: figures.minutesLost.missing },
    degradedMinutes: range(figures.degradedMinutes),
  };
}

export function metricLabel(metric: string): string {
  return isMetricKey(metric) ? METRICS[metric as MetricKey].label : metric;
}
