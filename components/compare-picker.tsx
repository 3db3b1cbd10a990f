"use client";
// Chooses the events to compare and keeps the address (?events=a,b) in step, so the page can be shared.
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { MAX_COMPARED } from "@/lib/domain/compare";

export interface PickerOption {
  slug: string;
  title: string;
  year: number | null;
}

export function ComparePicker({ options, selected }: { options: PickerOption[]; selected: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [chosen, setChosen] = useState(selected);
  const [filter, setFilter] = useState("");
  const [pending, startTransition] = useTransition();

  function toggle(slug: string, on: boolean) {
    const next = on ? [...chosen, slug].slice(0, MAX_COMPARED) : chosen.filter((s) => s !== slug);
    setChosen(next);
    startTransition(() => router.replace(next.length ? `${pathname}?events=${next.join(",")}` : pathname, { scroll: false }));
  }

  const needle = filter.trim().toLowerCase();
  const shown = options.filter((o) => !needle || o.title.toLowerCase().includes(needle) || o.slug.includes(needle) || chosen.includes(o.slug));
  const full = chosen.length >= MAX_COMPARED;
  return (
    // Without JavaScript the form still works: it sends ?e=a&e=b, which the page reads too.
    <form className="picker" method="get" action={pathname}>
      <fieldset>
        <legend>Events to compare</legend>
        <p className="hint" id="picker-status" aria-live="polite">
          {chosen.length} of at most {MAX_COMPARED} chosen{chosen.length < 2 ? "; choose at least two" : ""}
          {pending ? " · updating…" : ""}
        </p>
        <div className="field">
          <label htmlFor="picker-filter">Find an event</label>
          <input id="picker-filter" type="search" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} autoComplete="off" />
        </div>
        <ul className="picker-list">
          {shown.map((o) => {
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
          })}
          {shown.length === 0 && <li className="muted">No event matches “{filter}”.</li>}
        </ul>
        <noscript>
          <button type="submit" className="button primary">
            Compare
          </button>
        </noscript>
      </fieldset>
    </form>
  );
}
