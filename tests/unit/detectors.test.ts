import { describe, expect, it } from "vitest";
import {
  DEFAULT_DETECTOR_SETTINGS,
  detectAudienceCollapse,
  detectDeadAir,
  detectLateStart,
  detectStreamDown,
  DetectorSettingsInput,
  parseDetectorSettings,
  runDetectors,
  type SamplePoint,
} from "@/lib/domain/detectors";
import { toFieldErrors } from "@/lib/validation/fields";

// The 2024 interview's scheduled start: 20:00 in New York.
const T0 = Date.parse("2024-08-13T00:00:00Z");
const sec = (n: number) => T0 + n * 1000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One sample per second (or per `step`) for each [from, to, value] segment, in seconds after T0, ends included. */
function track(segments: [from: number, to: number, value: number | ((t: number) => number)][], step = 1): SamplePoint[] {
  const out: SamplePoint[] = [];
  for (const [from, to, value] of segments) {
    for (let t = from; t <= to; t += step) out.push({ at: sec(t), value: typeof value === "number" ? value : value(t) });
  }
  return out;
}

/** A fixed offset of −300 to +300 ms for sample i: spacing between 0.4 and 1.6 s, like a real probe's. */
const jitterMs = (i: number) => ((i * 7919) % 601) - 300;
const jittered = (points: SamplePoint[]) => points.map((p) => ({ ...p, at: p.at + jitterMs(Math.round((p.at - T0) / 1000)) }));
const atJ = (i: number) => sec(i) + jitterMs(i);

/** The same samples in a scrambled order (a fixed permutation). */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const SOUND = -20;
const SILENT = -60;

describe("detectDeadAir", () => {
  it("opens at the first silent sample and closes at the first sample of the recovery", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 59, SILENT],
      [60, 90, SOUND],
    ]);
    expect(detectDeadAir(loudness)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(60) }]);
  });

  it("needs 10 s of silence: 9 s is not dead air, 10 s is", () => {
    const nine = track([
      [0, 29, SOUND],
      [30, 38, SILENT],
      [39, 60, SOUND],
    ]);
    const ten = track([
      [0, 29, SOUND],
      [30, 39, SILENT],
      [40, 60, SOUND],
    ]);
    expect(detectDeadAir(nine)).toEqual([]);
    expect(detectDeadAir(ten)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(40) }]);
  });

  it("does not count loudness exactly at the threshold (−50.0 LUFS) as silence: below means strictly below", () => {
    const atThreshold = track([
      [0, 29, SOUND],
      [30, 89, -50],
      [90, 120, SOUND],
    ]);
    const justBelow = track([
      [0, 29, SOUND],
      [30, 89, -50.01],
      [90, 120, SOUND],
    ]);
    expect(detectDeadAir(atThreshold)).toEqual([]);
    expect(detectDeadAir(justBelow)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(90) }]);
  });

  it("opens one incident for a silence with 1-s blips of sound every 3 s (flapping)", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 89, (t) => (t % 3 === 1 ? SOUND : SILENT)],
      [90, 120, SOUND],
    ]);
    expect(detectDeadAir(loudness)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(90) }]);
  });

  it("keeps a silence going through 4 s of sound, and ends it with 5 s of sound", () => {
    const withFour = track([
      [0, 29, SOUND],
      [30, 49, SILENT],
      [50, 53, SOUND],
      [54, 70, SILENT],
      [71, 100, SOUND],
    ]);
    const withFive = track([
      [0, 29, SOUND],
      [30, 49, SILENT],
      [50, 54, SOUND],
      [55, 70, SILENT],
      [71, 100, SOUND],
    ]);
    expect(detectDeadAir(withFour)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(71) }]);
    expect(detectDeadAir(withFive)).toEqual([
      { detector: "dead_air", startedAt: sec(30), endedAt: sec(50) },
      { detector: "dead_air", startedAt: sec(55), endedAt: sec(71) },
    ]);
  });

  it("needs recovery sound 5 LU above the threshold: quieter samples neither open a silence nor end one", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 49, SILENT],
      [50, 79, -47],
      [80, 100, SOUND],
    ]);
    expect(detectDeadAir(loudness)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(80) }]);
    expect(detectDeadAir(track([[0, 100, -47]]))).toEqual([]);
  });

  it("leaves a silence open while it goes on, and while its recovery has not lasted long enough", () => {
    const silentToTheEnd = track([
      [0, 29, SOUND],
      [30, 59, SILENT],
    ]);
    const recovering = track([
      [0, 29, SOUND],
      [30, 59, SILENT],
      [60, 63, SOUND],
    ]);
    expect(detectDeadAir(silentToTheEnd)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: null }]);
    expect(detectDeadAir(recovering)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: null }]);
    expect(detectDeadAir([...recovering, { at: sec(65), value: SOUND }])).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(60) }]);
  });

  it("opens an ongoing silence only once 10 s of it are known", () => {
    expect(detectDeadAir(track([[0, 9, SILENT]]))).toEqual([]);
    expect(detectDeadAir(track([[0, 10, SILENT]]))).toEqual([{ detector: "dead_air", startedAt: sec(0), endedAt: null }]);
  });

  it("ends a silence at its last silent sample when a gap follows: a gap is unknown, not silence", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 45, SILENT],
      // nothing from 46 to 59
      [60, 75, SILENT],
      [76, 100, SOUND],
    ]);
    expect(detectDeadAir(loudness)).toEqual([
      { detector: "dead_air", startedAt: sec(30), endedAt: sec(45) },
      { detector: "dead_air", startedAt: sec(60), endedAt: sec(76) },
    ]);
    // Two short silences on either side of a gap do not add up.
    const split = track([
      [0, 29, SOUND],
      [30, 37, SILENT],
      [45, 52, SILENT],
      [53, 80, SOUND],
    ]);
    expect(detectDeadAir(split)).toEqual([]);
  });

  it("reads a gap of exactly 3 s as samples that came late, and 3.001 s as a gap", () => {
    const base = track([
      [0, 29, SOUND],
      [30, 40, SILENT],
    ]);
    const after = (gapMs: number) =>
      track([
        [43, 60, SILENT],
        [61, 80, SOUND],
      ]).map((p) => ({ ...p, at: p.at - 3_000 + gapMs }));
    expect(detectDeadAir([...base, ...after(3_000)])).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(61) }]);
    expect(detectDeadAir([...base, ...after(3_001)])).toEqual([
      { detector: "dead_air", startedAt: sec(30), endedAt: sec(40) },
      { detector: "dead_air", startedAt: sec(43) + 1, endedAt: sec(61) + 1 },
    ]);
  });

  it("ends a silence at the start of a recovery that a gap cut short", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 49, SILENT],
      [50, 52, SOUND],
      [60, 80, SOUND],
    ]);
    expect(detectDeadAir(loudness)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(50) }]);
  });

  it("measures from the samples' own instants when they come at irregular ~1 s spacing", () => {
    const loudness = jittered(
      track([
        [0, 29, SOUND],
        [30, 59, SILENT],
        [60, 90, SOUND],
      ]),
    );
    expect(detectDeadAir(loudness)).toEqual([{ detector: "dead_air", startedAt: atJ(30), endedAt: atJ(60) }]);
  });

  it("gives the same answer for samples out of order and repeated, keeping the first value given for an instant", () => {
    const ordered = track([
      [0, 29, SOUND],
      [30, 59, SILENT],
      [60, 90, SOUND],
    ]);
    // A repeat of 0:45 claiming sound, sent after the original: storage keeps the first, and so does the detector.
    const messy = shuffled([...ordered, ...ordered.slice(40, 50)]);
    messy.push({ at: sec(45), value: SOUND });
    expect(detectDeadAir(messy)).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(60) }]);
  });

  it("keeps the first value given for an instant, whichever it is", () => {
    const tenSeconds = track([
      [0, 29, SOUND],
      [30, 39, SILENT],
      [40, 60, SOUND],
    ]);
    const repeat = { at: sec(39), value: SOUND };
    expect(detectDeadAir([...tenSeconds, repeat])).toEqual([{ detector: "dead_air", startedAt: sec(30), endedAt: sec(40) }]);
    // Given first, the repeat wins: 0:39 is sound, and 9 s of silence is not dead air.
    expect(detectDeadAir([repeat, ...tenSeconds])).toEqual([]);
  });

  it("follows its settings: a longer minimum, a higher threshold", () => {
    const loudness = track([
      [0, 29, SOUND],
      [30, 49, SILENT],
      [50, 79, -45],
      [80, 100, SOUND],
    ]);
    expect(detectDeadAir(loudness, { ...DEFAULT_DETECTOR_SETTINGS.deadAir, minDurationMs: 30_000 })).toEqual([]);
    expect(detectDeadAir(loudness, { ...DEFAULT_DETECTOR_SETTINGS.deadAir, thresholdLufs: -40 })).toEqual([
      { detector: "dead_air", startedAt: sec(30), endedAt: sec(80) },
    ]);
  });

  it("does not reorder the caller's samples", () => {
    const loudness = shuffled(track([[0, 30, SILENT]]));
    const before = loudness.map((p) => p.at);
    detectDeadAir(loudness);
    expect(loudness.map((p) => p.at)).toEqual(before);
  });
});

describe("detectLateStart", () => {
  // Silence from 23:50, a 4-s mic check at 00:10, the programme from 00:42:00 to 01:00 — one sample a second.
  const musk = track([
    [-600, 599, SILENT],
    [600, 603, SOUND],
    [604, 2519, SILENT],
    [2520, 3600, SOUND],
  ]);

  it("measures the 2024 interview's 42-minute delay from 1-s samples: from the scheduled start to 00:42:00Z", () => {
    const late = detectLateStart(musk, T0, sec(3600));
    expect(late && { ...late, startedAt: iso(late.startedAt), endedAt: iso(late.endedAt) }).toEqual({
      detector: "late_start",
      startedAt: "2024-08-13T00:00:00.000Z",
      endedAt: "2024-08-13T00:42:00.000Z",
    });
  });

  it("is open while there is no sustained sound yet and the scheduled start has passed", () => {
    const sofar = musk.filter((p) => p.at <= sec(1800));
    expect(detectLateStart(sofar, T0, sec(1800))).toEqual({ detector: "late_start", startedAt: T0, endedAt: null });
    expect(detectLateStart([], T0, sec(1800))).toEqual({ detector: "late_start", startedAt: T0, endedAt: null });
  });

  it("waits for the minute of grace after the scheduled start before opening", () => {
    const silent = track([[-60, 120, SILENT]]);
    expect(
      detectLateStart(
        silent.filter((p) => p.at <= sec(30)),
        T0,
        sec(30),
      ),
    ).toBeNull();
    expect(
      detectLateStart(
        silent.filter((p) => p.at <= sec(60)),
        T0,
        sec(60),
      ),
    ).toBeNull();
    expect(
      detectLateStart(
        silent.filter((p) => p.at <= sec(61)),
        T0,
        sec(61),
      ),
    ).toEqual({ detector: "late_start", startedAt: T0, endedAt: null });
    expect(detectLateStart(silent, T0 + 3_600_000, sec(120))).toBeNull();
  });

  it("finds no late start when sound was on at the scheduled start or began within the grace period", () => {
    expect(detectLateStart(track([[-300, 300, SOUND]]), T0, sec(300))).toBeNull();
    const within = track([
      [-60, 29, SILENT],
      [30, 300, SOUND],
    ]);
    expect(detectLateStart(within, T0, sec(300))).toBeNull();
    const after = track([
      [-60, 89, SILENT],
      [90, 300, SOUND],
    ]);
    expect(detectLateStart(after, T0, sec(300))).toEqual({ detector: "late_start", startedAt: T0, endedAt: sec(90) });
  });

  it("does not open while sound that began in time has not yet lasted 10 s", () => {
    const pending = track([
      [-60, 54, SILENT],
      [55, 62, SOUND],
    ]);
    expect(detectLateStart(pending, T0, sec(62))).toBeNull();
    // The samples stopped at 1:02: that sound is no longer going on by 1:10, and nothing says the broadcast began.
    expect(detectLateStart(pending, T0, sec(70))).toEqual({ detector: "late_start", startedAt: T0, endedAt: null });
    expect(detectLateStart([...pending, ...track([[63, 70, SOUND]])], T0, sec(70))).toBeNull();
  });

  it("does not count a sound check that ended before the scheduled start", () => {
    const loudness = track([
      [-900, -601, SOUND],
      [-600, 299, SILENT],
      [300, 400, SOUND],
    ]);
    expect(detectLateStart(loudness, T0, sec(400))).toEqual({ detector: "late_start", startedAt: T0, endedAt: sec(300) });
  });

  it("does not sustain sound across a gap, nor through loudness exactly at −50.0 LUFS counted as silence", () => {
    const gapped = track([
      [-60, 119, SILENT],
      [120, 126, SOUND],
      [131, 137, SOUND],
      [138, 139, SILENT],
      [140, 200, -50],
    ]);
    // Two 6-s runs split by a 5-s gap are not 10 s of sound; −50.0 is sound (the silence line is strictly below it).
    expect(detectLateStart(gapped, T0, sec(200))).toEqual({ detector: "late_start", startedAt: T0, endedAt: sec(140) });
  });

  it("reads jittered, out-of-order and repeated samples the same way", () => {
    const loudness = jittered(
      track([
        [-60, 299, SILENT],
        [300, 400, SOUND],
      ]),
    );
    const messy = shuffled([...loudness, ...loudness.slice(100, 200)]);
    expect(detectLateStart(messy, T0, sec(400))).toEqual({ detector: "late_start", startedAt: T0, endedAt: atJ(300) });
  });

  it("follows its settings: no grace, a longer sustain, another sound level", () => {
    const loudness = track([
      [-60, 29, SILENT],
      [30, 44, SOUND],
      [45, 59, SILENT],
      [60, 300, -45],
    ]);
    const lateStart = DEFAULT_DETECTOR_SETTINGS.lateStart;
    expect(detectLateStart(loudness, T0, sec(300))).toBeNull();
    expect(detectLateStart(loudness, T0, sec(300), { ...lateStart, graceMs: 0 })).toEqual({
      detector: "late_start",
      startedAt: T0,
      endedAt: sec(30),
    });
    expect(detectLateStart(loudness, T0, sec(300), { ...lateStart, graceMs: 0, sustainMs: 20_000 })).toEqual({
      detector: "late_start",
      startedAt: T0,
      endedAt: sec(60),
    });
    expect(detectLateStart(loudness, T0, sec(300), { ...lateStart, graceMs: 0, sustainMs: 20_000, soundLufs: -40 })).toEqual({
      detector: "late_start",
      startedAt: T0,
      endedAt: null,
    });
  });
});

describe("detectStreamDown", () => {
  const everySecond = (from: number, to: number) => track([[from, to, 0]]).map((p) => p.at);

  it("is down from an explicit 0 to the next up sample", () => {
    const up = track([
      [0, 29, 1],
      [30, 44, 0],
      [45, 60, 1],
    ]);
    expect(detectStreamDown(up, [], sec(60))).toEqual([{ detector: "stream_down", startedAt: sec(30), endedAt: sec(45) }]);
  });

  it("reads stream_up sent only when it changes, while other series show the monitor alive", () => {
    const up = [
      { at: sec(0), value: 1 },
      { at: sec(30), value: 0 },
      { at: sec(45), value: 1 },
    ];
    expect(detectStreamDown(up, everySecond(0, 60), sec(60))).toEqual([{ detector: "stream_down", startedAt: sec(30), endedAt: sec(45) }]);
  });

  it("is down when no sample of any series came for three intervals, from the first that did not come to the next", () => {
    const times = [...everySecond(0, 20), ...everySecond(30, 40)];
    expect(detectStreamDown([], times, sec(40))).toEqual([{ detector: "stream_down", startedAt: sec(21), endedAt: sec(30) }]);
    // Exactly three intervals apart is late, not down; a millisecond more is down.
    expect(detectStreamDown([], [...everySecond(0, 20), ...everySecond(23, 40)], sec(40))).toEqual([]);
    expect(detectStreamDown([], [...everySecond(0, 20), ...everySecond(23, 40).map((t) => t + 1)], sec(40))).toEqual([
      { detector: "stream_down", startedAt: sec(21), endedAt: sec(23) + 1 },
    ]);
  });

  it("stays open while nothing comes, from three intervals after the last sample", () => {
    const times = everySecond(0, 20);
    expect(detectStreamDown([], times, sec(23))).toEqual([]);
    expect(detectStreamDown([], times, sec(23) + 1)).toEqual([{ detector: "stream_down", startedAt: sec(21), endedAt: null }]);
    expect(detectStreamDown([], times, sec(600))).toEqual([{ detector: "stream_down", startedAt: sec(21), endedAt: null }]);
    expect(detectStreamDown([{ at: sec(20), value: 0 }], times, sec(21))).toEqual([{ detector: "stream_down", startedAt: sec(20), endedAt: null }]);
  });

  it("opens one incident for a stream that flaps up and down every second, closed after 5 s up", () => {
    const up = track([
      [0, 29, 1],
      [30, 60, (t) => t % 2],
      [61, 80, 1],
    ]);
    // Down at 0:30, 0:32, ..., 0:60; up at 0:31, 0:33, ..., but never for 5 s until 0:61.
    expect(detectStreamDown(up, [], sec(80))).toEqual([{ detector: "stream_down", startedAt: sec(30), endedAt: sec(61) }]);
  });

  it("stays open until the stream has been up for the recovery time at `now`", () => {
    const up = [...track([[0, 29, 1]]), ...track([[30, 44, 0]]), { at: sec(45), value: 1 }];
    const alive = everySecond(0, 50);
    expect(
      detectStreamDown(
        up,
        alive.filter((t) => t <= sec(48)),
        sec(48),
      ),
    ).toEqual([{ detector: "stream_down", startedAt: sec(30), endedAt: null }]);
    expect(detectStreamDown(up, alive, sec(50))).toEqual([{ detector: "stream_down", startedAt: sec(30), endedAt: sec(45) }]);
  });

  it("merges an explicit down with the silence that follows it into one incident", () => {
    const up = [
      { at: sec(0), value: 1 },
      { at: sec(10), value: 0 },
    ];
    const times = [...everySecond(0, 12), ...everySecond(30, 60)];
    expect(detectStreamDown([...up, { at: sec(30), value: 1 }], times, sec(60))).toEqual([
      { detector: "stream_down", startedAt: sec(10), endedAt: sec(30) },
    ]);
  });

  it("is not down for jittered samples, and reads out-of-order and repeated ones the same way", () => {
    const times = jittered(track([[0, 300, 0]])).map((p) => p.at);
    expect(detectStreamDown([], shuffled(times), sec(300))).toEqual([]);
    const up = track([
      [0, 29, 1],
      [30, 44, 0],
      [45, 60, 1],
    ]);
    // Repeats sent after the originals, claiming the stream was up: the first value given for an instant counts.
    const messy = [...shuffled(up), ...up.slice(30, 45).map((p) => ({ ...p, value: 1 }))];
    expect(detectStreamDown(messy, shuffled([...times, ...times.slice(0, 50)]), sec(60))).toEqual([
      { detector: "stream_down", startedAt: sec(30), endedAt: sec(45) },
    ]);
  });

  it("reports nothing before the first sample, or with no samples at all", () => {
    expect(detectStreamDown([], [], sec(600))).toEqual([]);
    expect(detectStreamDown([], everySecond(300, 310), sec(310))).toEqual([]);
  });

  it("follows its settings: samples expected every 10 s", () => {
    const settings = { ...DEFAULT_DETECTOR_SETTINGS.streamDown, expectedIntervalMs: 10_000 };
    const times = [sec(0), sec(20), sec(50), sec(81), sec(91), sec(101)];
    expect(detectStreamDown([], times, sec(101), settings)).toEqual([{ detector: "stream_down", startedAt: sec(60), endedAt: sec(81) }]);
  });
});

describe("detectAudienceCollapse", () => {
  it("opens when listeners fall by half within five minutes and closes when they are back above 75 % for 30 s", () => {
    const listeners = track([
      [0, 299, 10_000],
      [300, 599, 4_000],
      [600, 700, 9_000],
    ]);
    expect(detectAudienceCollapse(listeners)).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: sec(600) }]);
  });

  it("counts a fall to exactly half as a collapse, and a fall to one more than half as none", () => {
    const to = (n: number) =>
      track([
        [0, 299, 10_000],
        [300, 400, n],
      ]);
    expect(detectAudienceCollapse(to(5_000))).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: null }]);
    expect(detectAudienceCollapse(to(5_001))).toEqual([]);
  });

  it("opens at the first sample that is half of the highest count of the last five minutes", () => {
    const listeners = track([
      [0, 99, 10_000],
      [100, 340, (t) => 10_000 - (5_000 * (t - 100)) / 240],
      [341, 400, 5_000],
    ]);
    expect(detectAudienceCollapse(listeners)).toEqual([{ detector: "audience_collapse", startedAt: sec(340), endedAt: null }]);
  });

  it("is not a collapse when the audience drifts down by half over twenty minutes", () => {
    const listeners = track([[0, 1200, (t) => 10_000 - 5 * t]]);
    expect(detectAudienceCollapse(listeners)).toEqual([]);
  });

  it("stays open while counts bounce above and below the recovery level (flapping), and at exactly 75 %", () => {
    const bouncing = track([
      [0, 299, 10_000],
      [300, 599, 4_000],
      [600, 900, (t) => (Math.floor(t / 10) % 2 === 0 ? 8_000 : 4_000)],
    ]);
    expect(detectAudienceCollapse(bouncing)).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: null }]);
    const atThreeQuarters = track([
      [0, 299, 10_000],
      [300, 599, 4_000],
      [600, 900, 7_500],
    ]);
    expect(detectAudienceCollapse(atThreeQuarters)).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: null }]);
  });

  it("stays open while a recovery has not yet lasted 30 s", () => {
    const listeners = track([
      [0, 299, 10_000],
      [300, 599, 4_000],
      [600, 629, 9_000],
    ]);
    expect(detectAudienceCollapse(listeners)).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: null }]);
    expect(detectAudienceCollapse([...listeners, { at: sec(630), value: 9_000 }])).toEqual([
      { detector: "audience_collapse", startedAt: sec(300), endedAt: sec(600) },
    ]);
  });

  it("measures the next collapse against the counts since the recovery", () => {
    const base: [number, number, number][] = [
      [0, 59, 10_000],
      [60, 119, 4_000],
      [120, 199, 8_000],
    ];
    expect(detectAudienceCollapse(track([...base, [200, 260, 4_900]]))).toEqual([
      { detector: "audience_collapse", startedAt: sec(60), endedAt: sec(120) },
    ]);
    expect(detectAudienceCollapse(track([...base, [200, 260, 4_000]]))).toEqual([
      { detector: "audience_collapse", startedAt: sec(60), endedAt: sec(120) },
      { detector: "audience_collapse", startedAt: sec(200), endedAt: null },
    ]);
  });

  it("reads counts polled every 30 s with gaps, out of order and repeated, the same way", () => {
    const polled = track(
      [
        [0, 270, 10_000],
        [300, 570, 3_000],
        [600, 900, 9_000],
      ],
      30,
    );
    const messy = shuffled([...polled, ...polled.slice(3, 8)]);
    expect(detectAudienceCollapse(messy)).toEqual([{ detector: "audience_collapse", startedAt: sec(300), endedAt: sec(600) }]);
  });

  it("finds nothing in an audience of zero or a steady one", () => {
    expect(detectAudienceCollapse(track([[0, 600, 0]]))).toEqual([]);
    expect(detectAudienceCollapse(track([[0, 600, 1_234]]))).toEqual([]);
  });

  it("follows its settings: a drop of 30 % within one minute", () => {
    const listeners = track([
      [0, 119, 10_000],
      [120, 300, 6_500],
    ]);
    const settings = { ...DEFAULT_DETECTOR_SETTINGS.audienceCollapse, dropFraction: 0.3, windowMs: 60_000, recoveryFraction: 0.9 };
    expect(detectAudienceCollapse(listeners)).toEqual([]);
    expect(detectAudienceCollapse(listeners, settings)).toEqual([{ detector: "audience_collapse", startedAt: sec(120), endedAt: null }]);
  });
});

describe("runDetectors", () => {
  it("finds the 2024 interview's late start alone, not the silence before the broadcast as dead air", () => {
    const loudness = track([
      [-600, 2519, SILENT],
      [2520, 3600, SOUND],
    ]);
    const listeners = track([[-600, 3600, (t) => (t < 2520 ? 200_000 : 1_100_000)]], 10);
    expect(runDetectors({ series: { loudness, listeners }, scheduledStart: T0, now: sec(3600) })).toEqual([
      { detector: "late_start", startedAt: T0, endedAt: sec(2520) },
    ]);
    // Without a scheduled start, that silence is dead air.
    expect(runDetectors({ series: { loudness }, scheduledStart: null, now: sec(3600) })).toEqual([
      { detector: "dead_air", startedAt: sec(-600), endedAt: sec(2520) },
    ]);
  });

  it("runs every detector on its series and sorts what they found by start", () => {
    const loudness = track([
      [-60, 599, SOUND],
      [600, 659, SILENT],
      [660, 899, SOUND],
      [910, 1000, SOUND],
    ]);
    const listeners = track([[-60, 1000, (t) => (t < 800 ? 10_000 : 3_000)]], 5);
    const streamUp = [
      { at: sec(-60), value: 1 },
      { at: sec(950), value: 0 },
    ];
    const found = runDetectors({ series: { loudness, listeners, stream_up: streamUp, loudness_left: [] }, scheduledStart: T0, now: sec(1000) });
    expect(found).toEqual([
      { detector: "dead_air", startedAt: sec(600), endedAt: sec(660) },
      { detector: "audience_collapse", startedAt: sec(800), endedAt: null },
      // The last sound before the gap is at 14:59; the listener counts polled during it (one every 5 s) are no sign
      // that the stream is up.
      { detector: "stream_down", startedAt: sec(900), endedAt: sec(910) },
      { detector: "stream_down", startedAt: sec(950), endedAt: null },
    ]);
  });

  it("does not take polled listener counts for a stream that is down, nor their gaps for one that stopped", () => {
    const listeners = track([[0, 120, 5_000]], 15);
    expect(runDetectors({ series: { listeners }, scheduledStart: null, now: sec(120) })).toEqual([]);
    const loudness = track([[0, 60, -20]]);
    expect(runDetectors({ series: { loudness, listeners }, scheduledStart: null, now: sec(120) })).toEqual([
      { detector: "stream_down", startedAt: sec(61), endedAt: null },
    ]);
  });

  it("counts samples of any series, custom ones too, as signs that the stream is up", () => {
    const custom = track([[0, 60, -30]]);
    expect(runDetectors({ series: { loudness_left: custom }, scheduledStart: null, now: sec(60) })).toEqual([]);
    expect(runDetectors({ series: { loudness_left: custom }, scheduledStart: null, now: sec(70) })).toEqual([
      { detector: "stream_down", startedAt: sec(61), endedAt: null },
    ]);
  });

  it("starts dead air no earlier than the broadcast, when a recovery takes longer than the sound that began it", () => {
    const loudness = track([
      [-60, 29, SILENT],
      [30, 44, SOUND],
      [45, 69, SILENT],
      [70, 100, SOUND],
    ]);
    const settings = parseDetectorSettings(JSON.stringify({ deadAir: { recoveryMs: 20_000 }, lateStart: { graceMs: 0 } }));
    // 15 s of sound begins the broadcast (10 s are enough) but does not end the silence (20 s are needed).
    expect(runDetectors({ series: { loudness }, scheduledStart: T0, now: sec(100), settings })).toEqual([
      { detector: "late_start", startedAt: T0, endedAt: sec(30) },
      { detector: "dead_air", startedAt: sec(30), endedAt: sec(70) },
    ]);
  });

  it("applies an event's settings", () => {
    const loudness = track([
      [-60, 599, SOUND],
      [600, 619, SILENT],
      [620, 700, SOUND],
    ]);
    const settings = parseDetectorSettings(JSON.stringify({ deadAir: { minDurationMs: 30_000 } }));
    expect(runDetectors({ series: { loudness }, scheduledStart: T0, now: sec(700) })).toEqual([
      { detector: "dead_air", startedAt: sec(600), endedAt: sec(620) },
    ]);
    expect(runDetectors({ series: { loudness }, scheduledStart: T0, now: sec(700), settings })).toEqual([]);
  });
});

describe("detector settings", () => {
  it("documents its defaults", () => {
    expect(DEFAULT_DETECTOR_SETTINGS).toEqual({
      deadAir: { thresholdLufs: -50, minDurationMs: 10_000, hysteresisLu: 5, recoveryMs: 5_000, maxGapMs: 3_000 },
      lateStart: { soundLufs: -50, sustainMs: 10_000, graceMs: 60_000, maxGapMs: 3_000 },
      streamDown: { expectedIntervalMs: 1_000, missedIntervals: 3, recoveryMs: 5_000 },
      audienceCollapse: { dropFraction: 0.5, windowMs: 300_000, recoveryFraction: 0.75, recoveryMs: 30_000 },
    });
    expect(Object.isFrozen(DEFAULT_DETECTOR_SETTINGS.deadAir)).toBe(true);
  });

  it("takes partial overrides", () => {
    const overrides = { deadAir: { thresholdLufs: -45.5 }, streamDown: { expectedIntervalMs: 5_000 } };
    expect(DetectorSettingsInput.parse(overrides)).toEqual(overrides);
    expect(DetectorSettingsInput.parse({})).toEqual({});
  });

  it("names each field it refuses, with a message saying what it takes", () => {
    const result = DetectorSettingsInput.safeParse({
      deadAir: { thresholdLufs: "loud", minDurationMs: 1_500.5, bogus: 1 },
      lateStart: { graceMs: -1 },
      streamDown: { missedIntervals: 0 },
      audienceCollapse: { dropFraction: 1.5 },
      alerts: {},
    });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)).toEqual({
      "deadAir.thresholdLufs": ["Dead air threshold must be a number of LUFS from -100 to 0."],
      "deadAir.minDurationMs": ["Dead air minimum duration must be a whole number of milliseconds from 1,000 to 86,400,000."],
      "deadAir.bogus": ["This field is not part of the input."],
      "lateStart.graceMs": ["Late start grace period must be a whole number of milliseconds from 0 to 86,400,000."],
      "streamDown.missedIntervals": ["Stream down missed intervals must be a whole number of intervals from 1 to 1,000."],
      "audienceCollapse.dropFraction": ["Audience collapse drop must be a fraction above 0 and at most 1 (0.5 is half)."],
      alerts: ["This field is not part of the input."],
    });
  });

  it("refuses a group that is not an object, and settings that are not an object", () => {
    expect(toFieldErrors(DetectorSettingsInput.safeParse({ deadAir: 10 }).error!)).toEqual({
      deadAir: ["Dead air settings must be an object of fields."],
    });
    expect(toFieldErrors(DetectorSettingsInput.safeParse([]).error!)).toEqual({
      _form: ["Detector settings must be an object of groups (deadAir, lateStart, streamDown, audienceCollapse)."],
    });
  });

  it("refuses a recovery level at or below the level a collapse falls to, merged over the defaults", () => {
    expect(toFieldErrors(DetectorSettingsInput.safeParse({ audienceCollapse: { recoveryFraction: 0.5 } }).error!)).toEqual({
      "audienceCollapse.recoveryFraction": ["Audience collapse recovery level (0.5) must be above the level a collapse falls to (1 − drop = 0.5)."],
    });
    expect(toFieldErrors(DetectorSettingsInput.safeParse({ audienceCollapse: { dropFraction: 0.2 } }).error!)).toEqual({
      "audienceCollapse.dropFraction": ["Audience collapse recovery level (0.75) must be above the level a collapse falls to (1 − drop = 0.8)."],
    });
    expect(DetectorSettingsInput.safeParse({ audienceCollapse: { dropFraction: 0.2, recoveryFraction: 0.9 } }).success).toBe(true);
  });

  it("says so in the same pass as the other fields' messages, and not of a fraction that is itself refused", () => {
    const result = DetectorSettingsInput.safeParse({ deadAir: { thresholdLufs: "loud" }, lateStart: 3, audienceCollapse: { recoveryFraction: 0.5 } });
    expect(toFieldErrors(result.error!)).toEqual({
      "deadAir.thresholdLufs": ["Dead air threshold must be a number of LUFS from -100 to 0."],
      lateStart: ["Late start settings must be an object of fields."],
      "audienceCollapse.recoveryFraction": ["Audience collapse recovery level (0.5) must be above the level a collapse falls to (1 − drop = 0.5)."],
    });
    expect(toFieldErrors(DetectorSettingsInput.safeParse({ audienceCollapse: { dropFraction: 2, recoveryFraction: 0.1 } }).error!)).toEqual({
      "audienceCollapse.dropFraction": ["Audience collapse drop must be a fraction above 0 and at most 1 (0.5 is half)."],
    });
  });

  it("reads stored settings merged over the defaults, and the defaults for none, bad JSON or invalid values", () => {
    expect(parseDetectorSettings(JSON.stringify({ deadAir: { minDurationMs: 30_000 }, audienceCollapse: { windowMs: 60_000 } }))).toEqual({
      ...DEFAULT_DETECTOR_SETTINGS,
      deadAir: { ...DEFAULT_DETECTOR_SETTINGS.deadAir, minDurationMs: 30_000 },
      audienceCollapse: { ...DEFAULT_DETECTOR_SETTINGS.audienceCollapse, windowMs: 60_000 },
    });
    for (const stored of [null, "", "{not json", "null", "[]", JSON.stringify({ deadAir: { minDurationMs: -5 } })]) {
      expect(parseDetectorSettings(stored)).toEqual(DEFAULT_DETECTOR_SETTINGS);
    }
    // A field a later version no longer knows is ignored, not a reason to drop the rest.
    expect(parseDetectorSettings(JSON.stringify({ deadAir: { minDurationMs: 20_000, retired: true } })).deadAir.minDurationMs).toBe(20_000);
  });
});
