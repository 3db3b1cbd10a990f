// Figures that cannot mislead: totals of unknown parts, degraded minutes apart from silence, one unit per chart, the
// scale of a range, and the correction log in words.
import { describe, expect, it } from "vitest";
import { buildComparison, type ComparableEvent } from "@/lib/domain/compare";
import { computeDegradedMinutes, computeMinutesLost, rangeScale, summariseReports } from "@/lib/domain/figures";
import { formatWithUnit } from "@/lib/domain/format";
import { buildHistoryContext, describeRevision } from "@/lib/domain/history";
import { unitOf } from "@/lib/domain/metrics";

const reported = (metric: "start_delay" | "silence_before_failure", value: number, qualifier: "exact" | "approximate" = "exact") =>
  summariseReports(metric, [{ id: 1, metric, value, qualifier, sourceName: "A" }]);
const none = (metric: "start_delay" | "silence_before_failure") => summariseReports(metric, []);

describe("minutes lost to silence", () => {
  it("is not reported when its known part is nothing and another part is unknown, never “at least 0 min”", () => {
    expect(computeMinutesLost(reported("start_delay", 0), none("silence_before_failure"))).toMatchObject({ status: "not_reported" });
    expect(computeMinutesLost(none("start_delay"), none("silence_before_failure"))).toMatchObject({ status: "not_reported" });
  });

  it("is zero when every part was reported as zero, and a lower bound when a known part is more", () => {
    expect(computeMinutesLost(reported("start_delay", 0), reported("silence_before_failure", 0))).toMatchObject({
      status: "reported",
      min: 0,
      missing: [],
    });
    expect(computeMinutesLost(reported("start_delay", 42), none("silence_before_failure"))).toMatchObject({
      status: "reported",
      min: 42,
      missing: ["silence_before_failure"],
    });
  });
});

describe("degraded minutes", () => {
  const stretch = (kind: string, durationMinutes: number | null, qualifier: "exact" | "approximate" = "exact") => ({
    kind,
    durationMinutes,
    qualifier,
    sourceName: "The Verge",
  });

  it("add up buffering and degraded sound or picture, and leave silence and crashes out", () => {
    const figure = computeDegradedMinutes([
      stretch("buffering", 90, "approximate"),
      stretch("degraded_video", 10, "approximate"),
      stretch("dead_air", 20),
      stretch("crash", 5),
    ]);
    expect(figure).toMatchObject({ status: "reported", min: 100, max: 100, qualifier: "approximate", derived: true });
  });

  it("are a lower bound when a stretch has no length, and not reported when none has one", () => {
    expect(computeDegradedMinutes([stretch("buffering", 30), stretch("degraded_audio", null)])).toMatchObject({ min: 30, qualifier: "at_least" });
    expect(computeDegradedMinutes([stretch("buffering", null)])).toMatchObject({ status: "not_reported" });
    expect(computeDegradedMinutes([])).toMatchObject({ status: "not_reported" });
  });
});

const base: Omit<ComparableEvent, "slug" | "title" | "medium"> = {
  platform: "Netflix",
  scheduledStart: new Date("2024-11-16T01:00:00Z"),
  actualStart: null,
  reports: [],
  incidents: [],
};
const report = (
  id: number,
  metric: ComparableEvent["reports"][number]["metric"],
  value: number,
  sourceName: string,
  qualifier: "exact" | "approximate" = "exact",
) => ({
  id,
  metric,
  value,
  qualifier,
  sourceName,
  sourceUrl: null,
  url: null,
  quote: null,
  note: "",
});

describe("the audience of a video event beside an audio one", () => {
  const fight: ComparableEvent = {
    ...base,
    slug: "fight",
    title: "Paul vs. Tyson",
    medium: "video",
    reports: [report(1, "peak_streams", 65_000_000, "Netflix"), report(2, "peak_audience", 108_000_000, "Netflix")],
    incidents: [
      { id: 1, kind: "buffering", startOffsetMinutes: 120, durationMinutes: 90, qualifier: "approximate", description: "", sourceName: "The Verge" },
    ],
    moments: [{ label: "Main fight begins", offsetMinutes: 185 }],
  };
  const spaces: ComparableEvent = {
    ...base,
    slug: "spaces",
    title: "X Spaces",
    platform: "X",
    medium: "audio",
    reports: [report(3, "average_audience", 1_100_000, "FT")],
  };
  const comparison = buildComparison([fight, spaces]);

  it("draws listeners, viewers and streams in charts of their own, never on one axis", () => {
    expect(comparison.audience.map((g) => [g.unit, g.rows.map((r) => r.slug)])).toEqual([
      ["listeners", ["spaces"]],
      ["viewers", ["fight"]],
      ["streams", ["fight"]],
    ]);
    expect(comparison.audience[2].rows[0]).toMatchObject({ peak: 65_000_000, expected: null, average: null, peakText: "65M" });
  });

  it("writes each figure with what it counts, in the event's words", () => {
    expect(comparison.table.filter((r) => !r.derived).map((r) => r.text)).toEqual([
      "65,000,000 streams",
      "108,000,000 viewers",
      "1,100,000 listeners",
    ]);
    expect(unitOf("peak_audience", "video")).toBe("viewers");
    expect(formatWithUnit(12.5, "percent")).toBe("12.5%");
  });

  it("counts the buffering as degraded minutes, apart from the silence, and draws the key moment", () => {
    expect(comparison.minutesLost[0]).toMatchObject({ value: null, text: "not reported", degraded: 90, degradedText: "about 90 min degraded" });
    expect(comparison.timeline.rows[0].segments).toContainEqual(
      expect.objectContaining({ kind: "moment", start: 185, end: 185, text: "Main fight begins at t = 185 min" }),
    );
    expect(comparison.timeline.rows[0].segments).toContainEqual(expect.objectContaining({ kind: "buffering", start: 120, end: 210 }));
  });
});

describe("a figure for one country or region", () => {
  it("is not the event's headline figure, nor a disagreement with the global one", () => {
    const figure = summariseReports("problem_reports", [
      { id: 1, metric: "problem_reports", value: 95_000, qualifier: "at_least", sourceName: "Downdetector" },
      { id: 2, metric: "problem_reports", value: 85_000, qualifier: "approximate", sourceName: "Downdetector", scope: "United States" },
    ]);
    expect(figure).toMatchObject({ status: "reported", min: 95_000, max: 95_000, conflicting: false });
  });
});

describe("the scale of a range where sources disagree", () => {
  it("starts at zero when the values are far apart, and says it does not when they are close", () => {
    expect(rangeScale(1_000_000, 8_000_000)).toEqual({ from: 0, to: 8_000_000, fromZero: true });
    expect(rangeScale(60_000_000, 65_000_000)).toEqual({ from: 60_000_000, to: 65_000_000, fromZero: false });
  });
});

describe("the correction log in words", () => {
  const sources = new Map([[7, "Netflix"]]);
  const revisions = [
    {
      id: 2,
      entity: "report",
      entityId: 11040,
      action: "update",
      field: "value",
      before: "64000000",
      after: "65000000",
      actor: "Ada",
      reason: "Netflix revised its count",
      at: new Date(),
    },
    {
      id: 3,
      entity: "report",
      entityId: 11040,
      action: "update",
      field: "qualifier",
      before: '"approximate"',
      after: '"exact"',
      actor: "Ada",
      at: new Date(),
    },
    {
      id: 1,
      entity: "report",
      entityId: 11040,
      action: "create",
      field: null,
      before: null,
      after: JSON.stringify({ metric: "peak_streams", value: 64_000_000, sourceId: 7, scope: "global" }),
      actor: "Ada",
      at: new Date(),
    },
  ];
  const context = buildHistoryContext([], revisions, sources, "video");

  it("names the figure, the field and the values as the forms do, with the reason given", () => {
    expect(describeRevision(revisions[0], context)).toEqual({
      what: "Figure: Peak concurrent streams from Netflix",
      change: "value: 64,000,000 → 65,000,000",
      reason: "Netflix revised its count",
    });
    expect(describeRevision(revisions[1], context).change).toBe("qualifier: about → exact");
    expect(describeRevision(revisions[2], context)).toMatchObject({
      what: "Figure: Peak concurrent streams from Netflix",
      change: "added, 64,000,000",
    });
    for (const r of revisions) expect(JSON.stringify(describeRevision(r, context))).not.toMatch(/#\d|peak_streams|approximate/);
    // A kind reads in its own list's words: a source's "magazine" is trade press, an incident's "buffering" Buffering.
    const kind = (entity: string, before: string, after: string) =>
      describeRevision(
        {
          id: 9,
          entity,
          entityId: 1,
          action: "update",
          field: "kind",
          before: JSON.stringify(before),
          after: JSON.stringify(after),
          actor: null,
          at: new Date(),
        },
        context,
      ).change;
    expect(kind("source", "newspaper", "magazine")).toBe("kind: Newspaper → Magazine or trade press");
    expect(kind("incident", "crash", "buffering")).toBe("kind: Crash → Buffering");
  });
});
