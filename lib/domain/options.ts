// The closed lists of the domain, as const tuples with their types and the labels people read.

export const QUALIFIERS = ["exact", "approximate", "at_least", "at_most"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];
export const QUALIFIER_LABELS: Record<Qualifier, string> = {
  exact: "exact",
  approximate: "about",
  at_least: "at least",
  at_most: "at most",
};

export const EVENT_STATUSES = ["scheduled", "live", "ended", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const SCHEDULE_PRECISIONS = ["minute", "day", "year"] as const;
export type SchedulePrecision = (typeof SCHEDULE_PRECISIONS)[number];

export const INCIDENT_KINDS = ["late_start", "crash", "dead_air", "degraded_audio", "capacity", "other"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  late_start: "Late start",
  crash: "Crash",
  dead_air: "Dead air / silence",
  degraded_audio: "Degraded audio",
  capacity: "Capacity",
  other: "Other",
};

export const SOURCE_KINDS = ["newspaper", "broadcaster", "platform", "person", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const CLAIM_STATUSES = ["claimed", "disputed", "confirmed", "refuted"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STANCES = ["disputes", "confirms", "refutes"] as const;
export type Stance = (typeof STANCES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
