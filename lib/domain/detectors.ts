// Detectors over an event's samples (dead air, late start, stream down, audience collapse): pure functions, instants in epoch ms.
import { z } from "zod";
import { ONE_PASS, readable } from "../validation/fields";

export interface SamplePoint {
  at: number;
  value: number;
}

export const DETECTOR_KEYS = ["dead_air", "late_start", "stream_down", "audience_collapse"] as const;
export type DetectorKey = (typeof DETECTOR_KEYS)[number];

export interface Detection {
  detector: DetectorKey;
  startedAt: number;
  /** When the condition cleared (the first sample of the recovery); null while it is still going on at the latest sample. */
  endedAt: number | null;
}

export interface DetectorSettings {
  deadAir: {
    /** Silence is loudness strictly below this (LUFS): a sample at exactly the threshold is sound. */
    thresholdLufs: number;
    /** A silence is dead air once it has lasted this long. */
    minDurationMs: number;
    /** Sound that ends a silence must reach the threshold plus this many LU; quieter samples neither open nor end one. */
    hysteresisLu: number;
    /** ...and stay there this long; a shorter burst of sound is part of the silence. */
    recoveryMs: number;
    /** Two samples further apart than this leave a gap: unknown, not silence. */
    maxGapMs: number;
  };
  lateStart: {
    /** Sound is loudness at or above this (LUFS). */
    soundLufs: number;
    /** Sound that lasts this long means the broadcast has begun. */
    sustainMs: number;
    /** A broadcast that begins this soon after its scheduled start began on time. */
    graceMs: number;
    /** A gap longer than this breaks a run of sound. */
    maxGapMs: number;
  };
  streamDown: {
    /** How often samples are expected (of any series). */
    expectedIntervalMs: number;
    /** The stream is down when this many expected intervals pass with no sample of any series. */
    missedIntervals: number;
    /** A down stream is back once it has been up this long. */
    recoveryMs: number;
  };
  audienceCollapse: {
    /** A collapse is listeners falling by this fraction or more (inclusive) of their highest count within `windowMs`. */
    dropFraction: number;
    windowMs: number;
    /** It ends when listeners are back strictly above this fraction of the level before the fall... */
    recoveryFraction: number;
    /** ...and stay above it this long. */
    recoveryMs: number;
  };
}

/**
 * Why these defaults:
 * - dead air: loudness strictly below −50 LUFS for 10 s (−50.0 itself is sound). Broadcast silence detectors sit in
 *   this range (AWS MediaLive's audio-silence failover counts audio quieter than −50 dBFS as silence; Liquidsoap's
 *   `blank.detect` defaults to −40 dB for 20 s), and programme is mixed near −23 LUFS (EBU R128), so −50 is silence,
 *   not a quiet voice. The sound that ends it must reach −45 LUFS (5 LU higher) for 5 s, so a cough or a 1-s blip in
 *   a long silence does not split it into many incidents.
 * - gaps: three missed 1-s samples (3 s) is a gap; the monitor's ebur128 probe reports every second or faster.
 * - late start: sound at or above −50 LUFS for 10 s is the broadcast beginning (a mic check is shorter). Schedules are
 *   announced to the minute, so a broadcast under way within 60 s of the scheduled start is on time; a later one is a
 *   late start from the scheduled start to the first sample of its sustained sound (the delay, measured).
 * - stream down: samples are expected every second; three intervals with no sample of any series is down, from the
 *   first sample that did not come to the next one, as is an explicit stream_up of 0 until the next up; up for 5 s
 *   ends it, so a reconnecting stream is one incident.
 * - audience collapse: listeners at or below half of their highest count of the last five minutes (a crash or an
 *   exodus, not the slow drift at the end of a show); it ends when they are back above 75 % of that level for 30 s.
 */
export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = deepFreeze({
  deadAir: { thresholdLufs: -50, minDurationMs: 10_000, hysteresisLu: 5, recoveryMs: 5_000, maxGapMs: 3_000 },
  lateStart: { soundLufs: -50, sustainMs: 10_000, graceMs: 60_000, maxGapMs: 3_000 },
  streamDown: { expectedIntervalMs: 1_000, missedIntervals: 3, recoveryMs: 5_000 },
  audienceCollapse: { dropFraction: 0.5, windowMs: 300_000, recoveryFraction: 0.75, recoveryMs: 30_000 },
});

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === "object") deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * Samples in time order, one per instant (the first one given wins, as storage keeps the first of a repeated instant),
 * without non-finite values. Everything below reads a sample as holding until the next one, unless a gap follows;
 * the latest sample holds only for its own instant.
 */
function normalize(points: readonly SamplePoint[]): SamplePoint[] {
  const kept = points.filter((p) => Number.isFinite(p.at) && Number.isFinite(p.value));
  kept.sort((a, b) => a.at - b.at);
  const out: SamplePoint[] = [];
  for (const p of kept) if (out.length === 0 || out[out.length - 1].at !== p.at) out.push(p);
  return out;
}

function normalizeTimes(times: readonly number[]): number[] {
  const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.filter((t, i) => i === 0 || sorted[i - 1] !== t);
}

/**
 * Dead air: stretches of loudness strictly below the threshold, kept when they last `minDurationMs`. A stretch ends
 * at the first sample of `recoveryMs` of sound at or above threshold + hysteresis; samples between the two lines
 * keep it going. A gap longer than `maxGapMs` ends it where it was last known: at its last sample, or at the start of
 * a recovery the gap cut short.
 */
export function detectDeadAir(loudness: SamplePoint[], settings: DetectorSettings["deadAir"] = DEFAULT_DETECTOR_SETTINGS.deadAir): Detection[] {
  const { thresholdLufs, minDurationMs, hysteresisLu, recoveryMs, maxGapMs } = settings;
  const recoveryLufs = thresholdLufs + hysteresisLu;
  const detections: Detection[] = [];
  let startedAt: number | null = null;
  let lastInStretch = 0;
  let recoveryFrom: number | null = null;
  let previousAt = -Infinity;

  const end = (endedAt: number | null, knownUntil: number) => {
    if (startedAt !== null && knownUntil - startedAt >= minDurationMs) detections.push({ detector: "dead_air", startedAt, endedAt });
    startedAt = null;
    recoveryFrom = null;
  };

  for (const p of normalize(loudness)) {
    if (startedAt !== null && p.at - previousAt > maxGapMs) {
      const until = recoveryFrom ?? lastInStretch;
      end(until, until);
    } else if (startedAt !== null && recoveryFrom !== null && p.at - recoveryFrom >= recoveryMs) {
      end(recoveryFrom, recoveryFrom);
    }
    if (startedAt === null) {
      if (p.value < thresholdLufs) startedAt = lastInStretch = p.at;
    } else if (p.value >= recoveryLufs) {
      recoveryFrom ??= p.at;
    } else {
      recoveryFrom = null;
      lastInStretch = p.at;
    }
    previousAt = p.at;
  }
  // Still silent, or recovering but not for long enough yet: open.
  if (startedAt !== null) end(null, recoveryFrom ?? lastInStretch);
  return detections;
}

interface SoundOnset {
  /** The first sample of the first sustained sound that was still going on at the scheduled start or began after it. */
  onset?: number;
  /** A run of sound still going on at `now` that is not yet long enough: when it began. */
  pendingSince?: number;
}

function findSoundOnset(points: SamplePoint[], scheduledStart: number, now: number, settings: DetectorSettings["lateStart"]): SoundOnset {
  const { soundLufs, sustainMs, maxGapMs } = settings;
  let runFrom: number | null = null;
  let previousAt = -Infinity;
  for (const p of points) {
    if (runFrom !== null && p.at - previousAt > maxGapMs) runFrom = null;
    // The run holds until this sample: long enough, and reaching the scheduled start.
    if (runFrom !== null && p.at - runFrom >= sustainMs && p.at >= scheduledStart) return { onset: runFrom };
    if (p.value >= soundLufs) runFrom ??= p.at;
    else runFrom = null;
    previousAt = p.at;
  }
  // A run whose samples stopped coming is no longer pending: nothing says it went on.
  return runFrom !== null && now - previousAt <= maxGapMs ? { pendingSince: runFrom } : {};
}

/**
 * Late start: no sustained sound at the scheduled start. From the scheduled start to the first sample of the sound
 * that then lasted `sustainMs` (the delay, measured); open once `now` is past the grace period with no such sound.
 * Null when the broadcast began within the grace period, or when it is too early to tell.
 */
export function detectLateStart(
  loudness: SamplePoint[],
  scheduledStart: number,
  now: number,
  settings: DetectorSettings["lateStart"] = DEFAULT_DETECTOR_SETTINGS.lateStart,
): Detection | null {
  const { onset, pendingSince } = findSoundOnset(normalize(loudness), scheduledStart, now, settings);
  const due = scheduledStart + settings.graceMs;
  if (onset !== undefined) return onset > due ? { detector: "late_start", startedAt: scheduledStart, endedAt: onset } : null;
  if (now <= due) return null;
  // Sound that began in time and is still going on may yet prove the start on time.
  if (pendingSince !== undefined && pendingSince <= due) return null;
  return { detector: "late_start", startedAt: scheduledStart, endedAt: null };
}

/**
 * Stream down: while the latest stream_up sample is 0 (or below; any positive value is up), and wherever no sample
 * of any series came for `missedIntervals` expected intervals, from the first sample that did not come to the next
 * one that did. `anySampleTimes` are the instants of every sample of every series (stream_up's are added anyway).
 * Down spells separated by less than `recoveryMs` of up are one; the last one stays open until the stream has been
 * up that long at `now`.
 */
export function detectStreamDown(
  streamUp: SamplePoint[],
  anySampleTimes: number[],
  now: number,
  settings: DetectorSettings["streamDown"] = DEFAULT_DETECTOR_SETTINGS.streamDown,
): Detection[] {
  const { expectedIntervalMs, missedIntervals, recoveryMs } = settings;
  const limit = expectedIntervalMs * missedIntervals;
  const ups = normalize(streamUp);
  const spells: { from: number; to: number }[] = [];

  let downFrom: number | null = null;
  for (const p of ups) {
    if (p.value <= 0) downFrom ??= p.at;
    else if (downFrom !== null) {
      spells.push({ from: downFrom, to: p.at });
      downFrom = null;
    }
  }
  if (downFrom !== null) spells.push({ from: downFrom, to: Infinity });

  const times = normalizeTimes([...anySampleTimes, ...ups.map((p) => p.at)]);
  for (let i = 1; i < times.length; i++) {
    if (times[i] - times[i - 1] > limit) spells.push({ from: times[i - 1] + expectedIntervalMs, to: times[i] });
  }
  const latest = times.length ? times[times.length - 1] : -Infinity;
  if (times.length && now - latest > limit) spells.push({ from: latest + expectedIntervalMs, to: Infinity });

  spells.sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const spell of spells) {
    const last = merged[merged.length - 1];
    // Overlapping, or up for less than the recovery time in between: one incident.
    if (last && spell.from - last.to < recoveryMs) last.to = Math.max(last.to, spell.to);
    else merged.push({ ...spell });
  }
  const upUntil = Math.max(now, latest);
  return merged.map(({ from, to }) => ({ detector: "stream_down", startedAt: from, endedAt: upUntil - to >= recoveryMs ? to : null }));
}

/**
 * Audience collapse: listeners at or below (1 − dropFraction) of their highest count within `windowMs`, from the
 * first sample that low. It ends at the first sample of `recoveryMs` strictly above recoveryFraction of that highest
 * count; the next collapse is measured against counts from that recovery on. Counts are polled, often sparsely, so a
 * gap between them is not a drop: each holds until the next.
 */
export function detectAudienceCollapse(
  listeners: SamplePoint[],
  settings: DetectorSettings["audienceCollapse"] = DEFAULT_DETECTOR_SETTINGS.audienceCollapse,
): Detection[] {
  const { dropFraction, windowMs, recoveryFraction, recoveryMs } = settings;
  const points = normalize(listeners);
  const detections: Detection[] = [];
  // Indices of the window's samples whose counts decrease from the front: the front is the window's highest.
  const window: number[] = [];
  let head = 0;
  let windowFrom = -Infinity;
  let collapse: { startedAt: number; level: number } | null = null;
  let recoveryFrom: number | null = null;

  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (collapse && recoveryFrom !== null && p.at - recoveryFrom >= recoveryMs) {
      detections.push({ detector: "audience_collapse", startedAt: collapse.startedAt, endedAt: recoveryFrom });
      windowFrom = recoveryFrom;
      collapse = null;
      recoveryFrom = null;
    }
    while (window.length > head && points[window[window.length - 1]].value <= p.value) window.pop();
    window.push(i);
    const lowerBound = Math.max(p.at - windowMs, windowFrom);
    while (points[window[head]].at < lowerBound) head++;

    if (collapse) {
      if (p.value > recoveryFraction * collapse.level) recoveryFrom ??= p.at;
      else recoveryFrom = null;
      continue;
    }
    const level = points[window[head]].value;
    if (level > 0 && p.value <= (1 - dropFraction) * level) collapse = { startedAt: p.at, level };
  }
  if (collapse) detections.push({ detector: "audience_collapse", startedAt: collapse.startedAt, endedAt: null });
  return detections;
}

/**
 * Every detector over an event's series ("loudness", "listeners", "stream_up"; others count only as signs of life
 * for stream down, which listeners, being polled, do not). With a scheduled start, silence before the broadcast began is the late start's (or the
 * pre-show's), not dead air: dead air is kept from the onset of sustained sound on. Sorted by start.
 */
export function runDetectors(input: {
  series: Record<string, SamplePoint[]>;
  scheduledStart: number | null;
  now: number;
  settings?: DetectorSettings;
}): Detection[] {
  const { series, scheduledStart, now } = input;
  const settings = input.settings ?? DEFAULT_DETECTOR_SETTINGS;
  const loudness = normalize(series.loudness ?? []);
  const detections: Detection[] = [];

  let deadAir = detectDeadAir(loudness, settings.deadAir);
  if (scheduledStart !== null) {
    const late = detectLateStart(loudness, scheduledStart, now, settings.lateStart);
    if (late) detections.push(late);
    const onset = findSoundOnset(loudness, scheduledStart, now, settings.lateStart).onset ?? Infinity;
    deadAir = deadAir.filter((d) => (d.endedAt ?? Infinity) > onset).map((d) => (d.startedAt < onset ? { ...d, startedAt: onset } : d));
  }
  detections.push(...deadAir);

  // Audience counts are polled, often every 15 s or more (an X Space, an Icecast status page): their gaps say nothing
  // of the stream, so only the stream's own series (loudness, stream_up, custom ones) count as signs of life.
  const anySampleTimes = Object.entries(series).flatMap(([name, points]) => (name === "listeners" ? [] : points.map((p) => p.at)));
  detections.push(...detectStreamDown(series.stream_up ?? [], anySampleTimes, now, settings.streamDown));
  detections.push(...detectAudienceCollapse(series.listeners ?? [], settings.audienceCollapse));
  return detections.sort((a, b) => a.startedAt - b.startedAt || DETECTOR_KEYS.indexOf(a.detector) - DETECTOR_KEYS.indexOf(b.detector));
}

// Per-event overrides. Each field has one message, given for every way it can be wrong, naming the field.
const setting = (message: string, valid: (n: number) => boolean) => z.number({ error: message }).refine(valid, { error: message }).optional();
const range = (label: string, min: number, max: number, unit: string, integer = true) =>
  setting(
    `${label} must be ${integer ? "a whole number" : "a number"} of ${unit} from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}.`,
    (n) => n >= min && n <= max && (!integer || Number.isInteger(n)),
  );
const fraction = (label: string) => setting(`${label} must be a fraction above 0 and at most 1 (0.5 is half).`, (n) => n > 0 && n <= 1);

const DAY_MS = 86_400_000;

const GROUP_SHAPES = {
  deadAir: {
    thresholdLufs: range("Dead air threshold", -100, 0, "LUFS", false),
    minDurationMs: range("Dead air minimum duration", 1_000, DAY_MS, "milliseconds"),
    hysteresisLu: range("Dead air hysteresis", 0, 30, "LU", false),
    recoveryMs: range("Dead air recovery time", 0, DAY_MS, "milliseconds"),
    maxGapMs: range("Dead air longest gap", 100, DAY_MS, "milliseconds"),
  },
  lateStart: {
    soundLufs: range("Late start sound level", -100, 0, "LUFS", false),
    sustainMs: range("Late start sustained sound", 0, DAY_MS, "milliseconds"),
    graceMs: range("Late start grace period", 0, DAY_MS, "milliseconds"),
    maxGapMs: range("Late start longest gap", 100, DAY_MS, "milliseconds"),
  },
  streamDown: {
    expectedIntervalMs: range("Stream down expected interval", 100, 3_600_000, "milliseconds"),
    missedIntervals: range("Stream down missed intervals", 1, 1_000, "intervals"),
    recoveryMs: range("Stream down recovery time", 0, DAY_MS, "milliseconds"),
  },
  audienceCollapse: {
    dropFraction: fraction("Audience collapse drop"),
    windowMs: range("Audience collapse window", 1_000, DAY_MS, "milliseconds"),
    recoveryFraction: fraction("Audience collapse recovery level"),
    recoveryMs: range("Audience collapse recovery time", 0, DAY_MS, "milliseconds"),
  },
};

const GROUP_LABELS: Record<keyof DetectorSettings, string> = {
  deadAir: "Dead air settings",
  lateStart: "Late start settings",
  streamDown: "Stream down settings",
  audienceCollapse: "Audience collapse settings",
};

export type DetectorSettingsOverrides = { [K in keyof DetectorSettings]?: Partial<DetectorSettings[K]> };

/** The overrides merged over the defaults; a missing group or field keeps its default. */
export function mergeDetectorSettings(overrides: DetectorSettingsOverrides): DetectorSettings {
  const d = DEFAULT_DETECTOR_SETTINGS;
  const o = overrides;
  return {
    deadAir: { ...d.deadAir, ...o.deadAir },
    lateStart: { ...d.lateStart, ...o.lateStart },
    streamDown: { ...d.streamDown, ...o.streamDown },
    audienceCollapse: { ...d.audienceCollapse, ...o.audienceCollapse },
  };
}

/** Checked with the fields' own messages (ONE_PASS), once the two fractions it compares parsed. */
function checkMerged(overrides: DetectorSettingsOverrides, ctx: z.RefinementCtx) {
  const group: unknown = overrides.audienceCollapse;
  if (group !== undefined && (typeof group !== "object" || group === null)) return;
  if (!readable(ctx, ["audienceCollapse", "dropFraction"], ["audienceCollapse", "recoveryFraction"])) return;
  const { audienceCollapse } = mergeDetectorSettings(overrides);
  // Otherwise a count low enough to open a collapse would already count as its recovery.
  if (audienceCollapse.recoveryFraction <= 1 - audienceCollapse.dropFraction) {
    const field = overrides.audienceCollapse?.recoveryFraction !== undefined ? "recoveryFraction" : "dropFraction";
    ctx.addIssue({
      code: "custom",
      path: ["audienceCollapse", field],
      message: `Audience collapse recovery level (${audienceCollapse.recoveryFraction}) must be above the level a collapse falls to (1 − drop = ${Number((1 - audienceCollapse.dropFraction).toFixed(6))}).`,
    });
  }
}

function overridesSchema(strict: boolean) {
  const object = strict ? z.strictObject : z.object;
  const group = <K extends keyof DetectorSettings>(key: K) =>
    object(GROUP_SHAPES[key], {
      error: (issue) => (issue.code === "invalid_type" ? `${GROUP_LABELS[key]} must be an object of fields.` : undefined),
    }).optional();
  return object(
    { deadAir: group("deadAir"), lateStart: group("lateStart"), streamDown: group("streamDown"), audienceCollapse: group("audienceCollapse") },
    {
      error: (issue) =>
        issue.code === "invalid_type"
          ? "Detector settings must be an object of groups (deadAir, lateStart, streamDown, audienceCollapse)."
          : undefined,
    },
  ).superRefine(checkMerged, ONE_PASS);
}

/** An event's overrides as an editor or the API sends them: unknown groups and fields are refused. */
export const DetectorSettingsInput: z.ZodType<DetectorSettingsOverrides> = overridesSchema(true);
export type DetectorSettingsInput = DetectorSettingsOverrides;

// Stored settings are read leniently (a field a later version dropped is ignored), but a value that does not
// validate voids them whole: settings half applied would be harder to explain than the defaults.
const StoredDetectorSettings: z.ZodType<DetectorSettingsOverrides> = overridesSchema(false);

/** An event's stored overrides (JSON, partial) merged over the defaults; missing, bad JSON or invalid → the defaults. */
export function parseDetectorSettings(json: string | null): DetectorSettings {
  if (json === null || json.trim() === "") return DEFAULT_DETECTOR_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_DETECTOR_SETTINGS;
  }
  const parsed = StoredDetectorSettings.safeParse(raw);
  return parsed.success ? mergeDetectorSettings(parsed.data) : DEFAULT_DETECTOR_SETTINGS;
}
