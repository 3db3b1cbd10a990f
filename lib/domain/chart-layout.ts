// Where the comparison charts put their bars and words. They are drawn on the server, which cannot measure the page:
// every x is a share of the drawing's width (percentages in the SVG) and every y is in pixels, and what depends on
// the width (which label fits where, which tick keeps its label) is laid out once for each of a few widths, the
// page's CSS (container queries) showing the layout of the width the chart has.
import type { AudienceRow, MinutesLostRow, Segment, TimelineRow } from "./compare";
import { minuteTicks } from "./compare";
import { formatCompact, formatMinutes } from "./format";
import { countTicks } from "./live-view";

/**
 * The widths a chart is laid out for: layout b is shown from WIDTH_BUCKETS[b] px up to the next one, and laid out
 * for the narrowest width it is shown at (the first for LAYOUT_MIN), so that whatever it places still fits when
 * the chart is wider. app/globals.css has one container query per bucket, hiding what carries its class ("h3").
 */
export const WIDTH_BUCKETS = [0, 320, 400, 520, 680, 860, 1060] as const;
/** The narrowest chart laid out: a 320 px phone's. */
export const LAYOUT_MIN = 260;
export const LAYOUT_WIDTHS: readonly number[] = WIDTH_BUCKETS.map((w) => Math.max(w, LAYOUT_MIN));

/** About how wide a character of 12 px text is: enough to keep two labels apart. */
export const CHAR_PX = 6.8;

export function textWidth(text: string, size = 12, bold = false): number {
  return text.length * CHAR_PX * (size / 12) * (bold ? 1.08 : 1);
}

/** A piece of a chart laid out for every width: each distinct layout and the buckets where it is not the one shown. */
export interface Variant<T> {
  value: T;
  hiddenAt: number[];
}

/** Groups one value per bucket (null: nothing there) into the distinct values, each with where it is hidden. */
export function variants<T>(perBucket: (T | null)[], key: (value: T) => string = (v) => JSON.stringify(v)): Variant<T>[] {
  const groups = new Map<string, { value: T; shownAt: Set<number> }>();
  perBucket.forEach((value, bucket) => {
    if (value === null) return;
    const k = key(value);
    const group = groups.get(k) ?? groups.set(k, { value, shownAt: new Set() }).get(k)!;
    group.shownAt.add(bucket);
  });
  return [...groups.values()].map(({ value, shownAt }) => ({
    value,
    hiddenAt: WIDTH_BUCKETS.map((_, b) => b).filter((b) => !shownAt.has(b)),
  }));
}

export type Side = "right" | "left";

/** A label wanted beside a mark: the mark's edges in shares of the width, the label's middle in pixels. */
export interface BesideRequest {
  start: number;
  end: number;
  y: number;
  text: string;
}

/** Between a mark and its label, in pixels. */
export const LABEL_GAP = 4;

/**
 * Each label right of its mark, else left of it, else nowhere (the table beside the chart has it): never past the
 * plot (shares of the width), never over a label placed before it (13 px apart in height, 6 px in width).
 */
export function placeBeside(requests: BesideRequest[], width: number, plot = { left: 0, right: 1 }): (Side | null)[] {
  const taken: { y: number; from: number; to: number }[] = [];
  const [lo, hi] = [plot.left * width - 1, plot.right * width + 1];
  const free = (y: number, from: number, to: number) =>
    from >= lo && to <= hi && !taken.some((t) => Math.abs(t.y - y) < 13 && from < t.to + 6 && to > t.from - 6);
  return requests.map((r) => {
    const length = textWidth(r.text);
    const right = r.end * width + LABEL_GAP;
    const left = r.start * width - LABEL_GAP;
    const candidates: [Side, number, number][] = [
      ["right", right, right + length],
      ["left", left - length, left],
    ];
    for (const [side, from, to] of candidates) {
      if (free(r.y, from, to)) {
        taken.push({ y: r.y, from, to });
        return side;
      }
    }
    return null;
  });
}

export type Anchor = "start" | "middle" | "end";

export interface Tick {
  share: number;
  text: string;
  /** The first label starts at the axis's left end and the last ends at its right end: neither runs past the chart. */
  anchor: Anchor;
  /** Buckets where the label is left out (the gridline stays): too many for the width. */
  hiddenAt: number[];
}

const TICK_GAP = 8;

function tickBox(t: Pick<Tick, "share" | "text" | "anchor">, width: number): [number, number] {
  const x = t.share * width;
  const length = textWidth(t.text);
  return t.anchor === "start" ? [x, x + length] : t.anchor === "end" ? [x - length, x] : [x - length / 2, x + length / 2];
}

/**
 * Which tick labels a width holds: every k-th from the first, k as small as keeps them 8 px apart, and the last one
 * too when it does not crowd the one before it.
 */
export function thinTicks(ticks: Pick<Tick, "share" | "text" | "anchor">[], width: number): boolean[] {
  const clear = (indices: number[]) =>
    indices.every((i, n) => n === 0 || tickBox(ticks[i], width)[0] >= tickBox(ticks[indices[n - 1]], width)[1] + TICK_GAP);
  for (let k = 1; k < ticks.length; k++) {
    const kept = ticks.map((_, i) => i).filter((i) => i % k === 0);
    if (!clear(kept)) continue;
    const last = ticks.length - 1;
    if (kept[kept.length - 1] !== last && clear([kept[kept.length - 1], last])) kept.push(last);
    return ticks.map((_, i) => kept.includes(i));
  }
  return ticks.map((_, i) => i === 0);
}

/** Ticks at shares of the axis, labelled by `format`, thinned for each width. */
export function axisTicks(values: number[], share: (v: number) => number, format: (v: number) => string): Tick[] {
  const ticks = values.map((v, i) => ({
    share: share(v),
    text: format(v),
    anchor: (i === 0 ? "start" : i === values.length - 1 ? "end" : "middle") as Anchor,
  }));
  const kept = LAYOUT_WIDTHS.map((w) => thinTicks(ticks, w));
  return ticks.map((t, i) => ({ ...t, hiddenAt: kept.flatMap((k, b) => (k[i] ? [] : [b])) }));
}

/** A name as one line, or, when it is wider than `room` px, two lines split at the space nearest its middle. */
export function splitName(name: string, room: number): string[] {
  if (textWidth(name) <= room) return [name];
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return [name];
  const cut = spaces.sort((a, b) => Math.abs(a - name.length / 2) - Math.abs(b - name.length / 2))[0];
  return [name.slice(0, cut), name.slice(cut + 1)];
}

// ——— Timeline ———

export interface TimelineLane {
  segment: Segment;
  /** The lane's middle, px from the top. */
  y: number;
  start: number;
  end: number;
  /** A crash or a key moment: drawn as a line rather than a bar. */
  instant: boolean;
  /** Where the segment's words go at each width; none for the time on air, which the key names. */
  label: Variant<Side>[];
}

export interface TimelineLayout {
  height: number;
  plotTop: number;
  plotBottom: number;
  /** t = 0, and where its words go at each width. */
  origin: { share: number; y: number; label: Variant<Side>[] };
  ticks: Tick[];
  rows: { slug: string; name: string; nameY: number; untimedY: number | null; lanes: TimelineLane[] }[];
}

/** The words over the line at t = 0. */
export const ORIGIN_LABEL = "scheduled start, t = 0";

const TIMELINE = { header: 24, name: 18, lane: 20, bar: 12, rowGap: 10, axis: 30 } as const;
export const TIMELINE_BAR = TIMELINE.bar;

/**
 * The timelines: one block per event, its name above its lanes, one lane per segment (so no two labels share a
 * line); a segment's words beside it, right, else left, else nowhere.
 */
export function layoutTimeline(rows: TimelineRow[], domain: [number, number]): TimelineLayout {
  const values = minuteTicks(domain);
  const [lo, hi] = [values[0], values[values.length - 1]];
  const share = (v: number) => (v - lo) / Math.max(1e-9, hi - lo);
  let y = TIMELINE.header;
  const laidOut = rows.map((row) => {
    const nameY = y + 13;
    y += TIMELINE.name;
    const untimedY = row.segments.length === 0 ? y + TIMELINE.lane / 2 : null;
    const lanes = row.segments.map((segment) => {
      const lane = {
        segment,
        y: y + TIMELINE.lane / 2,
        start: share(segment.start),
        end: share(segment.end),
        instant: segment.start === segment.end,
      };
      y += TIMELINE.lane;
      return lane;
    });
    if (untimedY !== null) y += TIMELINE.lane;
    y += TIMELINE.rowGap;
    return { slug: row.slug, name: row.short, nameY, untimedY, lanes };
  });
  const plotBottom = y;
  const labelled = laidOut.flatMap((r) => r.lanes.filter((l) => l.segment.kind !== "on_air"));
  const sides = LAYOUT_WIDTHS.map((w) =>
    placeBeside(
      labelled.map((l) => ({ start: l.start, end: l.end, y: l.y, text: l.segment.text })),
      w,
    ),
  );
  const origin = share(0);
  return {
    height: plotBottom + TIMELINE.axis,
    plotTop: TIMELINE.header,
    plotBottom,
    origin: {
      share: origin,
      y: TIMELINE.header - 8,
      // Alone on its line: right of t = 0, else left, else from the left edge.
      label: variants(LAYOUT_WIDTHS.map((w) => placeBeside([{ start: origin, end: origin, y: 0, text: ORIGIN_LABEL }], w)[0] ?? "right")),
    },
    ticks: axisTicks(values, share, formatMinutes),
    rows: laidOut.map((r) => ({
      ...r,
      lanes: r.lanes.map((lane) => {
        const i = labelled.indexOf(lane);
        return { ...lane, label: i < 0 ? [] : variants(sides.map((s) => s[i])) };
      }),
    })),
  };
}

// ——— Minutes lost ———

export interface MinutesLostLayout {
  height: number;
  plotBottom: number;
  ticks: Tick[];
  bar: number;
  rows: {
    slug: string;
    name: string;
    nameY: number;
    barY: number;
    silence: [number, number] | null;
    degraded: [number, number] | null;
    /** The figures under the bar, whether or not a bar is drawn: the silence, then "+ … degraded" on its own line. */
    lines: { text: string; y: number }[];
  }[];
}

const LOST = { name: 18, bar: 20, line: 15, rowGap: 12, axis: 30 } as const;

/** Minutes lost: per event its name, a bar of silence with the degraded minutes stacked after it, and its figures. */
export function layoutMinutesLost(rows: MinutesLostRow[]): MinutesLostLayout {
  const top = Math.max(...rows.map((r) => (r.value ?? 0) + (r.degraded ?? 0)));
  const values = minuteTicks([0, Math.max(10, top)]);
  const hi = values[values.length - 1];
  const share = (v: number) => v / hi;
  let y = 4;
  const laidOut = rows.map((r) => {
    const nameY = y + 13;
    const barY = y + LOST.name;
    y = barY + LOST.bar;
    const silence = r.value === null || r.value <= 0 ? null : ([0, share(r.value)] as [number, number]);
    const from = r.value ?? 0;
    const degraded = r.degraded === null || r.degraded <= 0 ? null : ([share(from), share(from + r.degraded)] as [number, number]);
    const words = r.degradedText ? [r.value === null ? "silence not reported" : r.text, `+ ${r.degradedText}`] : [r.text];
    const lines = words.map((text) => {
      y += LOST.line;
      return { text, y: y - 2 };
    });
    y += LOST.rowGap;
    return { slug: r.slug, name: r.short, nameY, barY, silence, degraded, lines };
  });
  return { height: y + LOST.axis, plotBottom: y, ticks: axisTicks(values, share, formatMinutes), bar: LOST.bar, rows: laidOut };
}

// ——— Audience ———

export type AudienceSeries = "expected" | "average" | "peak";

export interface AudienceLayout {
  height: number;
  plotTop: number;
  base: number;
  /** Where the bars' groups begin: the scale's labels sit left of it, above their lines. */
  plotLeft: number;
  yTicks: { y: number; text: string }[];
  groups: {
    slug: string;
    center: number;
    bars: { series: AudienceSeries; x: number; width: number; y: number; text: string; textHiddenAt: number[] | null }[];
    /** Under the axis: the name, the attainment, what nobody reported, as the width holds them. */
    under: Variant<{ text: string; y: number; kind: "name" | "attainment" | "note" }[]>[];
  }[];
}

const AUDIENCE = { top: 40, plot: 180, line: 14, bottom: 10, left: 0.06, groupShare: 0.8 } as const;

/**
 * Audience bars grouped per event. A figure nobody reported draws no bar; under the event's name go its attainment
 * and "n/r: peak" (what nobody reported) when the group's width holds them, else "n/r" alone.
 */
export function layoutAudience(rows: AudienceRow[], series: { key: AudienceSeries; name: string }[], notReported: string): AudienceLayout {
  const max = Math.max(0, ...rows.flatMap((r) => series.map((s) => r[s.key] ?? 0)));
  const values = countTicks(max);
  const top = values[values.length - 1];
  const base = AUDIENCE.top + AUDIENCE.plot;
  const yOf = (v: number) => base - (v / top) * AUDIENCE.plot;
  const band = (1 - AUDIENCE.left) / Math.max(1, rows.length);
  const slot = (band * AUDIENCE.groupShare) / series.length;
  const groups = rows.map((r, i) => {
    const center = AUDIENCE.left + band * (i + 0.5);
    const bars = series.flatMap((s, k) => {
      const value = r[s.key];
      if (value === null) return [];
      const text = formatCompact(value);
      // The figure above its bar where the bar's slot holds it; the table has it everywhere.
      const fits = LAYOUT_WIDTHS.map((w) => (textWidth(text) <= slot * w + 2 ? true : null));
      const shown = variants(fits);
      const x = center - (band * AUDIENCE.groupShare) / 2 + slot * k;
      return [
        {
          series: s.key,
          x: x + slot * 0.04,
          width: slot * 0.92,
          y: yOf(value),
          text,
          textHiddenAt: shown.length ? shown[0].hiddenAt : null,
        },
      ];
    });
    const missing = series.filter((s) => r[s.key] === null).map((s) => s.name);
    const note = `${notReported}: ${missing.join(", ")}`;
    const under = variants(
      LAYOUT_WIDTHS.map((w) => {
        const room = band * w - 8;
        const lines: { text: string; kind: "name" | "attainment" | "note" }[] = splitName(r.short, room).map((text) => ({ text, kind: "name" }));
        if (r.attainmentLabel && textWidth(r.attainmentLabel, 12, true) <= room) lines.push({ text: r.attainmentLabel, kind: "attainment" });
        if (missing.length) lines.push({ text: textWidth(note, 11) <= room ? note : notReported, kind: "note" });
        return lines.map((l, n) => ({ ...l, y: base + 16 + n * AUDIENCE.line }));
      }),
    );
    return { slug: r.slug, center, bars, under };
  });
  const lines = Math.max(1, ...groups.flatMap((g) => g.under.map((u) => u.value.length)));
  return {
    height: base + 16 + (lines - 1) * AUDIENCE.line + AUDIENCE.bottom,
    plotTop: AUDIENCE.top,
    base,
    plotLeft: AUDIENCE.left,
    yTicks: values.map((v) => ({ y: yOf(v), text: formatCompact(v) })),
    groups,
  };
}
