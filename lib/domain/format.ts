// How figures read: numbers, durations, percentages and ranges, formatted with Intl in English.
import type { Figure } from "./figures";
import { isCountUnit, type Unit, UNIT_LABELS } from "./metrics";
import { qualify } from "./options";

const LOCALE = "en-US";
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 2 });
const minutes = new Intl.NumberFormat(LOCALE, { style: "unit", unit: "minute", unitDisplay: "short", maximumFractionDigits: 1 });
const hours = new Intl.NumberFormat(LOCALE, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 0 });

export const NOT_REPORTED = "not reported";

export function formatNumber(n: number): string {
  return whole.format(n);
}

/** 8,000,000 as "8M", 1,100,000 as "1.1M": for charts and tight spaces. */
export function formatCompact(n: number): string {
  return compact.format(n);
}

export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** 42 as "42 min", 120 as "2 hr", 150 as "2 hr 30 min". */
export function formatMinutes(total: number): string {
  const sign = total < 0 ? "−" : "";
  const abs = Math.abs(total);
  if (abs < 120 || abs % 30 !== 0) return sign + minutes.format(abs);
  const h = Math.floor(abs / 60);
  const m = abs - h * 60;
  return sign + (m === 0 ? hours.format(h) : `${hours.format(h)} ${minutes.format(m)}`);
}

export function formatValue(value: number, unit: Unit | "fraction", style: "full" | "compact" = "full"): string {
  if (unit === "minutes") return formatMinutes(value);
  if (unit === "fraction") return formatPercent(value);
  // A share of sessions is typed as a percentage (12.5), not a fraction.
  if (unit === "percent") return formatPercent(value / 100);
  return style === "compact" ? formatCompact(value) : formatNumber(value);
}

/** A count with what it counts: "65,000,000 streams", "1.1M listeners"; other units as formatValue. */
export function formatWithUnit(value: number, unit: Unit | "fraction", style: "full" | "compact" = "full"): string {
  const text = formatValue(value, unit, style);
  return isCountUnit(unit) ? `${text} ${UNIT_LABELS[unit as Unit]}` : text;
}

/** A unit as stored; an unknown one (a hand-edited record) reads as minutes, as the oldest records were. */
const storedUnit = (unit: string): Unit => (Object.hasOwn(UNIT_LABELS, unit) ? (unit as Unit) : "minutes");

/** "40–42 min", "1M–1.2M", "12.5%–15%": the unit once where Intl can, else both ends in full. */
export function formatRange(min: number, max: number, unit: Unit | "fraction", style: "full" | "compact" = "full"): string {
  // formatRange is some twenty times slower than format, and the same ranges recur on every page.
  const key = `${unit}|${style}|${min}|${max}`;
  let text = ranges.get(key);
  if (text === undefined) {
    if (ranges.size > 10_000) ranges.clear();
    text = computeRange(min, max, unit, style);
    ranges.set(key, text);
  }
  return text;
}

const ranges = new Map<string, string>();

function computeRange(min: number, max: number, unit: Unit | "fraction", style: "full" | "compact"): string {
  if (unit === "fraction") return percent.formatRange(min, max);
  if (unit === "percent") return percent.formatRange(min / 100, max / 100);
  if (isCountUnit(unit)) return (style === "compact" ? compact : whole).formatRange(min, max);
  if (Math.abs(min) < 120 && Math.abs(max) < 120 && min >= 0) return minutes.formatRange(min, max);
  return `${formatMinutes(min)} to ${formatMinutes(max)}`;
}

/** A figure as a phrase: "about 20 min", "40–42 min", "at least 42 min", or "not reported" (never zero). */
export function formatFigure(figure: Figure, unit: Unit | "fraction", style: "full" | "compact" = "full"): string {
  if (figure.status === "not_reported") return NOT_REPORTED;
  const body = figure.min === figure.max ? formatValue(figure.min, unit, style) : formatRange(figure.min, figure.max, unit, style);
  const text = qualify(body, figure.qualifier);
  // A sum with a part nobody reported is a lower bound, whatever its own qualifier: "at least about 20 min".
  return figure.missing.length > 0 ? qualify(text, "at_least") : text;
}

/** A stored value as people read it, in its unit and with its qualifier: "about 40 min", "at least 1,300,000". */
export function formatReportedValue(value: number, unit: string, qualifier: string): string {
  return qualify(formatValue(value, storedUnit(unit)), qualifier);
}

/** "Financial Times", "Financial Times and CNN", "A, B and C". */
const list = new Intl.ListFormat(LOCALE, { style: "long", type: "conjunction" });

export function formatSources(names: string[]): string {
  return list.format(names);
}

const PRECISION_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  year: { year: "numeric" },
  day: { dateStyle: "long" },
  minute: { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
};
// Building a DateTimeFormat costs far more than using one; pages format many dates in few zones.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** When an event was scheduled, to the precision that is known, in the zone it was announced in. */
export function formatScheduled(instant: Date | null, precision: string, zone: string): string {
  if (!instant) return "date not reported";
  const key = `${precision in PRECISION_FORMATS ? precision : "minute"}|${zone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { ...PRECISION_FORMATS[key.split("|")[0]], timeZone: zone });
    dateFormats.set(key, format);
  }
  return format.format(instant);
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant to the minute in a zone: "Aug 13, 2024, 12:42 AM". */
export function formatInstant(instant: Date, zone: string): string {
  let format = instantFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
    instantFormats.set(zone, format);
  }
  return format.format(instant);
}

/** "hosted by A with B", "hosted by A", "with B", or empty. */
export function formatPeople(hosts: string | null, guests: string | null): string {
  return [hosts && `hosted by ${hosts}`, guests && `with ${guests}`].filter(Boolean).join(" ");
}
