// Every monitor of every event, for /admin: which runs, which waits for a worker, which fails, and why.
import type { MonitorView } from "@/lib/data/monitors";
import { monitorKindLabel, monitorStateLabel } from "@/lib/domain/monitor-view";

const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const when = (d: Date | null) => (d ? `${utc.format(d)} UTC` : null);

export function MonitorTable({ monitors }: { monitors: MonitorView[] }) {
  if (monitors.length === 0) {
    return <p className="empty-inline">No monitors yet. An editor adds them on an event&apos;s page, under Monitors.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="admin-table monitor-table">
        <caption className="visually-hidden">Monitors</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Kind</th>
            <th scope="col">URL or label</th>
            <th scope="col">State</th>
            <th scope="col">Worker</th>
            <th scope="col">Last sample</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          {monitors.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <a href={`/events/${m.event}#monitors`}>{m.eventTitle}</a>
              </th>
              <td>{monitorKindLabel(m.kind)}</td>
              <td className="monitor-url">
                {m.label && (
                  <>
                    {m.label}
                    <br />
                  </>
                )}
                <span className={m.label ? "muted" : undefined}>{m.url}</span>
              </td>
              <td>
                <span className="monitor-state" data-state={m.state}>
                  {monitorStateLabel(m.state)}
                </span>
                {m.due && <span className="badge due">due now</span>}
              </td>
              <td>{m.worker ? <code>{m.worker}</code> : <span className="muted">none</span>}</td>
              <td>{when(m.lastSampleAt) ?? <span className="muted">none yet</span>}</td>
              <td>
                {m.lastError ? (
                  <>
                    <span className="monitor-error">{m.lastError}</span>
                    {m.lastErrorAt && <span className="muted"> ({when(m.lastErrorAt)})</span>}
                  </>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
