"use client";
// The form of a monitor: what to watch (a stream, or an audience count and how to ask for it) and when it runs. Its
// secrets are typed here and kept only in this page: the server never sends them back, not even after a refusal.
import { useContext, useEffect, useState } from "react";
import { MONITOR_KIND_LABELS, MONITOR_KINDS, MONITOR_MODE_LABELS, MONITOR_MODES, type MonitorKind, POLLED_KINDS } from "@/lib/domain/monitors";
import { isOneOf } from "@/lib/domain/options";
import type { FormState } from "@/lib/validation/form-state";
import { FieldPrefix, type FormAction, FormShell, SelectField, TextArea, TextField, valueOf, VersionField } from "./fields";

export const MONITOR_LABELS: Record<string, string> = {
  kind: "Kind",
  url: "URL",
  mount: "Mount",
  pointer: "JSON Pointer",
  headers: "Headers",
  bearerToken: "Bearer token",
  forgetSecrets: "Forget the stored token and headers",
  intervalSeconds: "Poll interval",
  mode: "Runs",
  leadMinutes: "Start before the scheduled start",
  tailMinutes: "Keep going after the end",
  label: "Label",
  version: "Version",
};

const KIND_OPTIONS = MONITOR_KINDS.map((k) => ({ value: k, label: MONITOR_KIND_LABELS[k].label }));
const MODE_OPTIONS = MONITOR_MODES.map((m) => ({ value: m, label: MONITOR_MODE_LABELS[m] }));

const URL_HINTS: Record<MonitorKind, string> = {
  audio: "e.g. https://stream.example.org/live.mp3, or an HLS playlist ending in .m3u8.",
  icecast: "e.g. https://radio.example.org:8000 (Dead Air reads its /status-json.xsl).",
  "x-spaces": "e.g. https://x.com/i/spaces/1vOxwdEYXbbGB, or https://api.x.com/2/spaces/1vOxwdEYXbbGB.",
  json: "e.g. https://api.example.org/stats: answered with JSON that holds the count.",
};

/** What is stored of the monitor's secrets: whether there is a token, the names of its headers. */
interface StoredSecrets {
  hasBearerToken: boolean;
  headerNames: string[];
}

type Secrets = { bearerToken: string; headers: string };
const NO_SECRETS: Secrets = { bearerToken: "", headers: "" };

export function MonitorForm({
  action,
  initial = {},
  version,
  stored,
  submitLabel,
  prefix,
}: {
  action: FormAction;
  /** The monitor as it is stored (edit), as form strings. */
  initial?: Record<string, string>;
  version?: number;
  stored?: StoredSecrets;
  submitLabel: string;
  /** Distinct field ids: one form per monitor on the page. */
  prefix: string;
}) {
  // Held outside the form, which is drawn again after each answer: a refusal does not make anyone type a token twice.
  const [secrets, setSecrets] = useState<Secrets>(NO_SECRETS);
  return (
    <FormShell action={action} submitLabel={submitLabel} labels={MONITOR_LABELS} prefix={prefix} pendingText="Saving…">
      {(state) => <MonitorFields state={state} initial={initial} version={version} stored={stored} secrets={secrets} onSecrets={setSecrets} />}
    </FormShell>
  );
}

function MonitorFields({
  state,
  initial,
  version,
  stored,
  secrets,
  onSecrets,
}: {
  state: FormState;
  initial: Record<string, string>;
  version?: number;
  stored?: StoredSecrets;
  secrets: Secrets;
  onSecrets: (update: (s: Secrets) => Secrets) => void;
}) {
  const [chosen, setChosen] = useState(valueOf(state, "kind", initial.kind ?? "audio"));
  const kind: MonitorKind = isOneOf(MONITOR_KINDS, chosen) ? chosen : "audio";
  const saved = state.status === "success";
  useEffect(() => {
    if (saved) onSecrets(() => NO_SECRETS);
  }, [saved, onSecrets]);
  const typed = saved ? NO_SECRETS : secrets;
  const storedHeaders = stored?.headerNames ?? [];
  const hasStored = Boolean(stored?.hasBearerToken || storedHeaders.length);
  const polled = isOneOf(POLLED_KINDS, kind);

  return (
    // The secrets' inputs report here as they are typed (input events bubble), so that the form keeps them.
    <div
      className="monitor-fields"
      onInput={(e) => {
        const target = e.target as HTMLInputElement | HTMLTextAreaElement;
        if (target.name === "bearerToken" || target.name === "headers") {
          const { name, value } = target;
          onSecrets((s) => ({ ...s, [name]: value }));
        }
      }}
    >
      <fieldset>
        <legend>What to watch</legend>
        <SelectField
          name="kind"
          label="Kind"
          state={state}
          initial={initial.kind ?? "audio"}
          required
          options={KIND_OPTIONS}
          onValue={setChosen}
          hint={MONITOR_KIND_LABELS[kind].hint}
        />
        <TextField name="url" label="URL" type="url" inputMode="url" state={state} initial={initial.url} required hint={URL_HINTS[kind]} />
        <KindOnly shown={kind === "icecast"}>
          <TextField
            name="mount"
            label="Mount"
            state={state}
            initial={initial.mount}
            required
            hint="The mount whose audience is counted, e.g. /live."
          />
        </KindOnly>
        <KindOnly shown={kind === "json"}>
          <TextField
            name="pointer"
            label="JSON Pointer"
            state={state}
            initial={initial.pointer}
            required
            hint="Where the count is in the answer (RFC 6901), e.g. /data/audience; ~1 stands for / in a name, ~0 for ~."
          />
        </KindOnly>
        <KindOnly shown={polled}>
          <TextField
            name="intervalSeconds"
            label="Poll interval, in seconds"
            state={state}
            initial={initial.intervalSeconds ?? "15"}
            inputMode="numeric"
            hint={kind === "x-spaces" ? "From 1 to 3,600. The X API's rate limit wants 15 or more." : "From 1 to 3,600."}
          />
        </KindOnly>
        <KindOnly shown={kind === "x-spaces" || kind === "json"}>
          <TextField
            name="bearerToken"
            label="Bearer token"
            type="password"
            autoComplete="new-password"
            state={state}
            initial={typed.bearerToken}
            required={kind === "x-spaces" && !stored?.hasBearerToken}
            hint={
              stored?.hasBearerToken
                ? "A token is stored; leave blank to keep it."
                : kind === "x-spaces"
                  ? "An X app's bearer token (developer.x.com); stored for this monitor's requests only, never shown again."
                  : "Optional; sent as Authorization: Bearer …, stored for this monitor's requests only, never shown again."
            }
          />
        </KindOnly>
        <KindOnly shown={kind === "json" || kind === "icecast"}>
          <TextArea
            name="headers"
            label="Headers"
            state={state}
            initial={typed.headers}
            rows={2}
            hint={`One Name: value per line; stored for this monitor's requests only, never shown again.${
              storedHeaders.length ? ` Stored now: ${storedHeaders.join(", ")}; leave blank to keep them.` : ""
            }`}
          />
        </KindOnly>
        {hasStored && <ForgetSecrets state={state} />}
        <TextField name="label" label="Label" state={state} initial={initial.label} hint="Optional: how the page names it, e.g. Main stream (MP3)." />
      </fieldset>
      <fieldset>
        <legend>When it runs</legend>
        <SelectField
          name="mode"
          label="Runs"
          state={state}
          initial={initial.mode ?? "auto"}
          options={MODE_OPTIONS}
          hint="By itself: from the minutes below before the scheduled start until those after the end, and while the event is marked live."
        />
        <TextField
          name="leadMinutes"
          label="Start before the scheduled start, in minutes"
          state={state}
          initial={initial.leadMinutes ?? "15"}
          inputMode="numeric"
        />
        <TextField
          name="tailMinutes"
          label="Keep going after the end, in minutes"
          state={state}
          initial={initial.tailMinutes ?? "15"}
          inputMode="numeric"
        />
      </fieldset>
      {version !== undefined && <VersionField state={state} initial={version} />}
    </div>
  );
}

/** A field the chosen kind does not use: hidden, but still in the form with what was typed in it. */
function KindOnly({ shown, children }: { shown: boolean; children: React.ReactNode }) {
  return (
    <div className="kind-only" hidden={!shown}>
      {children}
    </div>
  );
}

function ForgetSecrets({ state }: { state: FormState }) {
  const prefix = useContext(FieldPrefix);
  const id = prefix ? `${prefix}-forgetSecrets` : "forgetSecrets";
  return (
    <div className="field field-wide checkbox-field">
      <label htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name="forgetSecrets"
          value="1"
          defaultChecked={state.values.forgetSecrets === "1"}
          aria-describedby={`${id}-hint`}
        />{" "}
        {MONITOR_LABELS.forgetSecrets}
      </label>
      <p className="hint" id={`${id}-hint`}>
        Sends nothing stored with its requests any more; a token or headers typed above replace the stored ones anyway.
      </p>
    </div>
  );
}
