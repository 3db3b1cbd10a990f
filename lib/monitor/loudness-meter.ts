// Reads ffmpeg's ebur128 measurements (printed by ametadata, ten a second) into one loudness sample a second, each
// placed at the wall-clock instant its sound went out, not when it happened to arrive.

/** What ffmpeg prints for digital silence: its floor, a finite number, so silence stores as a value like any other. */
export const SILENCE_FLOOR_LUFS = -120.7;

export interface LoudnessSample {
  at: number;
  lufs: number;
}

/**
 * One second's loudness from its momentary readings (each over the last 400 ms): their mean in energy, not in
 * decibels, so that a second half silent and half at −20 LUFS reads −23, as a loudness meter would, not −70.
 */
export function energyMean(values: readonly number[]): number {
  const mean = values.reduce((sum, v) => sum + 10 ** (v / 10), 0) / values.length;
  return mean > 0 ? Math.max(SILENCE_FLOOR_LUFS, 10 * Math.log10(mean)) : SILENCE_FLOOR_LUFS;
}

/**
 * A stream's clock against the wall's. Audio is never heard before it is sent, and at connect a server sends a burst
 * of what it has buffered (Icecast: seconds of it), so each reading's wall time minus its stream time is at least
 * the true offset; the smallest seen so far is the best estimate. In the first seconds of a connection, seconds are
 * given out only once they have been complete for `settleMs`, by which time the burst has been read and the offset
 * settled; after that, at once, so that a sample reaches the detectors about a second after its sound went out.
 */
export class LoudnessMeter {
  private offset = Infinity;
  private firstWall: number | null = null;
  private pts: number | null = null;
  private second: number | null = null;
  private values: number[] = [];
  private readonly done: { second: number; lufs: number; closedAt: number }[] = [];
  private lastAt = -Infinity;

  constructor(
    private readonly settleMs = 1_000,
    private readonly warmUpMs = 3_000,
  ) {}

  /** One line of ametadata's output: "frame:12 pts:52920 pts_time:1.2", then "lavfi.r128.M=-23.4". */
  push(line: string, wall: number): void {
    const time = /pts_time:(-?[\d.]+)/.exec(line);
    if (time) {
      this.pts = Number(time[1]);
      return;
    }
    const reading = /^lavfi\.r128\.M=(-?[\d.]+|-?inf|nan)/i.exec(line.trim());
    if (!reading || this.pts === null || !Number.isFinite(this.pts)) return;
    const raw = Number(reading[1]);
    const lufs = Number.isFinite(raw) ? Math.max(SILENCE_FLOOR_LUFS, raw) : SILENCE_FLOOR_LUFS;
    this.firstWall ??= wall;
    this.offset = Math.min(this.offset, wall - this.pts * 1000);
    const second = Math.floor(this.pts);
    if (this.second !== null && second !== this.second) this.close(wall);
    this.second = second;
    this.values.push(lufs);
  }

  private close(wall: number): void {
    if (this.second !== null && this.values.length) this.done.push({ second: this.second, lufs: energyMean(this.values), closedAt: wall });
    this.values = [];
  }

  /** The seconds that are due by `now`, in order, each at a whole second of the wall clock (or `all` of them, at the end). */
  drain(now: number, all = false): LoudnessSample[] {
    if (all) this.close(now);
    const out: LoudnessSample[] = [];
    const settle = this.firstWall !== null && now - this.firstWall < this.warmUpMs ? this.settleMs : 0;
    while (this.done.length && (all || now - this.done[0].closedAt >= settle)) {
      const { second, lufs } = this.done.shift()!;
      let at = Math.round((this.offset + second * 1000) / 1000) * 1000;
      // The offset only ever shrinks, so a later second could round onto an earlier one's instant: never twice.
      if (at <= this.lastAt) at = this.lastAt + 1000;
      this.lastAt = at;
      out.push({ at, lufs: Math.round(lufs * 100) / 100 });
    }
    return out;
  }

  /** Whether any reading has come (the stream decodes). */
  get heard(): boolean {
    return this.offset !== Infinity;
  }
}
