"use client";
// The live section's moving parts: the status line, the chart and the per-minute table, kept up to date by the
// event's Server-Sent Events (samples, status, incidents) without a reload, and resuming after a dropped connection.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { incidentShade, LIVE_COLORS } from "@/components/charts/plot-colors";
import { LiveChart } from "@/components/charts/live-chart";
import { formatNumber } from "@/lib/domain/format";
import type { LiveStatus } from "@/lib/domain/live-status";
import {
  buildLivePlot,
  formatClockTime,
  formatOffset,
  type IncidentRecord,
  type IncomingSample,
  type LiveIncident,
  type LiveSeriesState,
  mergeLiveIncident,
  mergeLiveSamples,
  minuteCells,
  splitStatus,
  TABLE_MINUTES,
  timeOrigin,
} from "@/lib/domain/live-view";
import { incidentKindLabel } from "@/lib/domain/options";

export interface LiveMonitorProps {
  slug: string;
  timeZone: string;
  scheduledStart: number | null;
  /** The newest sample the page was rendered with: the stream sends what came after it. */
  lastId: number;
  /** The first sample's instant, when there is one: t = 0 for an event with no scheduled start. */
  firstSampleAt: number | null;
  status: LiveStatus;
  series: LiveSeriesState;
  incidents: LiveIncident[];
  thresholdLufs: number;
  /** What the audience series counts: listeners for audio, viewers for video (the series is named "listeners"). */
  audience?: "listeners" | "viewers";
}

/** A connection that the browser gave up on (an answer that was not a stream) is opened again after this. */
const REOPEN_MS = 5_000;

const lufs = (v: number) => v.toFixed(1).replace("-", "−");

export function LiveMonitor({
  slug,
  timeZone,
  scheduledStart,
  lastId,
  firstSampleAt,
  status: initialStatus,
  series: initialSeries,
  incidents: initialIncidents,
  thresholdLufs,
  audience = "listeners",
}: LiveMonitorProps) {
  const Audience = audience === "viewers" ? "Viewers" : "Listeners";
  const router = useRouter();
  // What the page was rendered with is where the stream starts; a refresh of the page does not restart it.
  const [start] = useState(() => ({ lastId, series: initialSeries }));
  const [series, setSeries] = useState(initialSeries);
  const [status, setStatus] = useState(initialStatus);
  const [incidents, setIncidents] = useState(initialIncidents);
  const [connection, setConnection] = useState<"connecting" | "open" | "lost">("connecting");
  const current = useRef(start.series);
  const seen = useRef(new Set<string>());

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    let resumeAfter = start.lastId;
    let stopped = false;

    const open = () => {
      source = new EventSource(`/api/events/${encodeURIComponent(slug)}/live?after=${resumeAfter}`);
      source.onopen = () => setConnection("open");
      source.onerror = () => {
        setConnection("lost");
        // The browser reconnects by itself (sending Last-Event-ID) unless the answer was not a stream at all.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          reopen = setTimeout(open, REOPEN_MS);
        }
      };
      source.addEventListener("samples", (e) => {
        const message = e as MessageEvent<string>;
        if (/^\d+$/.test(message.lastEventId)) resumeAfter = Math.max(resumeAfter, Number(message.lastEventId));
        const samples = JSON.parse(message.data) as IncomingSample[];
        const next = mergeLiveSamples(current.current, samples, seen.current);
        if (next !== current.current) {
          current.current = next;
          setSeries(next);
        }
      });
      source.addEventListener("status", (e) => setStatus(JSON.parse((e as MessageEvent<string>).data) as LiveStatus));
      source.addEventListener("incident", (e) => {
        const { incident } = JSON.parse((e as MessageEvent<string>).data) as { change: string; incident: IncidentRecord };
        setIncidents((list) => mergeLiveIncident(list, incident));
        // The incidents list further down is the record (with its review buttons): read it again, once per burst.
        clearTimeout(refresh);
        refresh = setTimeout(() => router.refresh(), 250);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      clearTimeout(refresh);
      source?.close();
    };
  }, [slug, start, router]);

  const { headline, detail } = splitStatus(status);
  // Drawn points are thinned, so the first one drawn may not be the first sample: the page's own first sample wins.
  const firstDrawn = Math.min(...[series.points.listeners[0]?.at, series.points.loudness[0]?.at].filter((v): v is number => v !== undefined));
  const origin = timeOrigin(scheduledStart, firstSampleAt ?? (Number.isFinite(firstDrawn) ? firstDrawn : null));
  const hasPoints = series.points.listeners.length + series.points.loudness.length > 0;

  const originAt = origin?.origin ?? null;
  const shape =
    originAt === null || !hasPoints
      ? null
      : buildLivePlot({ listeners: series.points.listeners, loudness: series.points.loudness, origin: originAt, incidents, thresholdLufs });

  const kinds = [...new Set(shape?.bands.map((b) => b.kind) ?? [])];
  const rows = series.minutes.slice(0, TABLE_MINUTES);
  const apiPath = `/api/events/${slug}/samples`;

  return (
    <>
      <p className="live-status" data-state={status.state}>
        <span className="live-dot" aria-hidden="true" />
        {/* Only the headline is a live region: it changes when the state does, never with each sample. */}
        <span role="status">{headline}</span>
        {detail}
      </p>
      <p className="hint">
        {status.lastSampleAt !== null && (
          <>
            Latest sample at {formatClockTime(status.lastSampleAt, timeZone, true)} ({timeZone}).{" "}
          </>
        )}
        {connection === "lost" ? "Connection lost; reconnecting…" : connection === "open" ? "Updates as samples arrive." : "Connecting for updates…"}
      </p>
      {!shape || !origin ? (
        <div className="empty">
          <p>No samples yet.</p>
          <p className="hint">
            A monitor or any collector sends them to <code>POST {apiPath}</code> with a write token, as JSON (
            <code>{`{"samples":[{"series":"listeners","at":"2024-08-13T00:42:05Z","value":1234}]}`}</code>), NDJSON or CSV (
            <code>series,at,value</code>); they show here as they arrive.
          </p>
        </div>
      ) : (
        <>
          <div id="live-chart">
            <LiveChart
              shape={shape}
              label={`Line chart of ${audience} (left axis) and loudness in LUFS (right axis), in time from ${origin.label} (t = 0), with incidents shaded; the figures are in the table below.`}
            />
          </div>
          <ul className="legend" aria-label="Key">
            <li>
              <span className="swatch line" style={{ background: LIVE_COLORS.listeners }} aria-hidden="true" />
              {Audience} (left axis)
            </li>
            <li>
              <span className="swatch line" style={{ background: LIVE_COLORS.loudness }} aria-hidden="true" />
              Loudness, LUFS (right axis; dashed line: silence below {String(thresholdLufs).replace("-", "−")})
            </li>
            {kinds.map((k) => (
              <li key={k}>
                <span className="swatch shade" style={{ background: incidentShade(k) }} aria-hidden="true" />
                {incidentKindLabel(k, "chart")}
              </li>
            ))}
          </ul>
          <p className="hint">
            t = 0 is {origin.label}
            {origin.label === "the scheduled start" ? ` (${formatClockTime(origin.origin, timeZone)} ${timeZone})` : ""}; long series are thinned for
            drawing, keeping every low and high.
          </p>
        </>
      )}
      {rows.length > 0 && (
        <div className="table-wrap live-table" role="region" aria-labelledby="live-table-caption" tabIndex={0}>
          <table id="live-table">
            <caption id="live-table-caption">Per minute, latest first: {audience} (mean, lowest, highest) and the lowest loudness</caption>
            <colgroup>
              <col />
              <col span={3} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Minute
                </th>
                <th scope="colgroup" colSpan={3}>
                  {Audience}
                </th>
                <th scope="col" rowSpan={2}>
                  Loudness, lowest (LUFS)
                </th>
              </tr>
              <tr>
                <th scope="col">mean</th>
                <th scope="col">lowest</th>
                <th scope="col">highest</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const c = minuteCells(r);
                return (
                  <tr key={r.minute}>
                    <th scope="row">
                      {formatClockTime(r.minute, timeZone)}
                      {origin && <span className="muted offset"> t = {formatOffset(r.minute - origin.origin)}</span>}
                    </th>
                    <td className="num">{c.listenersMean === null ? "—" : formatNumber(c.listenersMean)}</td>
                    <td className="num">{c.listenersMin === null ? "—" : formatNumber(c.listenersMin)}</td>
                    <td className="num">{c.listenersMax === null ? "—" : formatNumber(c.listenersMax)}</td>
                    <td className="num">{c.loudnessMin === null ? "—" : lufs(c.loudnessMin)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {series.minutes.length > TABLE_MINUTES && (
        <p className="hint">
          The latest {TABLE_MINUTES} minutes are shown. Every minute, with its count of samples:{" "}
          <a href={`${apiPath}?resolution=60`}>{apiPath}?resolution=60</a>.
        </p>
      )}
    </>
  );
}
