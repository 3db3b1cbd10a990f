import { describe, expect, it } from "vitest";
import {
  buildMinuteRows,
  chartDomain,
  DRAW_MAX_POINTS,
  formatOffset,
  formatSpan,
  type LiveSeriesState,
  mergeLiveIncident,
  mergeLiveSamples,
  minuteCells,
  offsetTicks,
  placeIncidents,
  splitStatus,
  summarizeCurve,
} from "@/lib/domain/live-view";

const T0 = Date.parse("2024-08-13T00:00:00Z");
const empty = (): LiveSeriesState => ({ points: { listeners: [], loudness: [] }, minutes: [] });

describe("mergeLiveSamples", () => {
  it("keeps samples by series and instant: a repeat after a reconnection changes nothing", () => {
    const seen = new Set<string>();
    const batch = [
      { series: "listeners", at: T0, value: 100 },
      { series: "listeners", at: T0 + 1000, value: 200 },
      { series: "loudness", at: T0, value: -20 },
    ];
    const once = mergeLiveSamples(empty(), batch, seen);
    const twice = mergeLiveSamples(once, batch, seen);
    expect(twice).toBe(once);
    expect(once.points.listeners).toEqual([
      { at: T0, value: 100 },
      { at: T0 + 1000, value: 200 },
    ]);
    expect(minuteCells(once.minutes[0])).toEqual({ listenersMean: 150, listenersMin: 100, listenersMax: 200, loudnessMin: -20 });
  });

  it("puts samples that arrive out of order in time order, and leaves other series out of the chart", () => {
    const seen = new Set<string>();
    let state = mergeLiveSamples(empty(), [{ series: "loudness", at: T0 + 2000, value: -20 }], seen);
    state = mergeLiveSamples(
      state,
      [
        { series: "loudness", at: T0, value: -60 },
        { series: "stream_up", at: T0, value: 1 },
      ],
      seen,
    );
    expect(state.points.loudness.map((p) => p.at)).toEqual([T0, T0 + 2000]);
    expect(state.minutes).toHaveLength(1);
    expect(state.minutes[0].loudness).toEqual({ min: -60, max: -20, sum: -80, count: 2 });
  });

  it("thins a long series for drawing without losing the dead air's minimum", () => {
    const seen = new Set<string>();
    const samples = Array.from({ length: 5000 }, (_, i) => ({ series: "loudness", at: T0 + i * 1000, value: i === 3210 ? -95 : -20 + Math.sin(i) }));
    const state = mergeLiveSamples(empty(), samples, seen);
    expect(state.points.loudness.length).toBeLessThanOrEqual(DRAW_MAX_POINTS);
    expect(state.points.loudness).toContainEqual({ at: T0 + 3210 * 1000, value: -95 });
    // The table still counts every sample.
    expect(state.minutes.reduce((n, r) => n + (r.loudness?.count ?? 0), 0)).toBe(5000);
    expect(state.minutes[0].minute).toBeGreaterThan(state.minutes.at(-1)!.minute);
  });
});

describe("buildMinuteRows", () => {
  it("groups raw samples by minute, latest first", () => {
    const rows = buildMinuteRows({
      listeners: [
        { at: T0 + 5_000, value: 10 },
        { at: T0 + 65_000, value: 30 },
      ],
      loudness: [{ at: T0 + 70_000, value: -55 }],
    });
    expect(rows.map((r) => r.minute)).toEqual([T0 + 60_000, T0]);
    expect(minuteCells(rows[0])).toEqual({ listenersMean: 30, listenersMin: 30, listenersMax: 30, loudnessMin: -55 });
    expect(minuteCells(rows[1]).loudnessMin).toBeNull();
  });
});

describe("incidents on the chart", () => {
  const detected = {
    id: 1,
    kind: "dead_air",
    detector: "dead_air",
    startedAt: new Date(T0 + 60_000),
    endedAt: null,
    startOffsetMinutes: 1,
    durationMinutes: null,
    review: "pending",
  };
  const reported = {
    id: 2,
    kind: "crash",
    detector: null,
    startedAt: null,
    endedAt: null,
    startOffsetMinutes: 20,
    durationMinutes: null,
    review: null,
  };

  it("places detected incidents by their instants and reported ones by their offset from the scheduled start", () => {
    expect(placeIncidents([detected, reported], T0)).toEqual([
      { id: 1, kind: "dead_air", detected: true, from: T0 + 60_000, to: null, review: "pending" },
      { id: 2, kind: "crash", detected: false, from: T0 + 20 * 60_000, to: T0 + 20 * 60_000, review: null },
    ]);
    // Without a scheduled start a reported offset cannot be placed; a dismissed detection is not shaded.
    expect(placeIncidents([reported, { ...detected, review: "dismissed" }], null)).toEqual([]);
  });

  it("closes an open incident when the stream says so", () => {
    const list = placeIncidents([detected], T0);
    const closed = mergeLiveIncident(list, {
      ...detected,
      startedAt: new Date(T0 + 60_000).toISOString(),
      endedAt: new Date(T0 + 75_000).toISOString(),
    });
    expect(closed).toEqual([{ id: 1, kind: "dead_air", detected: true, from: T0 + 60_000, to: T0 + 75_000, review: "pending" }]);
  });
});

describe("the time axis", () => {
  it("includes t = 0 when the samples begin within the hour after it", () => {
    expect(
      chartDomain(
        [
          [
            { at: T0 + 600_000, value: 1 },
            { at: T0 + 900_000, value: 1 },
          ],
        ],
        T0,
      ),
    ).toEqual([0, 900_000]);
    expect(chartDomain([[{ at: T0 + 7_200_000, value: 1 }]], T0)).toEqual([7_200_000, 7_260_000]);
  });

  it("has round ticks, at most about eight", () => {
    expect(offsetTicks([-300_000, 1_200_000])).toEqual([-300_000, 0, 300_000, 600_000, 900_000, 1_200_000]);
    expect(offsetTicks([0, 40_000])).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(offsetTicks([0, 6 * 3_600_000]).length).toBeLessThanOrEqual(8);
  });

  it("reads offsets as a clock, and durations in words", () => {
    expect(formatOffset(-90_000)).toBe("−1:30");
    expect(formatOffset(0)).toBe("0:00");
    expect(formatOffset(3_720_000)).toBe("1:02:00");
    expect(formatSpan(15_000)).toBe("15 s");
    expect(formatSpan(125_000)).toBe("2 min 5 s");
    expect(formatSpan(3_840_000)).toBe("1 hr 4 min");
  });
});

describe("splitStatus", () => {
  it("keeps what moves with each sample out of the announced headline", () => {
    expect(splitStatus({ state: "on_air", text: "On air · 1,234 listening" })).toEqual({ headline: "On air", detail: " · 1,234 listening" });
    expect(splitStatus({ state: "dead_air", text: "Dead air for 0:42" })).toEqual({ headline: "Dead air", detail: " for 0:42" });
    expect(splitStatus({ state: "stream_down", text: "Stream down since 21:03" })).toEqual({ headline: "Stream down since 21:03", detail: "" });
  });
});

describe("summarizeCurve", () => {
  it("gives a curve's range, peak and mean", () => {
    expect(summarizeCurve([])).toBeNull();
    expect(
      summarizeCurve([
        { at: -60_000, value: 10 },
        { at: 0, value: 30 },
        { at: 60_000, value: 20 },
      ]),
    ).toEqual({ from: -60_000, to: 60_000, peak: 30, peakAt: 0, mean: 20 });
  });
});
