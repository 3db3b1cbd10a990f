// An incident: what went wrong, placed in minutes from the event's scheduled start.
import { z } from "zod";
import { INCIDENT_KIND_LABELS, INCIDENT_KINDS, QUALIFIER_LABELS, QUALIFIERS } from "../domain/options";
import { choiceField, ONE_PASS, optionalIdField, optionalNumberField, optionalUrl, plainText, readable, versionField } from "./fields";
import { quoteFields } from "./quote";
import { MAX_MINUTES } from "./report";
import { optionalSourceName } from "./source";

/** An incident's description is also how a claim in an import names the incident it is about. */
export const INCIDENT_DESCRIPTION_MAX = 2000;

const fields = {
  kind: choiceField("Kind", INCIDENT_KINDS, undefined, INCIDENT_KIND_LABELS),
  startOffsetMinutes: optionalNumberField("Start (minutes from the scheduled start)").refine((v) => v === null || Math.abs(v) <= MAX_MINUTES, {
    error: `Start must be within ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week) of the scheduled start.`,
  }),
  durationMinutes: optionalNumberField("Duration").refine((v) => v === null || (v >= 0 && v <= MAX_MINUTES), {
    error: `Duration must be from 0 to ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week).`,
  }),
  qualifier: choiceField("Qualifier", QUALIFIERS, "exact", QUALIFIER_LABELS),
  description: plainText("Description", INCIDENT_DESCRIPTION_MAX),
  sourceId: optionalIdField("Source"),
  /** A source to create in place, as a figure's. */
  newSourceName: optionalSourceName("New source name"),
  url: optionalUrl("URL"),
  ...quoteFields(),
};

/** The one rule over two fields, checked in the same pass as the fields' own (ONE_PASS). */
function checkIncident(v: { sourceId?: number | null; newSourceName?: string | null }, ctx: z.RefinementCtx) {
  if (v.sourceId && v.newSourceName && readable(ctx, "sourceId", "newSourceName")) {
    ctx.addIssue({ code: "custom", path: ["newSourceName"], message: "Either pick a source or name a new one, not both." });
  }
}

export const IncidentInput = z.strictObject(fields).superRefine(checkIncident, ONE_PASS);
export type IncidentInput = z.infer<typeof IncidentInput>;

export const IncidentUpdate = z.strictObject({ ...fields, version: versionField }).superRefine(checkIncident, ONE_PASS);
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const INCIDENT_FIELDS = Object.keys(fields);
