// Wall-clock times in IANA zones and the instants they stand for, with daylight-saving gaps and overlaps handled.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** No IANA zone name is longer; a longer one is not handed to Intl, which reads all of it before it refuses. */
const ZONE_NAME_MAX = 64;

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > ZONE_NAME_MAX) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone this runtime knows, UTC first. */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

/** The wall clock of an instant in a zone, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instantMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

export type LocalToInstantResult = { ok: true; instant: Date } | { ok: false; reason: "invalid" | "nonexistent" | "zone" };

/**
 * The instant a wall-clock time `YYYY-MM-DDTHH:mm` stands for in `zone`. A time inside a daylight-saving gap does
 * not exist and is refused; a time in an overlap (clocks set back) is read as the first of its two instants, the
 * way people announce "1:30" on the night the clocks go back.
 */
export function localToInstant(local: string, zone: string): LocalToInstantResult {
  if (!isValidTimeZone(zone)) return { ok: false, reason: "zone" };
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return { ok: false, reason: "invalid" };
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    return { ok: false, reason: "invalid" };
  }
  // A zone changes its offset at most once within a day, so the offsets a day before and after cover both sides.
  const offsets = [wall - DAY_MS, wall + DAY_MS].map((t) => wallClockMs(t, zone) - t);
  const candidates = [...new Set(offsets.map((o) => wall - o))].filter((t) => wallClockMs(t, zone) === wall).sort((a, b) => a - b);
  if (candidates.length === 0) return { ok: false, reason: "nonexistent" };
  return { ok: true, instant: new Date(candidates[0]) };
}

/** The wall clock of an instant in a zone as `YYYY-MM-DDTHH:mm`, the value a datetime-local input takes. */
export function instantToLocal(instant: Date, zone: string): string {
  return new Date(wallClockMs(instant.getTime(), zone)).toISOString().slice(0, 16);
}

/** Minutes from the scheduled to the actual start; negative when an event started early; null when either is unknown. */
export function computeDelayMinutes(scheduled: Date | null | undefined, actual: Date | null | undefined): number | null {
  if (!scheduled || !actual) return null;
  return (actual.getTime() - scheduled.getTime()) / 60_000;
}
