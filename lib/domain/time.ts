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

/**
 * Zones the IANA database has renamed, by the old name Intl still gives them (Node's ICU lists CLDR's names, which
 * keep the first spelling of a zone: Asia/Calcutta for Asia/Kolkata, Europe/Kiev for Europe/Kyiv). Only renames:
 * a zone merged into another (Europe/Bratislava into Europe/Prague) is a place of its own and keeps its name.
 * Taken from the links of Node 24's list in the IANA `backward` file (2025b); a later rename adds a line here.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/**
 * The current IANA name of a zone Intl knows, whichever of its names was given ("Asia/Calcutta", "asia/kolkata" and
 * "Asia/Kolkata" are all "Asia/Kolkata"; "US/Eastern" is "America/New_York"); a name Intl does not know is returned
 * as it is. Events store this name.
 */
export function currentZoneName(zone: string): string {
  if (!isValidTimeZone(zone)) return zone;
  // Intl spells the name it was given in the database's case, or gives CLDR's canonical name for it.
  const resolved = formatterFor(zone).resolvedOptions().timeZone;
  return RENAMED_ZONES[resolved] ?? resolved;
}

/** Every IANA zone this runtime knows, by its current name, UTC first and the others in alphabetical order. */
export function listTimeZones(): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone").map((zone) => RENAMED_ZONES[zone] ?? zone));
  zones.delete("UTC");
  return ["UTC", ...[...zones].sort()];
}

/** The wall clock of an instant in a zone, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instantMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/** Which of the two instants a wall-clock time stands for in the hour the clocks go back: before or after the change. */
export const FOLDS = ["earlier", "later"] as const;
export type Fold = (typeof FOLDS)[number];

export function isFold(value: unknown): value is Fold {
  return value === "earlier" || value === "later";
}

export type LocalToInstantResult =
  | { ok: true; instant: Date }
  | { ok: false; reason: "invalid" | "nonexistent" | "zone" }
  | { ok: false; reason: "ambiguous"; earlier: Date; later: Date };

/**
 * The instant a wall-clock time `YYYY-MM-DDTHH:mm` stands for in `zone`. A time inside a daylight-saving gap does
 * not exist and is refused. A time in an overlap (clocks set back) happened twice, an hour apart: it is read as the
 * instant `fold` names, and without one it is not read at all but both instants are given back, for the caller to
 * ask which was meant (guessing would put a start an hour off without a word).
 */
export function localToInstant(local: string, zone: string, fold?: Fold): LocalToInstantResult {
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
  const [earlier, later] = [candidates[0], candidates[candidates.length - 1]];
  if (earlier === later) return { ok: true, instant: new Date(earlier) };
  if (fold) return { ok: true, instant: new Date(fold === "earlier" ? earlier : later) };
  return { ok: false, reason: "ambiguous", earlier: new Date(earlier), later: new Date(later) };
}

/** Minutes a zone's clocks are ahead of UTC at an instant (negative behind it). */
export function utcOffsetMinutes(instant: Date, zone: string): number {
  const ms = Math.floor(instant.getTime() / 60_000) * 60_000;
  return (wallClockMs(ms, zone) - ms) / 60_000;
}

/** The offset as people write it: "UTC−4" (with a minus sign), "UTC+5:30", "UTC+0". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? "\u2212" : "+";
  const abs = Math.abs(minutes);
  const m = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
}

/** The offset as ISO 8601 writes it after a time: "-04:00", "+05:30". */
export function isoOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

// Each English locale names the zones of its own region ("EDT" in en-US, "CEST" and "BST" in en-GB, "AEDT" in
// en-AU) and writes the others as "GMT+2": the first real name among them is the one people know.
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-AU", "en-NZ", "en-IN", "en-CA"];
const abbreviationFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's abbreviation at an instant ("EDT", "CET", "BST"), or null where it has none in common use. */
export function zoneAbbreviation(instant: Date, zone: string): string | null {
  for (const locale of ABBREVIATION_LOCALES) {
    const key = `${locale}|${zone}`;
    let format = abbreviationFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
      abbreviationFormats.set(key, format);
    }
    const name = format.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "";
    // "GMT" is a name only where the offset is nought (London in winter); elsewhere it is the start of "GMT+2".
    if (/^[A-Z]{2,5}$/.test(name) && ((name !== "GMT" && name !== "UTC") || utcOffsetMinutes(instant, zone) === 0)) return name;
  }
  return null;
}

/** One of the two instants of a time that happens twice: the instant, its offset, and the zone's name for it then. */
export interface OverlapSide {
  instant: Date;
  offset: string;
  abbreviation: string | null;
}

/** The two instants a wall-clock time stands for in `zone` when the clocks go back at that hour, else null. */
export function describeOverlap(local: string, zone: string): { earlier: OverlapSide; later: OverlapSide } | null {
  const result = localToInstant(local, zone);
  if (result.ok || result.reason !== "ambiguous") return null;
  const side = (instant: Date): OverlapSide => ({
    instant,
    offset: formatUtcOffset(utcOffsetMinutes(instant, zone)),
    abbreviation: zoneAbbreviation(instant, zone),
  });
  return { earlier: side(result.earlier), later: side(result.later) };
}

/** "(EDT, UTC−4)", or "(UTC−3)" where the zone has no abbreviation. */
export function overlapSideLabel(side: OverlapSide): string {
  return side.abbreviation ? `${side.abbreviation}, ${side.offset}` : side.offset;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A date of `YYYY-MM-DD…` as a sentence writes it: "3 November 2024". */
export function formatLongDate(local: string): string {
  const [y, m, d] = local.slice(0, 10).split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
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
