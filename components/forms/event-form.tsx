"use client";
// The event form: what was announced, when (in the zone it was announced in), and what happened.
import { useState } from "react";
import { formatMinutes } from "@/lib/domain/format";
import { EVENT_STATUSES, MEDIA, MEDIUM_LABELS, SCHEDULE_PRECISIONS } from "@/lib/domain/options";
import { computeDelayMinutes, currentZoneName, type Fold, isFold, localToInstant } from "@/lib/domain/time";
import type { FormState } from "@/lib/validation/form-state";
import { type FormAction, FormShell, SelectField, TextArea, TextField, valueOf } from "./fields";
import { LocalTimeField } from "./local-time-field";

export const EVENT_LABELS: Record<string, string> = {
  title: "Title",
  slug: "Slug",
  platform: "Platform",
  medium: "Medium",
  hosts: "Hosts",
  guests: "Guests",
  timeZone: "Time zone",
  scheduledStart: "Scheduled start",
  scheduledStartFold: "Which scheduled start",
  scheduledPrecision: "Precision",
  actualStart: "Actual start",
  actualStartFold: "Which actual start",
  endedAt: "End",
  endedAtFold: "Which end",
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
  // A record's zone by its current name (one stored as Asia/Calcutta is shown as Asia/Kolkata), and offered even
  // when the list lacks it, so that saving the form never moves an event to another zone.
  const initialZone = currentZoneName(initial.timeZone ?? "UTC");
  const zones = timeZones.includes(initialZone) ? timeZones : [initialZone, ...timeZones];
  const [times, setTimes] = useState(() => {
    const typed = (field: string) => valueOf(state, field, initial[field]);
    return {
      timeZone: valueOf(state, "timeZone", initialZone),
      scheduledStart: typed("scheduledStart"),
      scheduledStartFold: typed("scheduledStartFold"),
      actualStart: typed("actualStart"),
      actualStartFold: typed("actualStartFold"),
      endedAt: typed("endedAt"),
      endedAtFold: typed("endedAtFold"),
    };
  });
  const set = (field: keyof typeof times) => (value: string) => setTimes((t) => ({ ...t, [field]: value }));
  const time = (name: "scheduledStart" | "actualStart" | "endedAt", label: string) => (
    <LocalTimeField
      name={name}
      label={label}
      state={state}
      initial={initial[name]}
      zone={times.timeZone}
      value={times[name]}
      fold={times[`${name}Fold`]}
      onValue={set(name)}
      onFold={set(`${name}Fold`)}
    />
  );
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
          hint="X Spaces, Twitter Spaces, YouTube Live, Twitch, Netflix…"
        />
        <SelectField
          name="medium"
          label="Medium"
          state={state}
          initial={initial.medium ?? "audio"}
          options={MEDIA.map((m) => ({ value: m, label: MEDIUM_LABELS[m] }))}
          hint="What the audience is counted in: listeners for audio, viewers for video."
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
          initial={initialZone}
          required
          hint="The zone the start was announced in; the times below are read in it."
          options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
          onValue={set("timeZone")}
        />
        {time("scheduledStart", "Scheduled start")}
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
        {time("actualStart", "Actual start")}
        {time("endedAt", "End")}
        <DelayPreview {...times} />
      </fieldset>
      <TextArea name="notes" label="Notes" state={state} initial={initial.notes} rows={4} />
    </>
  );
}

/** The delay the two starts make, shown before saving. */
function DelayPreview({
  timeZone,
  scheduledStart,
  scheduledStartFold,
  actualStart,
  actualStartFold,
}: {
  timeZone: string;
  scheduledStart: string;
  scheduledStartFold: string;
  actualStart: string;
  actualStartFold: string;
}) {
  let text = "Fill in both starts to see the delay.";
  if (scheduledStart && actualStart) {
    const fold = (value: string): Fold | undefined => (isFold(value) ? value : undefined);
    const s = localToInstant(scheduledStart.slice(0, 16), timeZone, fold(scheduledStartFold));
    const a = localToInstant(actualStart.slice(0, 16), timeZone, fold(actualStartFold));
    if (s.ok && a.ok) {
      const delay = computeDelayMinutes(s.instant, a.instant)!;
      text = delay === 0 ? "Started on time." : delay > 0 ? `Started ${formatMinutes(delay)} late.` : `Started ${formatMinutes(-delay)} early.`;
    } else {
      const bad = s.ok ? "actual start" : "scheduled start";
      const reason = (s.ok ? a : s) as { reason: string };
      text =
        reason.reason === "nonexistent"
          ? `The ${bad} falls in the hour the clocks skip for daylight saving time in ${timeZone}.`
          : reason.reason === "ambiguous"
            ? `The ${bad} came twice in ${timeZone}, as the clocks went back: choose the first or the second under it.`
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
