// A key moment of an event (the main fight, the guest joining): a label and an instant, typed in the event's zone.
import { z } from "zod";
import { ONE_PASS, optionalIdField, optionalUrl, plainText, readable, requiredName, versionField } from "./fields";
import { foldField } from "./local-time";
import { optionalSourceName } from "./source";

const fields = {
  label: requiredName("What happened", 200),
  /** A local time in the event's zone ("2024-11-16T00:05"), or an instant with its offset. */
  at: z.string({ error: "Time is required." }).trim().min(1, { error: "Time is required." }).max(40, { error: "Time must be a date and time." }),
  /** Which of the two instants a local time means in the hour the clocks go back: "earlier" or "later". */
  atFold: foldField("Time"),
  sourceId: optionalIdField("Source"),
  newSourceName: optionalSourceName("New source name"),
  url: optionalUrl("URL"),
  note: plainText("Note", 2000),
};

/** Checked in the same pass as the fields' own (ONE_PASS), once both fields parsed. */
function checkMoment(v: { sourceId?: number | null; newSourceName?: string | null }, ctx: z.RefinementCtx) {
  if (v.sourceId && v.newSourceName && readable(ctx, "sourceId", "newSourceName")) {
    ctx.addIssue({ code: "custom", path: ["newSourceName"], message: "Either pick a source or name a new one, not both." });
  }
}

export const MomentInput = z.strictObject(fields).superRefine(checkMoment, ONE_PASS);
export type MomentInput = z.infer<typeof MomentInput>;

export const MomentUpdate = z.strictObject({ ...fields, version: versionField }).superRefine(checkMoment, ONE_PASS);
export type MomentUpdate = z.infer<typeof MomentUpdate>;

export const MOMENT_FIELDS = Object.keys(fields);
