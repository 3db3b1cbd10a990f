import { describe, expect, it } from "vitest";
import {
  buildComparison,
  buildTimeline,
  minuteTicks,
  parseComparedSlugs,
  shortLabels,
  type ComparableEvent,
  type ComparableIncident,
  type ComparableReport,
  type Segment,
} from "@/lib/domain/compare";
import { buildEventFigures, COMPUTED_FROM_INSTANTS } from "@/lib/domain/figures";

let nextId = 1;
function report(
  metric: ComparableReport["metric"],
  value: number,
  sourceName: string,
  qualifier: ComparableReport["qualifier"] = "exact",
  extra: Partial<Pick<ComparableReport, "sourceUrl" | "url" | "quote" | "note">> = {},
): ComparableReport {
  return { id: nextId++, metric, value, qualifier, sourceName, sourceUrl: null, url: null, quote: null, note: "", ...extra };
}

function incident(
  kind: string,
  startOffsetMinutes: number | null,
  durationMinutes: number | null,
  sourceName: string | null,
  qualifier: ComparableIncident["qualifier"] = "exact",
): ComparableIncident {
  return { id: nextId++, kind, startOffsetMinutes, durationMinutes, qualifier, description: `${kind} incident`, sourceName };
}

function event(overrides: Partial<ComparableEvent> & Pick<ComparableEvent, "slug">): ComparableEvent {
  return { title: overrides.slug, platform: "Somewhere Live", scheduledStart: null, actualStart: null, reports: [], incidents: [], ...overrides };
}

/** Segments of one event on its own, through the same figures buildComparison uses. */
function timelineOf(e: ComparableEvent): Segment[] {
  return buildTimeline(e, buildEventFigures({ scheduledStart: e.scheduledStart, actualStart: e.actualStart, reports: e.reports }));
}

// The reference case of shared/FACTS.md, as lib/data/seed-data.ts records it.
const X_SPACES_2024 = event({
  slug: "musk-trump-x-spaces-2024",
  title: "Elon Musk interviews Donald Trump on X Spaces",
  platform: "X Spaces",
  scheduledStart: new Date("2024-08-13T00:00:00.000Z"),
  actualStart: new Date("2024-08-13T00:42:00.000Z"),
  reports: [
    report("start_delay", 42, "Financial Times", "exact", { sourceUrl: "https://www.ft.com", url: "https://www.ft.com/content/spaces" }),
    report("expected_audience", 8_000_000, "Financial Times", "exact", { sourceUrl: "https://www.ft.com" }),
    report("average_audience", 1_100_000, "Financial Times", "exact", { sourceUrl: "https://www.ft.com" }),
    report("duration", 120, "CNN", "approximate", { sourceUrl: "https://www.cnn.com" }),
  ],
  incidents: [incident("late_start", 0, 42, "Financial Times")],
});

const DESANTIS_2023 = event({
  slug: "desantis-twitter-spaces-2023",
  title: "Ron DeSantis announces his presidential campaign on Twitter Spaces",
  platform: "Twitter Spaces",
  scheduledStart: new Date("2023-05-24T00:00:00.000Z"),
  actualStart: null,
  reports: [report("silence_before_failure", 20, "Los Angeles Times", "approximate", { sourceUrl: "https://www.latimes.com", quote: "had crashed" })],
  incidents: [incident("dead_air", 0, 20, "Los Angeles Times", "approximate"), incident("crash", 20, null, "Los Angeles Times", "approximate")],
});

describe("buildComparison: the 2024 X Spaces interview beside the 2023 DeSantis launch", () => {
  const comparison = buildComparison([X_SPACES_2024, DESANTIS_2023]);
  const [x2024, d2023] = comparison.timeline.rows;

  it("keeps the events in the order given, with short axis names", () => {
    expect(comparison.events.map((e) => e.slug)).toEqual([X_SPACES_2024.slug, DESANTIS_2023.slug]);
    expect(comparison.timeline.rows.map((r) => r.short)).toEqual(["X Spaces 2024", "Twitter Spaces 2023"]);
    expect(comparison.audience[0].rows.map((r) => r.short)).toEqual(["X Spaces 2024", "Twitter Spaces 2023"]);
    expect(comparison.minutesLost.map((r) => r.short)).toEqual(["X Spaces 2024", "Twitter Spaces 2023"]);
    const reversed = buildComparison([DESANTIS_2023, X_SPACES_2024]);
    expect(reversed.timeline.rows.map((r) => r.slug)).toEqual([DESANTIS_2023.slug, X_SPACES_2024.slug]);
    expect(reversed.audience[0].rows.map((r) => r.slug)).toEqual([DESANTIS_2023.slug, X_SPACES_2024.slug]);
  });

  it("draws the 2024 late start over [0, 42] and the interview on air from minute 42", () => {
    expect(x2024.segments).toEqual([
      { kind: "late_start", start: 0, end: 42, approximate: false, text: "42 min late", source: "Financial Times" },
      { kind: "on_air", start: 42, end: 162, approximate: true, text: "on air for about 2 hr", source: "CNN" },
    ]);
  });

  it("does not draw the late start twice when it is both a figure and an incident", () => {
    expect(x2024.segments.filter((s) => s.kind === "late_start")).toHaveLength(1);
  });

  it("draws the 2023 dead air over [0, 20] as approximate, then the crash at 20", () => {
    expect(d2023.segments).toEqual([
      { kind: "dead_air", start: 0, end: 20, approximate: true, text: "about 20 min of dead air", source: "Los Angeles Times" },
      { kind: "crash", start: 20, end: 20, approximate: true, text: "crash at about 20 min", source: "Los Angeles Times" },
    ]);
  });

  it("spans the timeline from t = 0 to the end of the longest segment", () => {
    expect(comparison.timeline.domain).toEqual([0, 162]);
  });

  it("gives 8,000,000 expected and 1,100,000 average listeners, 13.75 % of the expectation", () => {
    expect(comparison.audience.map((g) => g.unit)).toEqual(["listeners"]);
    expect(comparison.audience[0].rows[0]).toEqual({
      slug: X_SPACES_2024.slug,
      title: X_SPACES_2024.title,
      short: "X Spaces 2024",
      unit: "listeners",
      expected: 8_000_000,
      average: 1_100_000,
      peak: null,
      expectedText: "8M",
      averageText: "1.1M",
      peakText: "not reported",
      attainmentText: "13.75%",
      attainmentLabel: "13.75% of expected",
    });
  });

  it("reports no audience for 2023 rather than a zero", () => {
    expect(comparison.audience[0].rows[1]).toMatchObject({
      expected: null,
      average: null,
      peak: null,
      expectedText: "not reported",
      averageText: "not reported",
      peakText: "not reported",
      attainmentText: "not reported",
      attainmentLabel: "",
    });
  });

  it("gives minutes lost as lower bounds that name what is not reported", () => {
    expect(comparison.minutesLost).toEqual([
      {
        slug: X_SPACES_2024.slug,
        title: X_SPACES_2024.title,
        short: "X Spaces 2024",
        value: 42,
        text: "at least 42 min",
        degraded: null,
        degradedText: "",
        note: "dead air before failure not reported",
      },
      {
        slug: DESANTIS_2023.slug,
        title: DESANTIS_2023.title,
        short: "Twitter Spaces 2023",
        value: 20,
        text: "at least about 20 min",
        degraded: null,
        degradedText: "",
        note: "start delay not reported",
      },
    ]);
  });

  it("lists every report in the table with its source, link and quote, not marked derived", () => {
    const reported = comparison.table.filter((r) => !r.derived);
    expect(reported).toEqual([
      {
        slug: X_SPACES_2024.slug,
        eventTitle: X_SPACES_2024.title,
        metric: "start_delay",
        label: "Start delay",
        text: "42 min",
        source: "Financial Times",
        sourceUrl: "https://www.ft.com/content/spaces",
        quote: null,
        derived: false,
      },
      expect.objectContaining({
        metric: "expected_audience",
        label: "Expected audience",
        text: "8,000,000 listeners",
        source: "Financial Times",
        sourceUrl: "https://www.ft.com",
      }),
      expect.objectContaining({ metric: "average_audience", label: "Average audience", text: "1,100,000 listeners", source: "Financial Times" }),
      expect.objectContaining({ metric: "duration", label: "Duration", text: "about 2 hr", source: "CNN", sourceUrl: "https://www.cnn.com" }),
      {
        slug: DESANTIS_2023.slug,
        eventTitle: DESANTIS_2023.title,
        metric: "silence_before_failure",
        label: "Dead air before failure",
        text: "about 20 min",
        source: "Los Angeles Times",
        sourceUrl: "https://www.latimes.com",
        quote: "had crashed",
        derived: false,
      },
    ]);
    const reportCount = X_SPACES_2024.reports.length + DESANTIS_2023.reports.length;
    expect(reported).toHaveLength(reportCount);
  });

  it("marks the derived rows and says what they are derived from", () => {
    const derived = comparison.table.filter((r) => r.derived);
    expect(derived.map((r) => [r.slug, r.metric, r.text, r.source])).toEqual([
      [X_SPACES_2024.slug, "delay_from_instants", "42 min", "derived from the event's times"],
      [X_SPACES_2024.slug, "attainment", "13.75%", "derived from Financial Times"],
      [X_SPACES_2024.slug, "minutes_lost", "at least 42 min", "derived from Financial Times (dead air before failure not reported)"],
      [DESANTIS_2023.slug, "minutes_lost", "at least about 20 min", "derived from Los Angeles Times (start delay not reported)"],
    ]);
    for (const row of derived) {
      expect(row.sourceUrl).toBeNull();
      expect(row.quote).toBeNull();
    }
  });

  it("keeps each event's figures for the pages that show them", () => {
    expect(comparison.events[0]).toMatchObject({ slug: X_SPACES_2024.slug, title: X_SPACES_2024.title, platform: "X Spaces" });
    expect(comparison.events[0].figures.attainment).toMatchObject({ status: "reported", min: 0.1375, max: 0.1375 });
    expect(comparison.events[1].figures.delay.status).toBe("not_reported");
  });
});

describe("buildComparison: missing figures", () => {
  const bare = event({ slug: "bare", title: "Nothing reported", platform: "Stage" });
  const comparison = buildComparison([bare, DESANTIS_2023]);

  it("gives null, never 0, for audiences nobody reported", () => {
    expect(comparison.audience[0].rows[0]).toEqual({
      slug: "bare",
      title: "Nothing reported",
      short: "Stage",
      unit: "listeners",
      expected: null,
      average: null,
      peak: null,
      expectedText: "not reported",
      averageText: "not reported",
      peakText: "not reported",
      attainmentText: "not reported",
      attainmentLabel: "",
    });
  });

  it("draws no segment for an event without figures or incidents", () => {
    expect(comparison.timeline.rows[0].segments).toEqual([]);
  });

  it("gives minutes lost as not reported, with a null value and no note", () => {
    expect(comparison.minutesLost[0]).toMatchObject({ value: null, text: "not reported", note: "" });
  });

  it("puts no row in the table for the event", () => {
    expect(comparison.table.filter((r) => r.slug === "bare")).toEqual([]);
  });

  it("still gives the timeline a domain from 0 to at least 10 minutes", () => {
    expect(buildComparison([bare]).timeline.domain).toEqual([0, 10]);
  });

  it("ignores a non-finite reported value rather than showing it", () => {
    const broken = event({ slug: "broken", reports: [report("average_audience", Number.NaN, "A")] });
    expect(buildComparison([broken]).audience[0].rows[0]).toMatchObject({ average: null, averageText: "not reported" });
  });
});

describe("buildComparison: a single report", () => {
  const single = event({ slug: "single", reports: [report("expected_audience", 8_000_000, "Elon Musk")] });
  const comparison = buildComparison([single]);

  it("shows the one figure and leaves the others not reported", () => {
    expect(comparison.audience[0].rows[0]).toMatchObject({
      expected: 8_000_000,
      expectedText: "8M",
      average: null,
      averageText: "not reported",
      attainmentText: "not reported",
      attainmentLabel: "",
    });
  });

  it("puts one row in the table and derives nothing from it", () => {
    expect(comparison.table).toEqual([
      expect.objectContaining({ metric: "expected_audience", text: "8,000,000 listeners", source: "Elon Musk", derived: false }),
    ]);
  });

  it("draws an on-air segment from a duration alone, starting at t = 0", () => {
    const onAir = event({ slug: "on-air", reports: [report("duration", 90, "CNN")] });
    expect(timelineOf(onAir)).toEqual([{ kind: "on_air", start: 0, end: 90, approximate: false, text: "on air for 90 min", source: "CNN" }]);
  });
});

describe("buildComparison: conflicting reports", () => {
  const disputed = event({
    slug: "disputed",
    reports: [
      report("expected_audience", 8_000_000, "Financial Times"),
      report("average_audience", 1_000_000, "Outlet A"),
      report("average_audience", 1_200_000, "Outlet B"),
    ],
  });
  const comparison = buildComparison([disputed]);

  it("charts the highest value and writes the range", () => {
    expect(comparison.audience[0].rows[0].average).toBe(1_200_000);
    expect(comparison.audience[0].rows[0].averageText).toMatch(/^1M\s?–\s?1\.2M$/);
  });

  it("gives the attainment as a range", () => {
    expect(comparison.audience[0].rows[0].attainmentText).toMatch(/^12\.5%\s?–\s?15%$/);
    expect(comparison.audience[0].rows[0].attainmentLabel).toMatch(/^12\.5%\s?–\s?15% of expected$/);
  });

  it("keeps both reports in the table with their own sources, and derives the attainment from all of them", () => {
    const averages = comparison.table.filter((r) => r.metric === "average_audience");
    expect(averages.map((r) => [r.text, r.source, r.derived])).toEqual([
      ["1,000,000 listeners", "Outlet A", false],
      ["1,200,000 listeners", "Outlet B", false],
    ]);
    const attainment = comparison.table.find((r) => r.metric === "attainment");
    expect(attainment).toMatchObject({ derived: true, source: "derived from Financial Times, Outlet A, Outlet B" });
    expect(attainment?.text).toMatch(/^12\.5%\s?–\s?15%$/);
  });

  it("draws a disputed delay to its highest value, as approximate, naming every source", () => {
    const late = event({
      slug: "late",
      reports: [report("start_delay", 42, "Financial Times"), report("start_delay", 40, "CNN", "approximate"), report("duration", 60, "CNN")],
    });
    const segments = timelineOf(late);
    expect(segments[0]).toEqual({
      kind: "late_start",
      start: 0,
      end: 42,
      approximate: true,
      text: "about 40–42 min late",
      source: "Financial Times, CNN",
    });
    expect(segments[1]).toMatchObject({ kind: "on_air", start: 42, end: 102 });
    expect(buildComparison([late]).minutesLost[0]).toMatchObject({ value: 42, text: "at least about 40–42 min" });
  });
});

describe("buildComparison: negative offsets", () => {
  const early = event({
    slug: "early",
    platform: "Stage",
    scheduledStart: new Date("2024-08-13T00:00:00.000Z"),
    actualStart: new Date("2024-08-12T23:55:00.000Z"),
    reports: [report("duration", 60, "CNN")],
  });

  it("draws no late start for an event that started early, and puts it on air before t = 0", () => {
    const segments = timelineOf(early);
    expect(segments.some((s) => s.kind === "late_start")).toBe(false);
    expect(segments).toEqual([{ kind: "on_air", start: -5, end: 55, approximate: false, text: "on air for 60 min", source: "CNN" }]);
  });

  it("extends the timeline domain below 0", () => {
    const comparison = buildComparison([early, X_SPACES_2024]);
    expect(comparison.timeline.domain).toEqual([-5, 162]);
  });

  it("records the early start as a negative delay in the table, and loses no minutes through it", () => {
    const comparison = buildComparison([early]);
    expect(comparison.table.find((r) => r.metric === "delay_from_instants")).toMatchObject({ text: "−5 min", derived: true });
    // Nothing lost at the start and the dead air unknown: "at least 0 min" would say nothing, so it is not reported.
    expect(comparison.minutesLost[0]).toMatchObject({ value: null, text: "not reported", note: "" });
  });

  it("places an incident before t = 0 and extends the domain to it", () => {
    const queue = event({ slug: "queue", incidents: [incident("capacity", -15, 10, "CNN", "approximate"), incident("crash", 30, null, "CNN")] });
    const comparison = buildComparison([queue]);
    expect(comparison.timeline.rows[0].segments).toEqual([
      { kind: "capacity", start: -15, end: -5, approximate: true, text: "capacity, about 10 min", source: "CNN" },
      { kind: "crash", start: 30, end: 30, approximate: false, text: "crash at 30 min", source: "CNN" },
    ]);
    expect(comparison.timeline.domain).toEqual([-15, 30]);
  });

  it("starts figure-only dead air at t = 0 even when the event started early", () => {
    const earlySilence = event({ ...early, slug: "early-silence", reports: [report("silence_before_failure", 10, "A")] });
    expect(timelineOf(earlySilence).find((s) => s.kind === "dead_air")).toMatchObject({ start: 0, end: 10 });
  });
});

describe("buildTimeline: dead air reported only as a figure", () => {
  const silentOnly = event({ slug: "silent", reports: [report("silence_before_failure", 20, "Los Angeles Times", "approximate")] });

  it("draws the dead air from t = 0 and a failure marker where it ends", () => {
    expect(timelineOf(silentOnly)).toEqual([
      { kind: "dead_air", start: 0, end: 20, approximate: true, text: "about 20 min of dead air", source: "Los Angeles Times" },
      { kind: "crash", start: 20, end: 20, approximate: true, text: "failure at about 20 min", source: "Los Angeles Times" },
    ]);
  });

  it("marks the failure as approximate even when the silence is exact, since nobody placed it", () => {
    const exact = event({ slug: "exact-silence", reports: [report("silence_before_failure", 20, "A")] });
    expect(timelineOf(exact)[1]).toEqual({ kind: "crash", start: 20, end: 20, approximate: true, text: "failure at 20 min", source: "A" });
  });

  it("adds no failure marker when a crash incident is placed already", () => {
    const withCrash = event({ ...silentOnly, slug: "with-crash", incidents: [incident("crash", 21, null, "CNN", "approximate")] });
    const segments = timelineOf(withCrash);
    expect(segments.filter((s) => s.kind === "crash")).toEqual([
      { kind: "crash", start: 21, end: 21, approximate: true, text: "crash at about 21 min", source: "CNN" },
    ]);
    expect(segments.filter((s) => s.kind === "dead_air")).toHaveLength(1);
  });

  it("starts the dead air when the event should have gone on air, after a reported delay", () => {
    const lateThenSilent = event({
      slug: "late-silent",
      reports: [report("start_delay", 42, "FT"), report("silence_before_failure", 20, "LAT", "approximate")],
    });
    const segments = timelineOf(lateThenSilent);
    expect(segments.map((s) => [s.kind, s.start, s.end])).toEqual([
      ["late_start", 0, 42],
      ["dead_air", 42, 62],
      ["crash", 62, 62],
    ]);
    expect(buildComparison([lateThenSilent]).minutesLost[0]).toMatchObject({ value: 62, text: "about 62 min", note: "" });
  });
});

describe("buildTimeline: other cases", () => {
  it("draws a late start computed from the instants when no source reported one", () => {
    const e = event({ slug: "instants", scheduledStart: new Date("2024-08-13T00:00:00Z"), actualStart: new Date("2024-08-13T00:42:00Z") });
    expect(timelineOf(e)).toEqual([
      { kind: "late_start", start: 0, end: 42, approximate: false, text: "42 min late", source: COMPUTED_FROM_INSTANTS },
    ]);
  });

  it("draws no late start for a start on time", () => {
    const onTime = event({ slug: "on-time", reports: [report("start_delay", 0, "A"), report("duration", 30, "A")] });
    expect(timelineOf(onTime).map((s) => s.kind)).toEqual(["on_air"]);
  });

  it("leaves unplaced incidents off the timeline and names other incidents by their kind", () => {
    const e = event({
      slug: "mixed",
      incidents: [incident("crash", null, null, "A"), incident("degraded_audio", 5, 10, "B", "at_least"), incident("mystery", 2, 3, "C")],
    });
    expect(timelineOf(e)).toEqual([
      { kind: "other", start: 2, end: 5, approximate: false, text: "mystery, 3 min", source: "C" },
      { kind: "degraded_audio", start: 5, end: 15, approximate: true, text: "degraded audio, at least 10 min", source: "B" },
    ]);
  });

  it("sorts segments by start, then by end", () => {
    const e = event({
      slug: "sorted",
      incidents: [incident("other", 10, 5, null), incident("crash", 10, null, null), incident("capacity", 0, 30, null)],
    });
    expect(timelineOf(e).map((s) => [s.kind, s.start, s.end])).toEqual([
      ["capacity", 0, 30],
      ["crash", 10, 10],
      ["other", 10, 15],
    ]);
  });
});

describe("shortLabels", () => {
  it("names events by platform and year", () => {
    expect(shortLabels([X_SPACES_2024, DESANTIS_2023])).toEqual(["X Spaces 2024", "Twitter Spaces 2023"]);
  });

  it("uses the platform alone when the date is not known", () => {
    expect(shortLabels([{ title: "Undated", platform: "YouTube Live", scheduledStart: null }])).toEqual(["YouTube Live"]);
  });

  it("falls back to the title, cut short, when two events would share a label", () => {
    const second = { title: "A short title", platform: "X Spaces", scheduledStart: new Date("2024-11-01T00:00:00Z") };
    const other = { title: "Something else entirely", platform: "Twitch", scheduledStart: new Date("2024-11-01T00:00:00Z") };
    const labels = shortLabels([X_SPACES_2024, second, other]);
    expect(labels).toEqual(["Elon Musk interviews Do…", "A short title", "Twitch 2024"]);
    expect(labels[0]).toHaveLength(24);
  });

  it("keeps a title of exactly 24 characters whole", () => {
    const title = "Twenty-four characters!!";
    expect(title).toHaveLength(24);
    const events = [
      { title, platform: "Kick", scheduledStart: null },
      { title: "Other", platform: "Kick", scheduledStart: null },
    ];
    expect(shortLabels(events)).toEqual([title, "Other"]);
  });

  it("is what buildComparison puts on every chart", () => {
    const twin = event({ slug: "twin", title: "Another X Space", platform: "X Spaces", scheduledStart: new Date("2024-09-01T00:00:00Z") });
    const comparison = buildComparison([X_SPACES_2024, twin]);
    expect(comparison.timeline.rows.map((r) => r.short)).toEqual(["Elon Musk interviews Do…", "Another X Space"]);
    expect(comparison.audience[0].rows.map((r) => r.short)).toEqual(["Elon Musk interviews Do…", "Another X Space"]);
  });
});

describe("minuteTicks", () => {
  it("ticks every 5 minutes over a short span", () => {
    expect(minuteTicks([0, 10])).toEqual([0, 5, 10]);
    expect(minuteTicks([0, 40])).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
  });

  it("ticks every 30 minutes over the reference timeline", () => {
    expect(minuteTicks([0, 162])).toEqual([0, 30, 60, 90, 120, 150, 180]);
  });

  it("starts below 0 when the domain does", () => {
    expect(minuteTicks([-5, 55])).toEqual([-10, 0, 10, 20, 30, 40, 50, 60]);
    expect(minuteTicks([-15, 30])).toEqual([-20, -10, 0, 10, 20, 30]);
    expect(minuteTicks([-3, 20])).toEqual([-5, 0, 5, 10, 15, 20]);
  });

  it("falls back to two-day steps over very long spans", () => {
    expect(minuteTicks([0, 20_000])).toEqual([0, 2880, 5760, 8640, 11_520, 14_400, 17_280, 20_160]);
  });

  it("covers every domain with round, evenly spaced ticks", () => {
    const domains: [number, number][] = [
      [0, 0],
      [0, 10],
      [0, 62],
      [-3, 47],
      [-90, 400],
      [12.5, 97.3],
      [0, 1000],
      [0, 3000],
      [-600, 9000],
    ];
    for (const [lo, hi] of domains) {
      const ticks = minuteTicks([lo, hi]);
      const step = ticks.length > 1 ? ticks[1] - ticks[0] : 5;
      expect([5, 10, 15, 30, 60, 120, 240, 480, 1440, 2880]).toContain(step);
      expect(ticks[0]).toBeLessThanOrEqual(lo);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(hi);
      expect(ticks.length).toBeLessThanOrEqual(11);
      ticks.forEach((t, i) => {
        expect(Math.abs(t % step)).toBe(0);
        if (i > 0) expect(t - ticks[i - 1]).toBe(step);
      });
    }
  });
});

describe("parseComparedSlugs", () => {
  it("gives nothing for a missing or empty parameter", () => {
    expect(parseComparedSlugs(undefined)).toEqual([]);
    expect(parseComparedSlugs("")).toEqual([]);
    expect(parseComparedSlugs(" , ,")).toEqual([]);
    expect(parseComparedSlugs([])).toEqual([]);
  });

  it("splits on commas, trims, lower-cases and drops empties", () => {
    expect(parseComparedSlugs(" Musk-Trump-X-Spaces-2024 ,,desantis-twitter-spaces-2023 ")).toEqual([
      "musk-trump-x-spaces-2024",
      "desantis-twitter-spaces-2023",
    ]);
  });

  it("drops duplicates, keeping the order of first appearance", () => {
    expect(parseComparedSlugs("b,a,B, a ,c")).toEqual(["b", "a", "c"]);
  });

  it("accepts repeated parameters, each possibly holding commas", () => {
    expect(parseComparedSlugs(["a,b", " C ", "", "b", "d,A"])).toEqual(["a", "b", "c", "d"]);
  });
});

describe("buildTimeline: incidents without a delay figure or a length", () => {
  it("puts the event on air after a late start known only as an incident", () => {
    const segments = timelineOf(
      event({
        slug: "incident-only",
        reports: [report("duration", 60, "CNN")],
        incidents: [incident("late_start", 0, 42, "Financial Times")],
      }),
    );
    expect(segments.find((s) => s.kind === "late_start")).toMatchObject({ start: 0, end: 42, text: "42 min late" });
    expect(segments.find((s) => s.kind === "on_air")).toMatchObject({ start: 42, end: 102 });
  });

  it("says a length nobody reported is not reported, never 0 minutes", () => {
    const segments = timelineOf(event({ slug: "no-length", incidents: [incident("dead_air", 5, null, null)] }));
    expect(segments).toEqual([expect.objectContaining({ kind: "dead_air", start: 5, end: 5, text: "dead air, length not reported" })]);
  });
});
