// The live section of an event page: status line, chart and table of listeners and loudness, updated as samples arrive.
import type { LiveSnapshot } from "@/lib/data/live";
import type { EventDetail } from "@/lib/data/reads";
import { parseDetectorSettings } from "@/lib/domain/detectors";
import type { LiveStatus } from "@/lib/domain/live-status";
import { placeIncidents } from "@/lib/domain/live-view";
import { audienceUnit } from "@/lib/domain/metrics";
import { LiveMonitor } from "./live-monitor";

export function EventLive({ event, snapshot, status }: { event: EventDetail; snapshot: LiveSnapshot | null; status: LiveStatus }) {
  const scheduledStart = event.scheduledStart?.getTime() ?? null;
  return (
    <section aria-labelledby="live" className="chart-section live-section">
      <h2 id="live">Live: {event.medium === "video" ? "viewers" : "listeners"} and sound</h2>
      <LiveMonitor
        slug={event.slug}
        timeZone={event.timeZone}
        scheduledStart={scheduledStart}
        lastId={snapshot?.lastId ?? 0}
        firstSampleAt={snapshot?.firstAt ?? null}
        status={status}
        series={{ points: snapshot?.points ?? { listeners: [], loudness: [] }, minutes: snapshot?.minutes ?? [] }}
        incidents={placeIncidents(event.incidents, scheduledStart)}
        thresholdLufs={parseDetectorSettings(event.detectorSettings).deadAir.thresholdLufs}
        audience={audienceUnit(event.medium)}
      />
    </section>
  );
}
