// An incident: what went wrong, placed in minutes from the event's scheduled start.
import { z } from "zod";
import { INCIDENT_KINDS, QUALIFIERS } from "../domain/options";
import { choiceField, optionalIdField, optionalNumberField, plainText, versionField } from "./fields";
import { quoteFields } from "./quote";
import { MAX_MINUTES } from "./report";

/** An incident's description is also how a claim in an import names the incident it is about. */
export const INCIDENT_DESCRIPTION_MAX = 2000;

const fields = {
  kind: choiceField("Kind", INCIDENT_KINDS),
  startOffsetMinutes: optionalNumberField("Start (minutes from the scheduled start)").refine((v) => v === null || Math.abs(v) <= MAX_MINUTES, {
    error: `Start must be within ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week) of the scheduled start.`,
  }),
  durationMinutes: optionalNumberField("Duration").refine((v) => v === null || (v >= 0 && v <= MAX_MINUTES), {
    error: `Duration must be from 0 to ${MAX_MINUTES.toLocaleString("en-US")} minutes (one week).`,
  }),
  qualifier: choiceField("Qualifier", QUALIFIERS, "exact"),
  description: plainText("Description", INCIDENT_DESCRIPTION_MAX),
  sourceId: optionalIdField("Source"),
  ...quoteFields(),
};

// Every rule of an incident is a field's own, so that all of them are checked in one pass.
export const IncidentInput = z.strictObject(fields);
export type IncidentInput = z.infer<typeof IncidentInput>;

export const IncidentUpdate = z.strictObject({ ...fields, version: versionField });
export type IncidentUpdate = z.infer<typeof IncidentUpdate>;

export const INCIDENT_FIELDS = Object.keys(fields);
