// An event's correction log: every change to its records, newest first, in UTC, in words, with its reason.
import type { EventDetail } from "@/lib/data/reads";
import { formatInstant } from "@/lib/domain/format";
import { buildHistoryContext, describeRevision } from "@/lib/domain/history";

export function EventHistory({ event, sources }: { event: EventDetail; sources: { id: number; name: string }[] }) {
  const { revisions } = event;
  const context = buildHistoryContext(
    [
      { entity: "event", id: event.id, record: event },
      ...event.reports.map((r) => ({ entity: "report", id: r.id, record: r })),
      ...event.incidents.map((i) => ({ entity: "incident", id: i.id, record: i })),
      ...event.claims.map((c) => ({ entity: "claim", id: c.id, record: c })),
      ...event.moments.map((m) => ({ entity: "moment", id: m.id, record: m })),
    ],
    revisions,
    new Map(sources.map((s) => [s.id, s.name])),
    event.medium,
  );
  return (
    <section aria-labelledby="history">
      <h2 id="history">Correction log</h2>
      {revisions.length === 0 ? (
        <p className="empty-inline">No changes recorded.</p>
      ) : (
        <ol className="history">
          {revisions.map((r) => {
            const { what, change, reason } = describeRevision(r, context);
            return (
              <li key={r.id}>
                <time dateTime={r.at.toISOString()}>{formatInstant(r.at, "UTC")} UTC</time> · {what} · {change}
                {reason && <> · reason: “{reason}”</>}
                {r.actor && <span className="muted"> · by {r.actor}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
