"use client";
// Chooses the events to compare and keeps the address (?events=a,b) in step, so the page can be shared. The search
// runs on the server over every event as the person types; the events chosen stay in view whatever it finds.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { findPickerEvents } from "@/lib/actions/search";
import { MAX_COMPARED } from "@/lib/domain/compare";
import { describeMatches, MAX_SEARCH_CHARS, PICKER_PAGE_SIZE, type PickerOption, type PickerPage, searchWords } from "@/lib/domain/search";

/** A pause in typing this long sends the search: one request a word rather than one a key. */
const DEBOUNCE_MS = 250;

function countText(results: PickerPage): string {
  const found = results.query ? describeMatches(results.total, results.query) : `${results.total.toLocaleString("en-US")} events`;
  return results.items.length < results.total ? `${found}; ${results.items.length} shown` : found;
}

/** The chosen events that the list of results does not show, in the order they were chosen. */
const outside = (chosen: string[], results: PickerPage) => chosen.filter((slug) => !results.items.some((o) => o.slug === slug));

export function ComparePicker({ matches, chosen: chosenOptions }: { matches: PickerPage; chosen: PickerOption[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [chosen, setChosen] = useState(() => chosenOptions.map((o) => o.slug));
  const [filter, setFilter] = useState(matches.query);
  const [results, setResults] = useState(matches);
  // Chosen events outside the results: fixed at each search, so that one unticked there stays in place until the next.
  const [pinned, setPinned] = useState(() => outside(chosen, matches));
  const [known, setKnown] = useState(() => new Map([...chosenOptions, ...matches.items].map((o) => [o.slug, o])));
  const [failed, setFailed] = useState(false);
  const [searching, setSearching] = useState(false);
  const [pending, startTransition] = useTransition();
  const chosenNow = useRef(chosen);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function toggle(slug: string, on: boolean) {
    const next = on ? [...chosen, slug].slice(0, MAX_COMPARED) : chosen.filter((s) => s !== slug);
    setChosen(next);
    chosenNow.current = next;
    startTransition(() => router.replace(next.length ? `${pathname}?events=${next.join(",")}` : pathname, { scroll: false }));
  }

  /** Page `page` of the matches of `q`: the first replaces the list, a later one adds to it. Only the latest request counts. */
  async function load(q: string, page: number) {
    const request = ++latest.current;
    setSearching(true);
    try {
      const found = await findPickerEvents(q, page);
      if (request !== latest.current) return;
      setFailed(false);
      setKnown((before) => new Map([...before, ...found.items.map((o) => [o.slug, o] as const)]));
      if (page > 1) {
        setResults((before) => {
          const seen = new Set(before.items.map((o) => o.slug));
          return { ...found, items: [...before.items, ...found.items.filter((o) => !seen.has(o.slug))] };
        });
        setPinned((before) => before.filter((slug) => !found.items.some((o) => o.slug === slug)));
      } else {
        setResults(found);
        setPinned(outside(chosenNow.current, found));
      }
    } catch {
      if (request === latest.current) setFailed(true);
    } finally {
      if (request === latest.current) setSearching(false);
    }
  }

  function search(value: string, delay: number) {
    clearTimeout(timer.current);
    // As the server reads it (SearchTerms.text), so that typing a space sends nothing.
    const q = searchWords(value).join(" ");
    if (q === results.query && !failed) {
      // Back to what the list shows: a request still on its way would replace it.
      latest.current++;
      setSearching(false);
      return;
    }
    timer.current = setTimeout(() => void load(q, 1), delay);
  }

  const full = chosen.length >= MAX_COMPARED;
  const row = (o: PickerOption) => {
    const on = chosen.includes(o.slug);
    return (
      <li key={o.slug}>
        <label>
          <input
            type="checkbox"
            name="e"
            value={o.slug}
            checked={on}
            disabled={!on && full}
            onChange={(e) => toggle(o.slug, e.currentTarget.checked)}
          />{" "}
          {o.title}
          {o.year !== null && <span className="muted"> ({o.year})</span>}
        </label>
      </li>
    );
  };
  const pinnedOptions = pinned.flatMap((slug) => (known.has(slug) ? [known.get(slug)!] : []));
  const more = Math.min(results.total - results.items.length, PICKER_PAGE_SIZE);
  return (
    // Without JavaScript the form still works: it sends ?q=…&e=a&e=b, which the page reads too.
    <form
      className="picker"
      method="get"
      action={pathname}
      onSubmit={(e) => {
        e.preventDefault();
        search(filter, 0);
      }}
    >
      <fieldset>
        <legend>Events to compare</legend>
        <p className="hint" id="picker-status" aria-live="polite">
          {chosen.length} of at most {MAX_COMPARED} chosen{chosen.length < 2 ? "; choose at least two" : ""}
          {pending ? " · updating…" : ""}
        </p>
        {pinnedOptions.length > 0 && (
          <>
            <p className="picker-group" id="picker-pinned">
              Chosen{results.query ? ", outside this search" : ""}
            </p>
            <ul className="picker-list" aria-labelledby="picker-pinned">
              {pinnedOptions.map(row)}
            </ul>
          </>
        )}
        <div className="field">
          <label htmlFor="picker-filter">Find an event</label>
          <input
            id="picker-filter"
            type="search"
            name="q"
            value={filter}
            maxLength={MAX_SEARCH_CHARS}
            onChange={(e) => {
              setFilter(e.currentTarget.value);
              search(e.currentTarget.value, DEBOUNCE_MS);
            }}
            autoComplete="off"
            aria-describedby="picker-count"
          />
        </div>
        <p className="hint" id="picker-count" aria-live="polite">
          {failed ? "The search did not answer; try again." : countText(results)}
        </p>
        <ul className="picker-list" aria-label="Events found" aria-busy={searching}>
          {results.items.map(row)}
          {results.total === 0 && results.query && <li className="muted">No event matches “{results.query}”.</li>}
        </ul>
        {more > 0 && (
          // Not disabled while a search runs: a disabled button would drop the keyboard's focus.
          <button type="button" className="button" onClick={() => searching || void load(results.query, results.page + 1)}>
            Show {more} more
          </button>
        )}
        <noscript>
          <div className="form-actions">
            <button type="submit" className="button primary">
              Compare
            </button>
            <button type="submit" className="button">
              Search
            </button>
            {results.page > 1 && (
              <button type="submit" className="button" name="page" value={results.page - 1}>
                Previous matches
              </button>
            )}
            {results.page < results.pageCount && (
              <button type="submit" className="button" name="page" value={results.page + 1}>
                Next matches
              </button>
            )}
          </div>
        </noscript>
      </fieldset>
    </form>
  );
}
