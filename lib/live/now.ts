// What is live now: events marked live, and events whose samples arrived in the last ten minutes, with their status line.
import "server-only";
import { getLiveCandidates } from "../data/live";
import type { LiveStatus } from "../domain/live-status";
import { liveStatus, watchedEventIds } from "./monitoring";

/** A sample older than this is not live (the same ten minutes after which the monitor stops watching an event). */
const LIVE_MS = 10 * 60_000;

export interface LiveNowItem {
  slug: string;
  title: string;
  platform: string;
  status: LiveStatus;
}

export async function liveNow(now = Date.now()): Promise<LiveNowItem[]> {
  const events = await getLiveCandidates(watchedEventIds(now));
  const items = await Promise.all(events.map(async (e) => ({ event: e, status: await liveStatus(e.id, now) })));
  // A back-fill of an old event is fed lately but not live: its latest sample decides.
  return items
    .filter(({ event, status }) => event.status === "live" || (status.lastSampleAt !== null && now - status.lastSampleAt <= LIVE_MS))
    .map(({ event, status }) => ({ slug: event.slug, title: event.title, platform: event.platform, status }));
}
