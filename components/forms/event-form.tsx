"use client";
// The event form: what was announced, when (in the zone it was announced in), and what happened.
import { useState } from "react";
import { formatMinutes } from "@/lib/domain/format";
import { EVENT_STATUSES, SCHEDULE_PRECISIONS } from "@/lib/domain/options";
import { computeDelayMinutes, localToInstant } from "@/lib/domain/time";
import type { FormState } from "@/lib/validation/form-state";
import { type FormAction, FormShell, SelectField, TextArea, TextField, valueOf } from "./fields";

export const EVENT_LABELS: Record<string, string> = {
  title: "Title",
  slug: "Slug",
  platform: "Platform",
  hosts: "Hosts",
  guests: "Guests",
  timeZone: "Time zone",
  scheduledStart: "Scheduled start",
  scheduledPrecision: "Precision",
  actualStart: "Actual start",
  endedAt: "End",
  status: "Status",
  notes: "Notes",
  version: "Version",
};

type Action = FormAction;

export function EventForm({
  action,
  timeZones,
  initial = {},
  version,
  submitLabel,
}: {
  action: Action;
  timeZones: string[];
  initial?: Record<string, string>;
  version?: number;
  submitLabel: string;
}) {
  return (
    <FormShell action={action} version={version} submitLabel={submitLabel} labels={EVENT_LABELS} prefix="">
      {(state) => <EventFields state={state} initial={initial} timeZones={timeZones} />}
    </FormShell>
  );
}

function EventFields({ state, initial, timeZones }: { state: FormState; initial: Record<string, string>; timeZones: string[] }) {
  const [times, setTimes] = useState({
    timeZone: valueOf(state, "timeZone", initial.timeZone ?? "UTC"),
    scheduledStart: valueOf(state, "scheduledStart", initial.scheduledStart),
    actualStart: valueOf(state, "actualStart", initial.actualStart),
  });
  const set = (field: keyof typeof times) => (value: string) => setTimes((t) => ({ ...t, [field]: value }));
  return (
    <>
      <fieldset>
        <legend>The event</legend>
        <TextField name="title" label="Title" state={state} initial={initial.title} required hint="At most 200 characters." />
        <TextField
          name="slug"
          label="Slug"
          state={state}
          initial={initial.slug}
          hint="The event's address: lower-case letters, digits and hyphens. Left empty, it is made from the title."
        />
        <TextField
          name="platform"
          label="Platform"
          state={state}
          initial={initial.platform}
          required
          hint="X Spaces, Twitter Spaces, YouTube Live, Twitch…"
        />
        <TextField name="hosts" label="Hosts" state={state} initial={initial.hosts} hint="Names, separated by commas." />
        <TextField name="guests" label="Guests" state={state} initial={initial.guests} hint="Names, separated by commas." />
        <SelectField
          name="status"
          label="Status"
          state={state}
          initial={initial.status ?? "ended"}
          options={EVENT_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
      </fieldset>
      <fieldset>
        <legend>When</legend>
        <SelectField
          name="timeZone"
          label="Time zone"
          state={state}
          initial={initial.timeZone ?? "UTC"}
          required
          hint="The zone the start was announced in; the times below are read in it."
          options={timeZones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
          onValue={set("timeZone")}
        />
        <TextField
          name="scheduledStart"
          label="Scheduled start"
          type="datetime-local"
          state={state}
          initial={initial.scheduledStart}
          onValue={set("scheduledStart")}
        />
        <SelectField
          name="scheduledPrecision"
          label="Precision of the scheduled start"
          state={state}
          initial={initial.scheduledPrecision ?? "minute"}
          options={SCHEDULE_PRECISIONS.map((p) => ({
            value: p,
            label: p === "minute" ? "Known to the minute" : p === "day" ? "Only the day is known" : "Only the year is known",
          }))}
        />
        <TextField
          name="actualStart"
          label="Actual start"
          type="datetime-local"
          state={state}
          initial={initial.actualStart}
          onValue={set("actualStart")}
        />
        <TextField name="endedAt" label="End" type="datetime-local" state={state} initial={initial.endedAt} />
        <DelayPreview {...times} />
      </fieldset>
      <TextArea name="notes" label="Notes" state={state} initial={initial.notes} rows={4} />
    </>
  );
}

/** The delay the two starts make, shown before saving. */
function DelayPreview({ timeZone, scheduledStart, actualStart }: { timeZone: string; scheduledStart: string; actualStart: string }) {
  let text = "Fill in both starts to see the delay.";
  if (scheduledStart && actualStart) {
    const s = localToInstant(scheduledStart.slice(0, 16), timeZone);
    const a = localToInstant(actualStart.slice(0, 16), timeZone);
    if (s.ok && a.ok) {
      const delay = computeDelayMinutes(s.instant, a.instant)!;
      text = delay === 0 ? "Started on time." : delay > 0 ? `Started ${formatMinutes(delay)} late.` : `Started ${formatMinutes(-delay)} early.`;
    } else {
      const bad = s.ok ? "actual start" : "scheduled start";
      const reason = (s.ok ? a : s) as { reason: string };
      text =
        reason.reason === "nonexistent"
          ? `The ${bad} falls in the hour the clocks skip for daylight saving time in ${timeZone}.`
          : `The ${bad} cannot be read in ${timeZone}.`;
    }
  }
  return (
    <p className="delay-preview" aria-live="polite" id="delay-preview">
      <span className="label">Resulting delay: </span>
      <output htmlFor="scheduledStart actualStart">{text}</output>
    </p>
  );
}
