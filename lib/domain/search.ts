// Searching events: a query split into words, each folded (case, accents) and escaped for SQLite's LIKE.

/** A search longer than any title a person types for; the API refuses a longer one, the pages read only this much. */
export const MAX_SEARCH_CHARS = 200;
/** Each word costs one pass over every event: more than this many are refused by the API, dropped by the pages. */
export const MAX_SEARCH_WORDS = 8;

export interface SearchWord {
  /** The word as typed (for messages). */
  text: string;
  /** A LIKE pattern, `%word%`, of the folded word with `\`, `%` and `_` escaped (ESCAPE '\'). */
  like: string;
  /** A 4-digit word is also a year: it matches events that started (or were to start) in it. */
  year: string | null;
}

export interface SearchTerms {
  /** The query as read: trimmed, at most MAX_SEARCH_CHARS, words separated by one space. */
  text: string;
  words: SearchWord[];
  /** Part of the query was left out: more than MAX_SEARCH_CHARS characters or MAX_SEARCH_WORDS words. */
  clipped: boolean;
}

const MARKS = /\p{M}/gu;
// Letters that carry their mark in the letter itself, so that NFD leaves them whole.
const BASE_LETTERS: Record<string, string> = { ø: "o", ł: "l", đ: "d", ð: "d", ı: "i", ħ: "h", ŧ: "t" };
const STROKED = new RegExp(`[${Object.keys(BASE_LETTERS).join("")}]`, "g");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as search compares it: lower case, without accents ("Zoë Müller" → "zoe muller"), compatibility forms
 * unfolded (ﬁ → fi, full-width letters → ASCII). Events and queries are folded the same way.
 */
export function foldForSearch(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(STROKED, (c) => BASE_LETTERS[c]);
}

/** `%`, `_` and the escape character itself match only themselves (the query runs with ESCAPE '\'). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Whitespace and control characters separate words; a control character is never part of one. */
const SEPARATORS = /[\s\p{Cc}]+/u;

/** The words of a query as read (its first MAX_SEARCH_CHARS characters); the picker compares queries by them. */
export function searchWords(query: string): string[] {
  return query.slice(0, MAX_SEARCH_CHARS).split(SEPARATORS).filter(Boolean);
}

/** The words of a query, at most MAX_SEARCH_WORDS (repeats counted once), each as the SQL matches it. */
export function parseSearch(query: string | null | undefined): SearchTerms {
  const raw = typeof query === "string" ? query : "";
  const all = searchWords(raw);
  const seen = new Set<string>();
  const words: SearchWord[] = [];
  for (const text of all) {
    const folded = foldForSearch(text);
    if (seen.has(folded)) continue;
    seen.add(folded);
    if (words.length === MAX_SEARCH_WORDS) break;
    words.push({ text, like: `%${escapeLike(folded)}%`, year: /^\d{4}$/.test(folded) ? folded : null });
  }
  const dropped = words.length < seen.size;
  return { text: all.join(" "), words, clipped: raw.length > MAX_SEARCH_CHARS || dropped };
}

/** "12 events match “tyson”", "1 event matches “tyson”", "No event matches “tyson”". */
export function describeMatches(total: number, query: string): string {
  const quoted = `“${query}”`;
  if (total === 0) return `No event matches ${quoted}`;
  return total === 1 ? `1 event matches ${quoted}` : `${total.toLocaleString("en-US")} events match ${quoted}`;
}

/** An event as the compare picker offers it. */
export interface PickerOption {
  slug: string;
  title: string;
  /** The year (UTC) it started or was to start, as search reads it; null when neither is known. */
  year: number | null;
}

/** A page of the picker's matches, as the picker shows it. */
export interface PickerPage {
  query: string;
  items: PickerOption[];
  total: number;
  page: number;
  pageCount: number;
}

/** How many matches the picker shows at first, and adds at each "Show more". */
export const PICKER_PAGE_SIZE = 20;

export function toPickerOption(event: { slug: string; title: string; scheduledStart: Date | null; actualStart?: Date | null }): PickerOption {
  const start = event.scheduledStart ?? event.actualStart ?? null;
  return { slug: event.slug, title: event.title, year: start?.getUTCFullYear() ?? null };
}
