// Search of every event in the database: by title, address (slug), platform, hosts, guests and year.
import "server-only";
import type Database from "better-sqlite3";
import { getDb, onPostgres } from "../db";
import { foldForSearch, parseSearch, PICKER_PAGE_SIZE, type PickerPage, type SearchTerms, type SearchWord, toPickerOption } from "../domain/search";
import { databaseUrl, openDatabase } from "../sqlite";
import { EVENT_SUMMARY, type EventSummary, getEventPage, type Page } from "./events";
import type { CursorPage } from "./reads";
import { clientSql } from "./sql";

const connections = globalThis as unknown as { deadAirSearchReader?: { url: string; db: Database.Database } };

/**
 * A read-only connection of its own, because it carries the fold function: Prisma's reader cannot be given one.
 * Folding runs in JavaScript, row by row, so the query asks for it only where the row holds a character beyond ASCII
 * (most titles do not): elsewhere LIKE, case-insensitive for ASCII, gives the same answer without leaving SQLite.
 */
function searchReader(): Database.Database {
  const url = databaseUrl();
  if (connections.deadAirSearchReader?.url !== url) {
    connections.deadAirSearchReader?.db.close();
    const db = openDatabase(url, { readonly: true });
    db.function("deadair_fold", { deterministic: true }, (text: unknown) => (typeof text === "string" ? foldForSearch(text) : null));
    connections.deadAirSearchReader = { url, db };
  }
  return connections.deadAirSearchReader.db;
}

// The searched text of an event; a space between fields, since no word of a query holds one.
const HAYSTACK = `("slug" || ' ' || "title" || ' ' || "platform" || ' ' || "hosts" || ' ' || "guests")`;
const WORD = `(${HAYSTACK} LIKE ? ESCAPE '\\' OR (octet_length(${HAYSTACK}) > length(${HAYSTACK}) AND deadair_fold(${HAYSTACK}) LIKE ? ESCAPE '\\'))`;
// Instants are stored as ISO 8601 text in UTC ("2024-08-13T00:00:00.000+00:00"): the year is their first four characters.
const YEAR = `substr(coalesce("scheduledStart", "actualStart"), 1, 4) = ?`;

type Order = "newest" | "id";
const ORDER_BY: Record<Order, string> = {
  // As /events lists them (getEventPage): newest scheduled first, events with no date last (in a descending order
  // SQLite puts NULL last by itself, PostgreSQL first: hence NULLS LAST).
  newest: `"scheduledStart" DESC NULLS LAST, "id" DESC`,
  id: `"id" ASC`,
};

/** The ids of every event matching all the words, in `order`. */
function matchingIds(terms: SearchTerms, order: Order): Promise<number[]> {
  return onPostgres() ? matchingIdsPostgres(terms, order) : Promise.resolve(matchingIdsSqlite(terms, order));
}

function matchingIdsSqlite(terms: SearchTerms, order: Order): number[] {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const word of terms.words) {
    clauses.push(word.year ? `(${WORD} OR ${YEAR})` : WORD);
    args.push(word.like, word.like, ...(word.year ? [word.year] : []));
  }
  const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  const statement = searchReader().prepare(`SELECT "id" FROM "Event" ${where} ORDER BY ${ORDER_BY[order]}`).pluck();
  return (statement.all(...args) as (number | bigint)[]).map(Number);
}

// PostgreSQL is given no JavaScript function: ILIKE (case-insensitive for ASCII, as SQLite's LIKE is) decides in the
// database for rows all in ASCII, and rows holding a character beyond it come back with their text, to be matched
// here the way SQLite matches them (LIKE, or the folded text). The year is that of the instant in UTC.
const NON_ASCII = `octet_length(${HAYSTACK}) > length(${HAYSTACK})`;
const WORD_POSTGRES = `(${HAYSTACK} ILIKE ? ESCAPE '\\' OR ${NON_ASCII})`;
const YEAR_POSTGRES = `to_char(coalesce("scheduledStart", "actualStart"), 'YYYY') = ?`;

/** The folded word a LIKE pattern looks for: `%word%` without its escapes. */
const wordOf = (word: SearchWord) => word.like.slice(1, -1).replace(/\\(.)/g, "$1");

/** Text as SQLite's LIKE compares it: ASCII letters in lower case, every other character as it is. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

async function matchingIdsPostgres(terms: SearchTerms, order: Order): Promise<number[]> {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const word of terms.words) {
    clauses.push(word.year ? `(${WORD_POSTGRES} OR ${YEAR_POSTGRES})` : WORD_POSTGRES);
    args.push(word.like, ...(word.year ? [word.year] : []));
  }
  // No word (a query of punctuation alone): every event, as on SQLite.
  const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  const rows = await clientSql().all<{ id: number; text: string | null; year: string | null }>(
    `SELECT "id", CASE WHEN ${NON_ASCII} THEN ${HAYSTACK} END AS "text", to_char(coalesce("scheduledStart", "actualStart"), 'YYYY') AS "year"
       FROM "Event" ${where} ORDER BY ${ORDER_BY[order]}`,
    ...args,
  );
  return rows
    .filter((r) => {
      if (r.text === null) return true;
      const plain = asciiLower(r.text);
      const folded = foldForSearch(r.text);
      return terms.words.every((w) => plain.includes(wordOf(w)) || folded.includes(wordOf(w)) || (w.year !== null && w.year === r.year));
    })
    .map((r) => Number(r.id));
}

export interface EventSearch extends Page<EventSummary> {
  /** The query as searched, and whether part of it was left out (see parseSearch). */
  query: string;
  clipped: boolean;
}

/**
 * One page of the events that match every word of `q`, newest scheduled first, with how many match in all. Each word
 * is looked for, folded (case, accents), in the title, slug, platform, hosts and guests; a 4-digit word also matches
 * the year of the scheduled start (of the actual start when none was scheduled). No words: every event.
 */
export async function searchEvents({ q, page = 1, pageSize = 50 }: { q?: string | null; page?: number; pageSize?: number }): Promise<EventSearch> {
  const terms = parseSearch(q);
  const meta = { query: terms.text, clipped: terms.clipped };
  if (terms.words.length === 0) return { ...(await getEventPage(page, pageSize)), ...meta };
  const ids = await matchingIds(terms, "newest");
  const total = ids.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const pageIds = ids.slice((current - 1) * pageSize, current * pageSize);
  const rows = pageIds.length ? await getDb().event.findMany({ where: { id: { in: pageIds } }, select: { id: true, ...EVENT_SUMMARY } }) : [];
  const byId = new Map(rows.map(({ id, ...row }) => [id, row]));
  // An event deleted between the two reads is left out of the page (the count is the search's own).
  const items = pageIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { items, total, page: current, pageCount, ...meta };
}

/** A page of the compare picker's matches: as searchEvents finds them, PICKER_PAGE_SIZE a page. */
export async function searchPickerEvents({ q, page = 1 }: { q?: string | null; page?: number }): Promise<PickerPage> {
  const found = await searchEvents({ q, page, pageSize: PICKER_PAGE_SIZE });
  return { query: found.query, items: found.items.map(toPickerOption), total: found.total, page: found.page, pageCount: found.pageCount };
}

/**
 * The API's list narrowed to the events matching `terms`: whole records, in id order after `cursor`, as the unfiltered
 * list pages them, with the number that match in all.
 */
export async function searchEventList(terms: SearchTerms, limit: number, cursor: number | null) {
  const ids = await matchingIds(terms, "id");
  const after = cursor === null ? ids : ids.filter((id) => id > cursor);
  const pageIds = after.slice(0, limit);
  const rows = pageIds.length ? await getDb().event.findMany({ where: { id: { in: pageIds } }, orderBy: { id: "asc" } }) : [];
  const page: CursorPage<(typeof rows)[number]> = { items: rows, nextCursor: after.length > limit ? pageIds[pageIds.length - 1] : null };
  return { ...page, total: ids.length };
}
