// The event input, shared by the event form, the JSON API and import; times are typed in the event's own zone.
import { z } from "zod";
import { EVENT_STATUSES, MEDIA, MEDIUM_LABELS, SCHEDULE_PRECISIONS } from "../domain/options";
import { currentZoneName, type Fold, isValidTimeZone } from "../domain/time";
import {
  choiceField,
  type FieldErrors,
  inYearRange,
  ONE_PASS,
  optionalDateTime,
  plainName,
  plainText,
  readable,
  requiredName,
  sent,
  sentMax,
  versionField,
  YEAR_MAX,
  YEAR_MIN,
} from "./fields";
import { foldField, foldFieldName, readLocalTime, settleFold } from "./local-time";

// Each hyphen must be followed by a letter or digit, so the two quantifiers never take the same characters: a slug is
// matched in linear time, and it holds no space, no control character and nothing else.
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 100;

/** The slug an event is found by (trimmed), or undefined to make one from the title. */
export const slugField = sent(
  z
    .string({ error: "Slug must be text." })
    .trim()
    .max(SLUG_MAX, { error: `Slug must be at most ${SLUG_MAX} characters.` })
    .pipe(
      z.string().regex(SLUG_PATTERN, {
        error: "Slug may hold only lower-case letters, digits and single hyphens between them (e.g. musk-trump-x-spaces-2024).",
      }),
    )
    .optional(),
  sentMax(SLUG_MAX),
  `Slug must be at most ${SLUG_MAX} characters.`,
);

/** The longest IANA zone name is 32 characters ("America/Argentina/ComodRivadavia"). */
const TIME_ZONE_MAX = 64;
const ZONE_MESSAGE = "Time zone must be an IANA zone from the list, such as America/New_York.";

export const EVENT_TIME_FIELDS = ["scheduledStart", "actualStart", "endedAt"] as const;
export type EventTimeField = (typeof EVENT_TIME_FIELDS)[number];
/** The times as typed, each with the fold that says which instant is meant when it happens twice. */
type EventTimes = Record<EventTimeField, string | null> & { [F in EventTimeField as `${F}Fold`]?: Fold };

const fields = {
  title: requiredName("Title", 200),
  slug: slugField,
  platform: requiredName("Platform", 100),
  medium: choiceField("Medium", MEDIA, "audio", MEDIUM_LABELS),
  hosts: plainName("Hosts", 500),
  guests: plainName("Guests", 500),
  // Any name of the zone is taken (Asia/Calcutta, Asia/Kolkata, US/Eastern); its current IANA name is what is kept.
  timeZone: sent(
    z
      .string({ error: "Time zone is required." })
      .trim()
      .max(TIME_ZONE_MAX, { error: ZONE_MESSAGE })
      .pipe(z.string().refine(isValidTimeZone, { error: ZONE_MESSAGE }).transform(currentZoneName)),
    sentMax(TIME_ZONE_MAX),
    ZONE_MESSAGE,
  ),
  scheduledStart: optionalDateTime("Scheduled start"),
  scheduledStartFold: foldField("Scheduled start"),
  scheduledPrecision: choiceField("Precision of the scheduled start", SCHEDULE_PRECISIONS, "minute"),
  actualStart: optionalDateTime("Actual start"),
  actualStartFold: foldField("Actual start"),
  endedAt: optionalDateTime("End"),
  endedAtFold: foldField("End"),
  status: choiceField("Status", EVENT_STATUSES, "ended"),
  notes: plainText("Notes", 5000),
};

/**
 * The times must be readable in the zone, once each (a time the clocks show twice needs its fold), and the end after
 * the start: reported with the other fields' messages (ONE_PASS). A time that did not parse is left to its own
 * message, and without a zone none can be read.
 */
function checkTimes(v: { timeZone: string } & EventTimes, ctx: z.RefinementCtx) {
  if (!readable(ctx, "timeZone")) return;
  const unread = EVENT_TIME_FIELDS.filter((field) => !readable(ctx, field, foldFieldName(field)));
  const values: EventTimes = { scheduledStart: null, actualStart: null, endedAt: null };
  for (const field of EVENT_TIME_FIELDS) {
    if (unread.includes(field)) continue;
    values[field] = v[field];
    values[foldFieldName(field)] = v[foldFieldName(field)];
  }
  const resolved = resolveEventTimes(values, v.timeZone, { compare: unread.length === 0 });
  if (resolved.ok) return;
  for (const [field, messages] of Object.entries(resolved.errors)) {
    for (const message of messages) ctx.addIssue({ code: "custom", path: [field], message });
  }
}

/**
 * Once every check passed: each time a fold settled is passed on with its offset, and the folds go, so that what
 * reads the input next (the writes, the import's comparison with the record) reads that one instant.
 */
function settleFolds<T extends { timeZone: string } & EventTimes>(v: T): T {
  const settled = { ...v };
  for (const field of EVENT_TIME_FIELDS) {
    settled[field] = settleFold(v[field], v.timeZone, v[foldFieldName(field)]);
    delete settled[foldFieldName(field)];
  }
  return settled;
}

/** A new event: everything the form asks for. */
export const EventInput = z.strictObject(fields).superRefine(checkTimes, ONE_PASS).overwrite(settleFolds);
export type EventInput = z.infer<typeof EventInput>;

/** An update: every field and the version it was read at. A PATCH merges its fields over the record first. */
export const EventUpdate = z
  .strictObject({ ...fields, version: versionField })
  .superRefine(checkTimes, ONE_PASS)
  .overwrite(settleFolds);
export type EventUpdate = z.infer<typeof EventUpdate>;

const LABELS: Record<EventTimeField, string> = { scheduledStart: "Scheduled start", actualStart: "Actual start", endedAt: "End" };

/**
 * The three times as instants, or the messages that say why one cannot be read; `compare: false` leaves out the
 * end's order. A time the clocks show twice is read by its fold (`scheduledStartFold`: earlier or later), or refused.
 */
export function resolveEventTimes(
  values: EventTimes,
  zone: string,
  { compare = true }: { compare?: boolean } = {},
): { ok: true; times: Record<EventTimeField, Date | null> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const times = {} as Record<EventTimeField, Date | null>;
  for (const field of EVENT_TIME_FIELDS) {
    const value = values[field];
    if (value === null) {
      times[field] = null;
      continue;
    }
    const read = readLocalTime(LABELS[field], value, zone, values[foldFieldName(field)]);
    if (read.ok) times[field] = read.instant;
    else errors[field] = [read.message];
  }
  for (const field of EVENT_TIME_FIELDS) {
    const time = times[field];
    if (time && !inYearRange(time)) {
      errors[field] = [`${LABELS[field]} must be in the years ${YEAR_MIN} to ${YEAR_MAX}.`];
      times[field] = null;
    }
  }
  const start = times.actualStart ?? times.scheduledStart;
  if (compare && !errors.endedAt && times.endedAt && start && times.endedAt.getTime() <= start.getTime()) {
    errors.endedAt = [`End must be after the ${times.actualStart ? "actual" : "scheduled"} start.`];
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, times };
}

/** A URL-safe slug from a title: "Musk × Trump on X Spaces!" → "musk-trump-on-x-spaces". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    // After the line above no two hyphens are adjacent, so one at each end is all there is to take off.
    .replace(/^-|-$/g, "")
    .slice(0, SLUG_MAX - 4)
    .replace(/-$/, "");
  return slug || "event";
}
