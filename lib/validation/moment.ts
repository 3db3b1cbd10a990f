// A key moment of an event (the main fight, the guest joining): a label and an instant, typed in the event's zone.
import { z } from "zod";
import { optionalIdField, optionalUrl, plainText, requiredName, versionField } from "./fields";
import { optionalSourceName } from "./source";

const fields = {
  label: requiredName("What happened", 200),
  /** A local time in the event's zone ("2024-11-16T00:05"), or an instant with its offset. */
  at: z.string({ error: "Time is required." }).trim().min(1, { error: "Time is required." }).max(40, { error: "Time must be a date and time." }),
  sourceId: optionalIdField("Source"),
  newSourceName: optionalSourceName("New source name"),
  url: optionalUrl("URL"),
  note: plainText("Note", 2000),
};

function checkMoment(v: { sourceId?: number | null; newSourceName?: string | null }, ctx: z.RefinementCtx) {
  if (v.sourceId && v.newSourceName) {
    ctx.addIssue({ code: "custom", path: ["newSourceName"], message: "Either pick a source or name a new one, not both." });
  }
}

export const MomentInput = z.strictObject(fields).superRefine(checkMoment);
export type MomentInput = z.infer<typeof MomentInput>;

export const MomentUpdate = z.strictObject({ ...fields, version: versionField }).superRefine(checkMoment);
export type MomentUpdate = z.infer<typeof MomentUpdate>;

export const MOMENT_FIELDS = Object.keys(fields);
