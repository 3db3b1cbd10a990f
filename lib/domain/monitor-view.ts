// Monitors as pages show them: their kind and state in words, and the name buttons and tables give one.
import { MONITOR_KIND_LABELS, MONITOR_KINDS, MONITOR_MODE_LABELS, MONITOR_MODES, MONITOR_STATE_LABELS, MONITOR_STATES } from "./monitors";
import { isOneOf } from "./options";

export function monitorKindLabel(kind: string): string {
  return isOneOf(MONITOR_KINDS, kind) ? MONITOR_KIND_LABELS[kind].label : kind;
}

export function monitorStateLabel(state: string): string {
  return isOneOf(MONITOR_STATES, state) ? MONITOR_STATE_LABELS[state] : state;
}

export function monitorModeLabel(mode: string): string {
  return isOneOf(MONITOR_MODES, mode) ? MONITOR_MODE_LABELS[mode] : mode;
}

/** Longest URL a button's name quotes: the rest of it says nothing a person tells monitors apart by. */
const NAME_URL_CHARS = 60;

/** "the monitor “Main stream” (Audio stream)": what a button acts on, by its label, else its URL. */
export function monitorName(m: { kind: string; label: string; url: string }): string {
  const what = m.label || (m.url.length > NAME_URL_CHARS ? `${m.url.slice(0, NAME_URL_CHARS - 1)}…` : m.url);
  return `the monitor “${what}” (${monitorKindLabel(m.kind)})`;
}
