// What the live page says about an event in one line, from its latest samples and its open detected incidents.
import { formatMinutes } from "./format";

export type LiveState = "waiting" | "late" | "on_air" | "dead_air" | "stream_down" | "quiet";

export interface LiveStatus {
  state: LiveState;
  /** "On air · 1,234 listening", "Dead air for 0:42", "Stream down since 21:03". */
  text: string;
  /** When the state began (epoch ms), when known. */
  since: number | null;
  listeners: number | null;
  /** The latest sample of any series (epoch ms). */
  lastSampleAt: number | null;
}

export interface LiveInput {
  now: number;
  scheduledStart: number | null;
  timeZone: string;
  /** The latest value and instant of each series. */
  latest: Record<string, { at: number; value: number }>;
  /** Open detected incidents: detector and start. */
  open: { detector: string; startedAt: number }[];
  /** video: the audience is "watching"; else "listening". */
  medium?: string;
}

/** "0:42", "12:05", "1:02:07": a running duration as a clock shows it. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

function wallClock(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(11, 16);
  }
}

/** The most serious open condition wins: the stream down, then dead air, then a late start. */
export function computeLiveStatus(input: LiveInput): LiveStatus {
  const listeners = input.latest.listeners?.value ?? null;
  const lastSampleAt = Object.values(input.latest).reduce<number | null>((m, s) => (m === null || s.at > m ? s.at : m), null);
  const base = { listeners, lastSampleAt };
  const open = (detector: string) => input.open.find((i) => i.detector === detector);
  const down = open("stream_down");
  if (down) return { ...base, state: "stream_down", text: `Stream down since ${wallClock(down.startedAt, input.timeZone)}`, since: down.startedAt };
  const silent = open("dead_air");
  if (silent) return { ...base, state: "dead_air", text: `Dead air for ${clock(input.now - silent.startedAt)}`, since: silent.startedAt };
  const late = open("late_start");
  if (late)
    return {
      ...base,
      state: "late",
      text: `Not on air yet · ${formatMinutes(Math.floor((input.now - late.startedAt) / 60_000))} late`,
      since: late.startedAt,
    };
  if (lastSampleAt === null || input.now - lastSampleAt > 5 * 60_000) {
    if (input.scheduledStart !== null && input.now < input.scheduledStart) {
      return { ...base, state: "waiting", text: `Scheduled for ${wallClock(input.scheduledStart, input.timeZone)}`, since: null };
    }
    return {
      ...base,
      state: "quiet",
      text: lastSampleAt === null ? "No samples yet" : `No samples since ${wallClock(lastSampleAt, input.timeZone)}`,
      since: lastSampleAt,
    };
  }
  const audience =
    listeners === null ? "" : ` · ${Math.round(listeners).toLocaleString("en-US")} ${input.medium === "video" ? "watching" : "listening"}`;
  return { ...base, state: "on_air", text: `On air${audience}`, since: null };
}
