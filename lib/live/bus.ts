// The live fan-out inside one server process: what happened to an event (samples stored, its status, an incident
// opened or closed) goes to every live viewer of that event.
import "server-only";

export type LiveMessage =
  | { type: "samples"; id: number; samples: { series: string; at: number; value: number }[] }
  | { type: "status"; status: unknown }
  | { type: "incident"; incident: unknown };

type Listener = (message: LiveMessage) => void;

const globalBus = globalThis as unknown as { deadAirLive?: Map<number, Set<Listener>> };
const listeners = (globalBus.deadAirLive ??= new Map());

export function subscribe(eventId: number, listener: Listener): () => void {
  let set = listeners.get(eventId);
  if (!set) listeners.set(eventId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(eventId);
  };
}

export function publish(eventId: number, message: LiveMessage): void {
  for (const listener of listeners.get(eventId) ?? []) {
    try {
      listener(message);
    } catch (error) {
      console.error("Dead Air: a live viewer's listener failed:", error);
    }
  }
}

/** How many viewers an event has now (health, the benchmark). */
export function viewerCount(eventId?: number): number {
  if (eventId !== undefined) return listeners.get(eventId)?.size ?? 0;
  let n = 0;
  for (const set of listeners.values()) n += set.size;
  return n;
}
