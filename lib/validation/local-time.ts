// A date and time typed in an event's zone, or sent with its offset: read as one instant, or refused with a sentence
// that names the field and, in the hour the clocks go back, the two instants it could be, until a fold chooses one.
import { z } from "zod";
import { type Fold, FOLDS, formatLongDate, isoOffset, localToInstant, overlapSideLabel, describeOverlap, utcOffsetMinutes } from "../domain/time";
import { NUMBER_MAX_CHARS, sent } from "./fields";

/** A time's companion field, saying which of its two instants is meant when the clocks go back: "scheduledStartFold". */
export function foldFieldName<F extends string>(field: F): `${F}Fold` {
  return `${field}Fold`;
}

/** "earlier" or "later", or nothing; read only when the time it goes with happens twice. */
export function foldField(label: string) {
  const message = `${label}: which of the two instants is meant must be "earlier" or "later".`;
  return sent(z.enum(FOLDS, { error: message }).optional(), NUMBER_MAX_CHARS, message);
}

/** A time written with its offset (or Z) names one instant whatever the zone. */
export const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export type LocalTimeRead = { ok: true; instant: Date } | { ok: false; message: string };

/** The instant a time stands for (a wall clock in `zone`, or with its offset), or the sentence that says why it is none. */
export function readLocalTime(label: string, value: string, zone: string, fold?: Fold): LocalTimeRead {
  if (WITH_OFFSET.test(value)) {
    const instant = new Date(value);
    // Date rolls 30 February over to 1 March; the wall-clock check refuses such dates.
    if (Number.isNaN(instant.getTime()) || !localToInstant(value.slice(0, 16), "UTC").ok)
      return { ok: false, message: `${label} is not a real date and time.` };
    return { ok: true, instant };
  }
  const local = value.slice(0, 16);
  const result = localToInstant(local, zone, fold);
  if (result.ok) return result;
  const [date, time] = local.split("T");
  switch (result.reason) {
    case "zone":
      return { ok: false, message: `${label} cannot be read without a valid time zone.` };
    case "invalid":
      return { ok: false, message: `${label} is not a real date and time.` };
    case "nonexistent":
      return {
        ok: false,
        message: `${label}: ${time} on ${date} does not exist in ${zone}, because the clocks moved forward at that hour for daylight saving time. Enter a time before or after the change.`,
      };
    case "ambiguous":
      return { ok: false, message: happensTwiceMessage(label, local, zone) };
  }
}

/** "Time: 01:30 on 3 November 2024 happens twice in America/New_York (clocks go back): choose the first (EDT, UTC−4) or…". */
export function happensTwiceMessage(label: string, local: string, zone: string): string {
  const overlap = describeOverlap(local.slice(0, 16), zone);
  const [date, time] = local.slice(0, 16).split("T");
  const choice = overlap ? `: choose the first (${overlapSideLabel(overlap.earlier)}) or the second (${overlapSideLabel(overlap.later)})` : "";
  return `${label}: ${time} on ${formatLongDate(date)} happens twice in ${zone} (clocks go back)${choice}.`;
}

/**
 * The time as it should be passed on once checked: a wall clock that happens twice is written with the offset of
 * the instant its fold chose ("2024-11-03T01:30-05:00"), so that whoever reads it next reads that instant without
 * the fold. Any other time is passed on as it is.
 */
export function settleFold(value: string | null, zone: string, fold: Fold | undefined): string | null {
  if (value === null || fold === undefined || WITH_OFFSET.test(value)) return value;
  const local = value.slice(0, 16);
  if (describeOverlap(local, zone) === null) return value;
  const chosen = localToInstant(local, zone, fold);
  return chosen.ok ? `${local}${isoOffset(utcOffsetMinutes(chosen.instant, zone))}` : value;
}
