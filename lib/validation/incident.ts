// An incident: what went wrong, placed in minutes from the event's scheduled start.
import { z } from "zod";
import { INCIDENT_KINDS, QUALIFIERS } from "../domain/options";
import { choiceField, optionalIdField, optionalNumberField, plainText, versionField } from "./fields";
import { checkReportedOn, quoteFields } from "./quote";
import { MAX_MINUTES } from "./report";

/** An incident's description is also how a claim in an import names the incident it is about. */
export const INCIDENT_DESCRIPTION_MAX = 2000;

const fields = {
  kind: choiceField("Kind", INCIDENT_KINDS),
  startOffsetMinutes: optionalNumberField("Start (minutes from the scheduled start)"),
  durationMinutes: optionalNumberField("Duration"),
  qualifier: choiceField("Qualifier", QUALIFIERS, "exact"),
  description: plainText("Description", INCIDENT_DESCRIPTION_MAX),
  sourceId: optionalIdField("Source"),
  ...quoteFields(),
};

function checkIncident(v: { startOffsetMinutes?: number | null; durationMinutes?: number | null; reportedOn?: string | null }, ctx: z.RefinementCtx) {
  checkReportedOn(v, ctx);
  if (v.durationMinutes != null && (v.durationMinutes < 0 || v.durationMinutes > MAX_MINUTES)) {
    ctx.addIssue({
      code: "custom",
      path: ["durationMinutes"],
      message: `Duration must be from 0 to ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week).`,
    });
  }
  if (v.startOffsetMinutes != null && Math.abs(v.startOffsetMinutes) > MAX_MINUTES) {
    ctx.addIssue({
      code: "custom",
      path: ["startOffsetMinutes"],
      message: `Start must be within ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week) of the scheduled start.`,
    });
  }
}

export const IncidentInput = z.strictObject(fields).superRefine(checkIncident);
export type IncidentInput = z.infer<typeof IncidentInput>;

export const IncidentUpdate = z.strictObject({ ...fields, version: versionField }).superRefine(checkIncident);
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const INCIDENT_FIELDS = Object.keys(fields);
