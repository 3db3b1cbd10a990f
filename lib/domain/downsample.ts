// Fewer points for drawing a long series, keeping every bucket's lowest and highest so no dip or spike disappears.
//
// Hand-written min/max bucketing rather than LTTB (largest triangle three buckets): LTTB keeps one point per bucket,
// the one that makes the largest triangle with its neighbours, so a bucket's minimum (the minute of dead air, the
// moment the audience crashed) can be dropped. Here each bucket of equal time keeps both its minimum and its maximum.
import type { SamplePoint } from "./detectors";

/**
 * At most `maxPoints` points (an integer of at least 2): the time range is split into maxPoints / 2 buckets of equal
 * duration, each keeping its minimum and its maximum (once when they are the same point), in time order; ties keep
 * the earliest. A series already short enough is returned as it is.
 */
export function downsampleMinMax(points: SamplePoint[], maxPoints: number): SamplePoint[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer of at least 2, not ${maxPoints}.`);
  if (points.length <= maxPoints) return points;

  const sorted = isSorted(points) ? points : [...points].sort((a, b) => a.at - b.at);
  const buckets = Math.floor(maxPoints / 2);
  const first = sorted[0].at;
  const span = sorted[sorted.length - 1].at - first;
  const mins: (SamplePoint | undefined)[] = new Array(buckets);
  const maxs: (SamplePoint | undefined)[] = new Array(buckets);
  for (const p of sorted) {
    // The last instant belongs to the last bucket, not to one past it.
    const b = span === 0 ? 0 : Math.min(buckets - 1, Math.floor(((p.at - first) / span) * buckets));
    const lo = mins[b];
    const hi = maxs[b];
    if (!lo || p.value < lo.value) mins[b] = p;
    if (!hi || p.value > hi.value) maxs[b] = p;
  }

  const out: SamplePoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = mins[b];
    const hi = maxs[b];
    if (!lo || !hi) continue;
    if (lo === hi) out.push(lo);
    else if (lo.at <= hi.at) out.push(lo, hi);
    else out.push(hi, lo);
  }
  return out;
}

function isSorted(points: SamplePoint[]): boolean {
  for (let i = 1; i < points.length; i++) if (points[i].at < points[i - 1].at) return false;
  return true;
}
