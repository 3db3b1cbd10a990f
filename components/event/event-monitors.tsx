// An event's monitors, for editors: what each watches, whether a worker runs it and how it fares, when it runs, and
// the buttons and forms that start, stop, change and delete them.
import { ActionButton } from "@/components/forms/admin-forms";
import { MonitorForm } from "@/components/forms/monitor-form";
import { DeleteForm } from "@/components/forms/record-forms";
import { createMonitorAction, deleteMonitorAction, setMonitorModeAction, updateMonitorAction } from "@/lib/actions/monitors";
import type { MonitorView } from "@/lib/data/monitors";
import type { EventDetail } from "@/lib/data/reads";
import { formatInstant } from "@/lib/domain/format";
import { monitorKindLabel, monitorModeLabel, monitorName, monitorStateLabel } from "@/lib/domain/monitor-view";
import { POLLED_KINDS } from "@/lib/domain/monitors";
import { MONITOR_FIELDS } from "@/lib/validation/monitor";
import { toFormValues, toInput } from "@/lib/validation/values";

type EventFacts = Pick<EventDetail, "slug" | "timeZone" | "status">;

const secondFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant to the second in the event's zone: a monitor samples every second, so minutes would hide a stall. */
function toSecond(instant: Date, zone: string): string {
  let format = secondFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: zone });
    secondFormats.set(zone, format);
  }
  return format.format(instant);
}

/** The monitor as its edit form starts: every setting as the form's strings (never its secrets, which nobody reads back). */
const formValues = (m: MonitorView): Record<string, string> => toFormValues(toInput(m, MONITOR_FIELDS));

/** What it asks for: how often, which mount or pointer, and which secrets go with its requests. */
function settings(m: MonitorView): string {
  const parts: string[] = [];
  if (POLLED_KINDS.some((k) => k === m.kind)) parts.push(`polled every ${m.intervalSeconds} s`);
  else parts.push("listened to continuously");
  if (m.kind === "icecast" && m.mount) parts.push(`mount ${m.mount}`);
  if (m.kind === "json" && m.pointer) parts.push(`JSON Pointer ${m.pointer}`);
  if (m.hasBearerToken) parts.push("bearer token stored");
  if (m.headerNames.length) parts.push(`headers stored: ${m.headerNames.join(", ")}`);
  return parts.join(" · ");
}

/** When it runs: by hand, or its window around the event, in the event's zone. */
function schedule(m: MonitorView, event: EventFacts): string {
  const mode = monitorModeLabel(m.mode);
  if (m.mode !== "auto") return mode;
  if (m.window) {
    return `${mode}: from ${formatInstant(new Date(m.window.from), event.timeZone)} to ${formatInstant(new Date(m.window.to), event.timeZone)}`;
  }
  if (event.status === "cancelled") return `${mode}: never, the event is cancelled`;
  return `${mode}: while the event is marked live (it has no scheduled start)`;
}

function MonitorItem({ m, event }: { m: MonitorView; event: EventFacts }) {
  const name = monitorName(m);
  const zone = event.timeZone;
  return (
    <li className="monitor">
      <p>
        <strong>{monitorKindLabel(m.kind)}</strong>
        {m.label && <> · {m.label}</>}
      </p>
      <p className="monitor-url">{m.url}</p>
      <p className="muted">{settings(m)}</p>
      <dl className="monitor-facts">
        <div>
          <dt>State</dt>
          <dd>
            <span className="monitor-state" data-state={m.state}>
              {monitorStateLabel(m.state)}
            </span>
            {m.stateSince && <> since {toSecond(m.stateSince, zone)}</>}
          </dd>
        </div>
        <div>
          <dt>Worker</dt>
          <dd>
            {m.worker ? (
              <code>{m.worker}</code>
            ) : m.due ? (
              "None yet: it is due, so a monitor worker should take it within seconds (if none does, see /api/health)"
            ) : (
              "None (not due)"
            )}
          </dd>
        </div>
        <div>
          <dt>Last sample</dt>
          <dd>{m.lastSampleAt ? toSecond(m.lastSampleAt, zone) : "None yet"}</dd>
        </div>
        {m.lastError && (
          <div>
            <dt>Last error</dt>
            <dd>
              <span className="monitor-error">{m.lastError}</span>
              {m.lastErrorAt && <span className="muted"> ({toSecond(m.lastErrorAt, zone)})</span>}
            </dd>
          </div>
        )}
        <div>
          <dt>Runs</dt>
          <dd>
            {schedule(m, event)}
            <span className={m.due ? "badge due" : "badge"}>{m.due ? "due now" : "not due now"}</span>
          </dd>
        </div>
      </dl>
      <div className="row-actions">
        {/* Keyed by mode: after a change the buttons that apply are new ones, not the last ones relabelled. */}
        {!m.due && <ActionButton key={`on-${m.mode}`} action={setMonitorModeAction.bind(null, m.id, "on")} label="Start now" what={name} />}
        {m.due && <ActionButton key={`off-${m.mode}`} action={setMonitorModeAction.bind(null, m.id, "off")} label="Stop" what={name} />}
        {m.mode !== "auto" && (
          <ActionButton key={`auto-${m.mode}`} action={setMonitorModeAction.bind(null, m.id, "auto")} label="Back to automatic" what={name} />
        )}
        <DeleteForm action={deleteMonitorAction.bind(null, m.id)} what={name} />
      </div>
      <details className="add">
        <summary>
          Edit<span className="visually-hidden"> {name}</span>
        </summary>
        <MonitorForm
          action={updateMonitorAction.bind(null, m.id)}
          initial={formValues(m)}
          version={m.version}
          stored={{ hasBearerToken: m.hasBearerToken, headerNames: m.headerNames }}
          submitLabel="Save monitor"
          prefix={`monitor-${m.id}`}
        />
      </details>
    </li>
  );
}

export function EventMonitors({ event, monitors }: { event: EventFacts; monitors: MonitorView[] }) {
  return (
    <section aria-labelledby="monitors" className="monitors">
      <h2 id="monitors">Monitors</h2>
      <p className="hint">
        Shown to editors only. What a monitor measures feeds the live section and the detectors; its bearer token and headers are sent with its
        requests and never shown again. Times are in {event.timeZone}, the event&apos;s zone.
      </p>
      {monitors.length === 0 ? (
        <p className="empty-inline">No monitors yet: add one to have Dead Air listen to the stream or count its audience.</p>
      ) : (
        <ul className="record-list">
          {monitors.map((m) => (
            <MonitorItem key={m.id} m={m} event={event} />
          ))}
        </ul>
      )}
      <details className="add">
        <summary>Add a monitor</summary>
        <MonitorForm action={createMonitorAction.bind(null, event.slug)} submitLabel="Add monitor" prefix="monitor" />
      </details>
    </section>
  );
}
