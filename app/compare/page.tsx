import type { Metadata } from "next";
import { ComparePicker } from "@/components/compare-picker";
import { ExportBar } from "@/components/export-bar";
import { AudienceSection, FiguresTableSection, MinutesLostSection, TimelineSection } from "@/components/comparison";
import { ListenerCurvesSection } from "@/components/listener-curves";
import { getComparableEvents } from "@/lib/data/compare";
import { searchPickerEvents } from "@/lib/data/event-search";
import { getListenerCurves } from "@/lib/data/live";
import { buildComparison, MAX_COMPARED, MIN_COMPARED, parseComparedSlugs } from "@/lib/domain/compare";
import { toPickerOption } from "@/lib/domain/search";
import { publicOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare events" };

type Search = { events?: string | string[]; e?: string | string[]; q?: string | string[]; page?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ComparePage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const requested = [search.events, search.e].flat().filter((v): v is string => typeof v === "string");
  const all = parseComparedSlugs(requested);
  const slugs = all.slice(0, MAX_COMPARED);
  const tooMany = all.length > MAX_COMPARED;
  // The picker's first page of matches; its search (?q=, ?page=) runs here when the form is sent without JavaScript.
  const [{ events, unknown }, matches, curves] = await Promise.all([
    getComparableEvents(slugs),
    searchPickerEvents({ q: first(search.q), page: Number(first(search.page) ?? 1) }),
    getListenerCurves(slugs),
  ]);
  const comparison = buildComparison(events);
  const query = events.map((e) => e.slug).join(",");
  return (
    <>
      <h1>Compare events</h1>
      <p className="lede">
        Side by side, aligned on each event&apos;s scheduled start: how late they started, how long the silence lasted, and how many listeners came
        against how many were expected.
      </p>
      {unknown.length > 0 && (
        <div className="notice" role="alert">
          {unknown.map((s) => (
            <p key={s}>No event has the address “{s}”; it is left out.</p>
          ))}
        </div>
      )}
      {tooMany && (
        <p className="notice">
          At most {MAX_COMPARED} events are compared at once: the first {MAX_COMPARED} are shown.
        </p>
      )}
      <div className="compare-layout">
        <ComparePicker matches={matches} chosen={events.map(toPickerOption)} />
        <div className="compare-body">
          {events.length < MIN_COMPARED ? (
            <div className="empty">
              <p>Choose at least two events to compare{events.length === 1 ? ` with ${events[0].title}` : ""}.</p>
              <p>
                Or start with the founding case:{" "}
                <a href="/compare?events=musk-trump-x-spaces-2024,desantis-twitter-spaces-2023">X Spaces 2024 against Twitter Spaces 2023</a>.
              </p>
            </div>
          ) : (
            <>
              <ExportBar apiPath={`/api/compare?events=${query}`} permalink={`${publicOrigin()}/compare?events=${query}`} what="this comparison" />
              <TimelineSection comparison={comparison} />
              {curves.length > 0 && (
                <ListenerCurvesSection curves={curves} names={Object.fromEntries(comparison.timeline.rows.map((r) => [r.slug, r.short]))} />
              )}
              <AudienceSection comparison={comparison} />
              <MinutesLostSection comparison={comparison} />
              <FiguresTableSection comparison={comparison} />
            </>
          )}
        </div>
      </div>
    </>
  );
}
