// The closed lists of the domain, as const tuples with their types and the labels people read.

export const QUALIFIERS = ["exact", "approximate", "at_least", "at_most"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];
export const QUALIFIER_LABELS: Record<Qualifier, string> = {
  exact: "exact",
  approximate: "about",
  at_least: "at least",
  at_most: "at most",
};

/** A value with its qualifier in front: "about 20 min", "at least 1.3M"; an exact value stays as it is. */
export function qualify(text: string, qualifier: string): string {
  if (qualifier === "exact") return text;
  // A qualifier outside the list (an old record, a hand-edited import) is shown as it was written.
  return `${isOneOf(QUALIFIERS, qualifier) ? QUALIFIER_LABELS[qualifier] : qualifier} ${text}`;
}

export const MEDIA = ["audio", "video"] as const;
export type Medium = (typeof MEDIA)[number];
export const MEDIUM_LABELS: Record<Medium, string> = { audio: "Audio (listeners)", video: "Video (viewers)" };

export const EVENT_STATUSES = ["scheduled", "live", "ended", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const SCHEDULE_PRECISIONS = ["minute", "day", "year"] as const;
export type SchedulePrecision = (typeof SCHEDULE_PRECISIONS)[number];

export const INCIDENT_KINDS = [
  "late_start",
  "crash",
  "dead_air",
  "degraded_audio",
  "degraded_video",
  "buffering",
  "capacity",
  "stream_down",
  "audience_collapse",
  "other",
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
/** What people read for each kind: `form` in forms, lists and sentences, `chart` on chart marks and their key. */
export const INCIDENT_KIND_LABELS: Record<IncidentKind, { form: string; chart: string }> = {
  late_start: { form: "Late start", chart: "Late start" },
  crash: { form: "Crash", chart: "Crash" },
  dead_air: { form: "Dead air / silence", chart: "Dead air" },
  degraded_audio: { form: "Degraded audio", chart: "Degraded audio" },
  degraded_video: { form: "Degraded video", chart: "Degraded video" },
  buffering: { form: "Buffering", chart: "Buffering" },
  capacity: { form: "Capacity", chart: "Capacity problem" },
  stream_down: { form: "Stream down", chart: "Stream down" },
  audience_collapse: { form: "Audience collapse", chart: "Audience collapse" },
  other: { form: "Other", chart: "Other incident" },
};

/** What an incident the monitor opened says of itself, by the detector that found it. */
export const DETECTED_DESCRIPTIONS: Record<"dead_air" | "late_start" | "stream_down" | "audience_collapse", string> = {
  dead_air: "Detected by Dead Air: no sound on the stream (loudness below the dead-air threshold).",
  late_start: "Detected by Dead Air: no sustained sound at the scheduled start.",
  stream_down: "Detected by Dead Air: the stream was down or sent nothing.",
  audience_collapse: "Detected by Dead Air: the audience fell by half or more within minutes.",
};

/** Kinds during which the stream went on, worse: their minutes count as degraded, apart from silence. */
export const DEGRADED_KINDS = ["degraded_audio", "degraded_video", "buffering"] as const satisfies readonly IncidentKind[];

/** The label of a stored kind; a kind outside the list is shown as it was stored. */
export function incidentKindLabel(kind: string, use: "form" | "chart" = "form"): string {
  return isOneOf(INCIDENT_KINDS, kind) ? INCIDENT_KIND_LABELS[kind][use] : kind;
}

export const SOURCE_KINDS = ["newspaper", "magazine", "broadcaster", "platform", "company", "monitoring", "person", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  newspaper: "Newspaper",
  magazine: "Magazine or trade press",
  broadcaster: "Broadcaster",
  platform: "Platform",
  company: "Company statement",
  monitoring: "Monitoring service",
  person: "Person",
  other: "Other",
};

export const CLAIM_STATUSES = ["claimed", "disputed", "confirmed", "refuted"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const STANCES = ["disputes", "confirms", "refutes"] as const;
export type Stance = (typeof STANCES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
