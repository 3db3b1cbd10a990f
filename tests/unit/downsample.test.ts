import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SamplePoint } from "@/lib/domain/detectors";
import { downsampleMinMax } from "@/lib/domain/downsample";

const T0 = Date.parse("2024-08-13T00:00:00Z");

/** A day of loudness, one sample a second, speech-like around −20 LUFS, with one minute of dead air and one spike. */
function day(): SamplePoint[] {
  const points: SamplePoint[] = [];
  for (let t = 0; t < 86_400; t++) {
    let value = -20 + 4 * Math.sin(t / 7) + 2 * Math.sin(t / 61);
    if (t >= 50_000 && t < 50_060) value = -70 - (t === 50_030 ? 20 : 0);
    if (t === 70_001) value = -3;
    points.push({ at: T0 + t * 1000, value });
  }
  return points;
}

const isTimeOrdered = (points: SamplePoint[]) => points.every((p, i) => i === 0 || points[i - 1].at <= p.at);

describe("downsampleMinMax", () => {
  it("returns a series already short enough as it is", () => {
    const points = [
      { at: T0, value: 1 },
      { at: T0 + 1000, value: 2 },
    ];
    expect(downsampleMinMax(points, 1000)).toBe(points);
    expect(downsampleMinMax([], 1000)).toEqual([]);
  });

  it("draws a day of 1-s samples with at most 1,000 points, keeping the dead air's minimum and the spike", () => {
    const points = day();
    const drawn = downsampleMinMax(points, 1000);
    expect(drawn.length).toBeLessThanOrEqual(1000);
    expect(drawn.length).toBeGreaterThan(900);
    expect(isTimeOrdered(drawn)).toBe(true);
    expect(drawn).toContainEqual({ at: T0 + 50_030_000, value: -90 });
    expect(drawn).toContainEqual({ at: T0 + 70_001_000, value: -3 });
  });

  it("keeps every bucket's minimum and maximum in time order, once when they are one point", () => {
    // 12 points in 3 buckets of 4.
    const values = [5, 1, 9, 3, /* */ 7, 7, 7, 7, /* */ 2, 8, 0, 4];
    const points = values.map((value, i) => ({ at: T0 + i * 1000, value }));
    expect(downsampleMinMax(points, 6)).toEqual([
      { at: T0 + 1000, value: 1 },
      { at: T0 + 2000, value: 9 },
      { at: T0 + 4000, value: 7 },
      { at: T0 + 9000, value: 8 },
      { at: T0 + 10_000, value: 0 },
    ]);
  });

  it("never returns more than maxPoints, odd ones too", () => {
    const points = day();
    for (const max of [2, 3, 999, 1000, 1001]) expect(downsampleMinMax(points, max).length).toBeLessThanOrEqual(max);
    // One bucket: the day's minimum, then its maximum.
    expect(downsampleMinMax(points, 2)).toEqual([
      { at: T0 + 50_030_000, value: -90 },
      { at: T0 + 70_001_000, value: -3 },
    ]);
  });

  it("sorts samples given out of order, and copes with them all at one instant", () => {
    const points = day().slice(0, 5000).reverse();
    const drawn = downsampleMinMax(points, 100);
    expect(isTimeOrdered(drawn)).toBe(true);
    expect(drawn.length).toBeLessThanOrEqual(100);
    const sameInstant = [3, 1, 2].map((value) => ({ at: T0, value }));
    expect(downsampleMinMax(sameInstant, 2)).toEqual([
      { at: T0, value: 1 },
      { at: T0, value: 3 },
    ]);
  });

  it("refuses a maxPoints below 2 or not whole", () => {
    expect(() => downsampleMinMax(day().slice(0, 10), 1)).toThrow(RangeError);
    expect(() => downsampleMinMax(day().slice(0, 10), 2.5)).toThrow(RangeError);
  });

  it("keeps the global minimum and maximum of any series, within maxPoints, from the input's own points", () => {
    const series = fc.array(fc.record({ at: fc.integer({ min: 0, max: 10_000 }), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), {
      minLength: 1,
      maxLength: 400,
    });
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 60 }), (points, max) => {
        const drawn = downsampleMinMax(points, max);
        expect(drawn.length).toBeLessThanOrEqual(max);
        expect(isTimeOrdered(drawn) || drawn === points).toBe(true);
        const values = drawn.map((p) => p.value);
        expect(Math.min(...values)).toBe(Math.min(...points.map((p) => p.value)));
        expect(Math.max(...values)).toBe(Math.max(...points.map((p) => p.value)));
        for (const p of drawn) expect(points).toContain(p);
      }),
    );
  });
});
