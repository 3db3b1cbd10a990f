import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  axisTicks,
  LABEL_GAP,
  LAYOUT_MIN,
  LAYOUT_WIDTHS,
  layoutAudience,
  layoutMinutesLost,
  layoutTimeline,
  placeBeside,
  splitName,
  textWidth,
  thinTicks,
  type TimelineLayout,
  variants,
  WIDTH_BUCKETS,
} from "@/lib/domain/chart-layout";
import type { AudienceRow, MinutesLostRow, Segment, TimelineRow } from "@/lib/domain/compare";

const segment = (kind: Segment["kind"], start: number, end: number, text: string): Segment => ({
  kind,
  start,
  end,
  approximate: false,
  text,
  source: null,
});

// The founding case as buildComparison shapes it (tests/unit/compare.test.ts checks that shaping).
const FOUNDING: TimelineRow[] = [
  {
    slug: "musk-trump-x-spaces-2024",
    title: "Elon Musk interviews Donald Trump on X Spaces",
    short: "X Spaces 2024",
    segments: [segment("late_start", 0, 42, "42 min late"), segment("on_air", 42, 162, "on air for about 2 hr")],
  },
  {
    slug: "desantis-twitter-spaces-2023",
    title: "Ron DeSantis announces his presidential campaign on Twitter Spaces",
    short: "Twitter Spaces 2023",
    segments: [segment("dead_air", 0, 20, "about 20 min of dead air"), segment("crash", 20, 20, "crash at about 20 min")],
  },
];

/** Every timeline label shown at layout `b`, as pixel boxes at `width`. */
function shownLabels(layout: TimelineLayout, b: number, width: number) {
  return layout.rows.flatMap((row) =>
    row.lanes.flatMap((lane) =>
      lane.label
        .filter((v) => !v.hiddenAt.includes(b))
        .map((v) => {
          const length = textWidth(lane.segment.text);
          const from = v.value === "right" ? lane.end * width + LABEL_GAP : lane.start * width - LABEL_GAP - length;
          return { text: lane.segment.text, side: v.value, y: lane.y, from, to: from + length };
        }),
    ),
  );
}

describe("placeBeside", () => {
  it("puts a label right of its mark when it fits there", () => {
    expect(placeBeside([{ start: 0, end: 0.2, y: 10, text: "42 min late" }], 400)).toEqual(["right"]);
  });

  it("puts it left of its mark when the right would run past the plot", () => {
    expect(placeBeside([{ start: 0.8, end: 0.95, y: 10, text: "crash at about 20 min" }], 400)).toEqual(["left"]);
  });

  it("leaves it out when neither side holds it", () => {
    expect(placeBeside([{ start: 0.1, end: 0.9, y: 10, text: "about 20 min of dead air" }], 300)).toEqual([null]);
  });

  it("never puts a label over one placed before it on the same line, but lets lanes apart share a column", () => {
    const first = { start: 0, end: 0.1, y: 10, text: "first label" };
    expect(placeBeside([first, { start: 0.1, end: 0.15, y: 14, text: "second" }], 400)).toEqual(["right", null]);
    expect(placeBeside([first, { start: 0.1, end: 0.15, y: 30, text: "second" }], 400)).toEqual(["right", "right"]);
  });

  it("keeps every label inside the plot and apart from the others, whatever the marks", () => {
    const request = fc.record({
      start: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.double({ min: 0, max: 1, noNaN: true }),
      y: fc.integer({ min: 0, max: 60 }),
      text: fc.string({ minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 12 }), fc.integer({ min: LAYOUT_MIN, max: 1400 }), (raw, width) => {
        const requests = raw.map((r) => ({ start: r.start, end: Math.min(1, r.start + r.length), y: r.y, text: r.text }));
        const boxes = placeBeside(requests, width).flatMap((side, i) => {
          if (side === null) return [];
          const r = requests[i];
          const length = textWidth(r.text);
          const from = side === "right" ? r.end * width + LABEL_GAP : r.start * width - LABEL_GAP - length;
          return [{ y: r.y, from, to: from + length }];
        });
        for (const [i, a] of boxes.entries()) {
          expect(a.from).toBeGreaterThanOrEqual(-1);
          expect(a.to).toBeLessThanOrEqual(width + 1);
          for (const b of boxes.slice(i + 1)) expect(Math.abs(a.y - b.y) >= 13 || a.to + 6 <= b.from || b.to + 6 <= a.from).toBe(true);
        }
      }),
    );
  });
});

describe("thinTicks", () => {
  const ticks = axisTicks(
    [0, 30, 60, 90, 120, 150, 180],
    (v) => v / 180,
    (v) => (v === 150 ? "2 hr 30 min" : `${v} min`),
  );

  it("keeps every label where the width holds them", () => {
    expect(thinTicks(ticks, 1060)).toEqual(ticks.map(() => true));
  });

  it("keeps every other label, first and last included, on a phone", () => {
    expect(thinTicks(ticks, 320)).toEqual([true, false, true, false, true, false, true]);
  });

  it("starts the first label at the left end and ends the last at the right end", () => {
    expect(ticks.map((t) => t.anchor)).toEqual(["start", "middle", "middle", "middle", "middle", "middle", "end"]);
  });

  it("hides a label only at the widths that cannot hold it", () => {
    const wide = WIDTH_BUCKETS.length - 1;
    expect(ticks.every((t) => !t.hiddenAt.includes(wide))).toBe(true);
    expect(ticks[1].hiddenAt).toContain(0);
    expect(ticks[0].hiddenAt).toEqual([]);
  });

  it("never lets two kept labels touch", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: LAYOUT_MIN, max: 1400 }), fc.integer({ min: 1, max: 12 }), (n, width, chars) => {
        const values = Array.from({ length: n }, (_, i) => i);
        const laid = axisTicks(
          values,
          (v) => v / (n - 1),
          (v) => `${v}`.padEnd(chars, "x"),
        );
        const kept = thinTicks(laid, width);
        expect(kept[0]).toBe(true);
        const boxes = laid
          .filter((_, i) => kept[i])
          .map((t) => {
            const x = t.share * width;
            const w = textWidth(t.text);
            return t.anchor === "start" ? [x, x + w] : t.anchor === "end" ? [x - w, x] : [x - w / 2, x + w / 2];
          });
        for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThanOrEqual(boxes[i - 1][1] + 8);
      }),
    );
  });
});

describe("variants", () => {
  it("groups the widths by what they show, each with the buckets where it is hidden", () => {
    const all = WIDTH_BUCKETS.map((_, b) => b);
    const perBucket = all.map((b) => (b < 2 ? "left" : "right"));
    expect(variants(perBucket)).toEqual([
      { value: "left", hiddenAt: all.filter((b) => b >= 2) },
      { value: "right", hiddenAt: [0, 1] },
    ]);
  });

  it("hides a piece everywhere it is null", () => {
    expect(variants(WIDTH_BUCKETS.map((_, b) => (b === 0 ? null : true)))).toEqual([{ value: true, hiddenAt: [0] }]);
  });
});

describe("splitName", () => {
  it("keeps a name that fits on one line, and splits one that does not at the space nearest its middle", () => {
    expect(splitName("Twitter Spaces 2023", 200)).toEqual(["Twitter Spaces 2023"]);
    expect(splitName("Twitter Spaces 2023", 80)).toEqual(["Twitter", "Spaces 2023"]);
    expect(splitName("Kick", 10)).toEqual(["Kick"]);
  });
});

describe("the widths laid out and the stylesheet", () => {
  it("has one container query per bucket of WIDTH_BUCKETS, hiding that bucket's class", () => {
    const css = fs.readFileSync("app/globals.css", "utf8");
    const queries = [...css.matchAll(/@container \(([^)]*)\)\s*\{\s*\.svg-chart \.h(\d+)/g)].map((m) => [m[1], Number(m[2])]);
    const expected = WIDTH_BUCKETS.map((lo, b) => {
      const hi = WIDTH_BUCKETS[b + 1];
      const range = b === 0 ? `width < ${hi}px` : hi === undefined ? `width >= ${lo}px` : `${lo}px <= width < ${hi}px`;
      return [range, b];
    });
    expect(queries).toEqual(expected);
  });
});

describe("layoutTimeline: the founding case", () => {
  const layout = layoutTimeline(FOUNDING, [0, 162]);

  it("writes each segment's words right of it at every width, and none for the time on air", () => {
    for (const [b, width] of LAYOUT_WIDTHS.entries()) {
      expect(shownLabels(layout, b, width).map((l) => [l.text, l.side])).toEqual([
        ["42 min late", "right"],
        ["about 20 min of dead air", "right"],
        ["crash at about 20 min", "right"],
      ]);
    }
  });

  it("puts one lane under another, the event's name above its lanes", () => {
    const [x, d] = layout.rows;
    expect(x.nameY).toBeLessThan(x.lanes[0].y);
    expect(x.lanes[1].y - x.lanes[0].y).toBeGreaterThanOrEqual(13);
    expect(d.nameY).toBeGreaterThan(x.lanes[1].y);
    expect(layout.plotBottom).toBeGreaterThan(d.lanes[1].y);
    expect(layout.height).toBeGreaterThan(layout.plotBottom);
  });

  it("ends the axis on a round tick and draws t = 0 at its left end, its words right of it", () => {
    expect(layout.ticks.map((t) => t.text)).toEqual(["0 min", "30 min", "60 min", "90 min", "2 hr", "2 hr 30 min", "3 hr"]);
    expect(layout.origin.share).toBe(0);
    expect(layout.origin.label).toEqual([{ value: "right", hiddenAt: [] }]);
    expect(layout.rows[1].lanes[1]).toMatchObject({ instant: true, start: 20 / 180, end: 20 / 180 });
  });
});

describe("layoutTimeline: labels that run out of room", () => {
  const rows: TimelineRow[] = [
    {
      slug: "fight",
      title: "A fight",
      short: "Netflix 2024",
      segments: [segment("buffering", 30, 120, "buffering, about 90 min"), segment("moment", 185, 185, "Main fight begins at t = 185 min")],
    },
    { slug: "untimed", title: "Untimed", short: "Nothing 2020", segments: [] },
  ];
  const layout = layoutTimeline(rows, [0, 185]);

  it("writes a key moment near the axis's end left of it", () => {
    const moment = layout.rows[0].lanes[1];
    expect(moment.label).toEqual([{ value: "left", hiddenAt: [] }]);
  });

  it("leaves out a label that fits neither side on a phone, and writes it where the chart is wider", () => {
    const buffering = layout.rows[0].lanes[0];
    expect(buffering.label.find((v) => v.value === "right")?.hiddenAt).toContain(0);
    expect(buffering.label.find((v) => v.value === "right")?.hiddenAt).not.toContain(WIDTH_BUCKETS.length - 1);
  });

  it("keeps every label it writes inside the chart and clear of the others, at every width", () => {
    for (const [b, width] of LAYOUT_WIDTHS.entries()) {
      const labels = shownLabels(layout, b, width);
      for (const [i, a] of labels.entries()) {
        expect(a.from).toBeGreaterThanOrEqual(-1);
        expect(a.to).toBeLessThanOrEqual(width + 1);
        for (const c of labels.slice(i + 1)) expect(Math.abs(a.y - c.y) >= 13 || a.to + 6 <= c.from || c.to + 6 <= a.from).toBe(true);
      }
    }
  });

  it("gives an event with no timing a line that says so, and no lanes", () => {
    expect(layout.rows[1]).toMatchObject({ name: "Nothing 2020", lanes: [] });
    expect(layout.rows[1].untimedY).toBeGreaterThan(layout.rows[1].nameY);
  });
});

const lost = (slug: string, value: number | null, degraded: number | null, text: string, degradedText = ""): MinutesLostRow => ({
  slug,
  title: slug,
  short: slug,
  value,
  text,
  degraded,
  degradedText,
  note: "",
});

describe("layoutMinutesLost", () => {
  const layout = layoutMinutesLost([
    lost("x", 42, null, "at least 42 min"),
    lost("fight", null, 90, "not reported", "about 90 min degraded"),
    lost("none", null, null, "not reported"),
  ]);

  it("draws the silence from 0 and stacks the degraded minutes after it, on an axis that ends on a round tick", () => {
    expect(layout.ticks.map((t) => t.text)).toEqual(["0 min", "15 min", "30 min", "45 min", "60 min", "75 min", "90 min"]);
    expect(layout.rows[0].silence).toEqual([0, 42 / 90]);
    expect(layout.rows[0].degraded).toBeNull();
    expect(layout.rows[1].silence).toBeNull();
    expect(layout.rows[1].degraded).toEqual([0, 1]);
  });

  it("writes the figures under every bar, drawn or not, the degraded minutes on a line of their own", () => {
    expect(layout.rows.map((r) => r.lines.map((l) => l.text))).toEqual([
      ["at least 42 min"],
      ["silence not reported", "+ about 90 min degraded"],
      ["not reported"],
    ]);
    for (const r of layout.rows) for (const l of r.lines) expect(l.y).toBeGreaterThan(r.barY + layout.bar);
  });
});

const audience = (slug: string, expected: number | null, average: number | null, peak: number | null, attainmentLabel = ""): AudienceRow => ({
  slug,
  title: slug,
  short: slug === "x" ? "X Spaces 2024" : "Twitter Spaces 2023",
  unit: "listeners",
  expected,
  average,
  peak,
  expectedText: "",
  averageText: "",
  peakText: "",
  attainmentText: "",
  attainmentLabel,
});

const SERIES = [
  { key: "expected", name: "expected" },
  { key: "average", name: "average" },
  { key: "peak", name: "peak" },
] as const;

describe("layoutAudience", () => {
  const layout = layoutAudience(
    [audience("x", 8_000_000, 1_100_000, null, "13.75% of expected"), audience("d", null, null, null)],
    [...SERIES],
    "n/r",
  );

  it("scales to a round top and draws no bar for a figure nobody reported", () => {
    expect(layout.yTicks.map((t) => t.text)).toEqual(["0", "2M", "4M", "6M", "8M"]);
    expect(layout.groups[0].bars.map((b) => [b.series, b.text])).toEqual([
      ["expected", "8M"],
      ["average", "1.1M"],
    ]);
    expect(layout.groups[0].bars[0].y).toBe(layout.plotTop);
    expect(layout.groups[1].bars).toEqual([]);
  });

  it("writes the figure over its bar at every width for two events", () => {
    for (const b of layout.groups[0].bars) expect(b.textHiddenAt).toEqual([]);
  });

  /** The lines under a group at layout `b`. */
  const under = (g: number, b: number) => layout.groups[g].under.find((v) => !v.hiddenAt.includes(b))!.value.map((l) => l.text);

  it("writes the name, the attainment and what nobody reported under each event from a phone's width up", () => {
    for (const b of WIDTH_BUCKETS.keys()) {
      if (b === 0) continue;
      expect(under(0, b)).toEqual(["X Spaces 2024", "13.75% of expected", "n/r: peak"]);
      // On a phone, the list of what nobody reported is wider than the group: the mark alone (no bar says which).
      expect(under(1, b)).toEqual(["Twitter Spaces 2023", b === 1 ? "n/r" : "n/r: expected, average, peak"]);
    }
  });

  it("splits a name, and leaves out an attainment, that a narrower group cannot hold", () => {
    expect(under(0, 0)).toEqual(["X Spaces 2024", "n/r: peak"]);
    expect(under(1, 0)).toEqual(["Twitter", "Spaces 2023", "n/r"]);
    const lines = Math.max(...layout.groups.flatMap((g) => g.under.map((v) => v.value.length)));
    expect(layout.height).toBeGreaterThanOrEqual(layout.base + 16 + (lines - 1) * 14);
  });

  it("keeps to the mark alone, and leaves the figures to the table, where twelve events share a phone's width", () => {
    const rows = Array.from({ length: 12 }, (_, i) => audience(i === 0 ? "x" : `e${i}`, 8_000_000, i === 0 ? 1_100_000 : null, null));
    const crowded = layoutAudience(rows, [...SERIES], "n/r");
    const narrow = crowded.groups[0].under.find((v) => !v.hiddenAt.includes(0))!;
    expect(narrow.value.find((l) => l.kind === "note")?.text).toBe("n/r");
    expect(crowded.groups[0].bars[0].textHiddenAt).toContain(0);
  });
});
