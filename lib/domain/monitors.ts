// Monitors as pure logic: their kinds and words, when one should run, how long a worker waits to try again, and the
// JSON Pointers (RFC 6901) of an audience count.

export const MONITOR_KINDS = ["audio", "icecast", "x-spaces", "json"] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

export const MONITOR_KIND_LABELS: Record<MonitorKind, { label: string; hint: string }> = {
  audio: { label: "Audio stream", hint: "An HTTP audio stream (Icecast, Shoutcast) or an HLS playlist: Dead Air listens and measures its loudness." },
  icecast: {
    label: "Icecast audience",
    hint: "The Icecast server's address (or its status-json.xsl) and a mount: Dead Air counts who is tuned in to that mount.",
  },
  "x-spaces": {
    label: "X Spaces (X API)",
    hint: "The Space's link or its X API v2 lookup address, with a bearer token: its audience, scheduled and actual start.",
  },
  json: { label: "JSON audience count", hint: "Any address that answers JSON, and a JSON Pointer to the count in it." },
};

/** Kinds that poll an audience count (every intervalSeconds); an audio stream is measured continuously. */
export const POLLED_KINDS: readonly MonitorKind[] = ["icecast", "x-spaces", "json"];

export const MONITOR_MODES = ["auto", "on", "off"] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

export const MONITOR_MODE_LABELS: Record<MonitorMode, string> = {
  auto: "By itself, around the event",
  on: "On now (started by hand)",
  off: "Off (stopped by hand)",
};

export const MONITOR_STATES = ["idle", "starting", "running", "retrying", "failed"] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

export const MONITOR_STATE_LABELS: Record<MonitorState, string> = {
  idle: "Not running",
  starting: "Starting",
  running: "Running",
  retrying: "Reconnecting",
  failed: "Failed",
};

/**
 * An event with no end recorded is watched this long after its scheduled start at most: a forgotten "live" status
 * does not keep a stream open for ever.
 */
export const LONGEST_UNENDED_MS = 12 * 3_600_000;

export interface MonitorWindowInput {
  mode: string;
  leadMinutes: number;
  tailMinutes: number;
  event: { status: string; scheduledStart: Date | number | null; endedAt: Date | number | null; actualStart?: Date | number | null };
}

const ms = (d: Date | number | null | undefined) => (d === null || d === undefined ? null : typeof d === "number" ? d : d.getTime());

/**
 * When a monitor in auto mode runs: from `leadMinutes` before the scheduled start until `tailMinutes` after the end
 * (the recorded end, else the scheduled start plus twelve hours), and whenever the event is marked live. A cancelled
 * event is not watched; an event with neither a scheduled start nor live status has no window.
 */
export function monitorWindow(input: MonitorWindowInput): { from: number; to: number } | null {
  const { event } = input;
  if (event.status === "cancelled") return null;
  const scheduled = ms(event.scheduledStart) ?? ms(event.actualStart);
  const ended = ms(event.endedAt);
  if (scheduled === null) return null;
  const from = scheduled - input.leadMinutes * 60_000;
  const to = (ended ?? scheduled + LONGEST_UNENDED_MS) + input.tailMinutes * 60_000;
  return { from, to };
}

/** Whether a monitor should be running at `now`: by hand (on, off) or by the event's window (auto). */
export function shouldMonitorRun(input: MonitorWindowInput, now: number): boolean {
  if (input.mode === "on") return true;
  if (input.mode !== "auto") return false;
  // Marked live and not ended: watched whatever the schedule says.
  if (input.event.status === "live" && ms(input.event.endedAt) === null) return true;
  const window = monitorWindow(input);
  return window !== null && now >= window.from && now <= window.to;
}

/** Waits between reconnections: 1, 2, 4, 8, 16, then every 30 s. */
export function computeBackoffMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));
}

/** An RFC 6901 JSON Pointer as its reference tokens, or null when it is not one ("" is the whole document). */
export function parseJsonPointer(pointer: string): string[] | null {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return null;
  const tokens = pointer.slice(1).split("/");
  // "~" must be followed by 0 or 1; anything else is not a pointer.
  if (tokens.some((t) => /~(?![01])/.test(t))) return null;
  return tokens.map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** What a pointer names in a document: `found` false when some token leads nowhere. */
export function resolveJsonPointer(document: unknown, tokens: readonly string[]): { found: true; value: unknown } | { found: false } {
  let current: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      // An array index is digits without a leading zero ("-" names the element after the last: nothing).
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else if (typeof current === "object" && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/** A short text of any JSON value for a message: at most 40 characters. */
function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The audience count a pointer names, or why there is none, in words: a count is a finite number from 0 up. A number
 * sent as a string ("1234") is refused, since an API that changes the type of a field may have changed its meaning.
 */
export function readCount(document: unknown, pointer: string): { ok: true; count: number } | { ok: false; error: string } {
  const tokens = parseJsonPointer(pointer);
  if (tokens === null) return { ok: false, error: `"${pointer}" is not a JSON Pointer (RFC 6901): it must be empty or start with /.` };
  const at = resolveJsonPointer(document, tokens);
  const where = pointer === "" ? "The answer" : `The value at ${pointer}`;
  if (!at.found) return { ok: false, error: `The answer has nothing at ${pointer}.` };
  const { value } = at;
  if (typeof value === "string") return { ok: false, error: `${where} is the string ${preview(value)}, not a number.` };
  if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, error: `${where} is ${preview(value)}, not a number.` };
  if (value < 0) return { ok: false, error: `${where} is ${value}: a count cannot be negative.` };
  return { ok: true, count: value };
}
