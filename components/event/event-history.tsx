// An event's correction log: every change to its records, newest first, in UTC.
import type { EventDetail } from "@/lib/data/reads";
import { formatInstant } from "@/lib/domain/format";
import { describeRevision } from "@/lib/domain/history";

export function EventHistory({ revisions }: { revisions: EventDetail["revisions"] }) {
  return (
    <section aria-labelledby="history">
      <h2 id="history">Correction log</h2>
      {revisions.length === 0 ? (
        <p className="empty-inline">No changes recorded.</p>
      ) : (
        <ol className="history">
          {revisions.map((r) => {
            const { what, change } = describeRevision(r);
            return (
              <li key={r.id}>
                <time dateTime={r.at.toISOString()}>{formatInstant(r.at, "UTC")} UTC</time> · {what} · {change}
                {r.actor && <span className="muted"> · by {r.actor}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
