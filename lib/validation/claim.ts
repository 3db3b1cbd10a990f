// A claim: a statement about a cause or a fact, who made it, where it stands, and who disputes or confirms it.
import { z } from "zod";
import { CLAIM_STATUSES, STANCES } from "../domain/options";
import { cappedList, choiceField, idField, ONE_PASS, optionalIdField, optionalUrl, readable, requiredText, versionField } from "./fields";
import { quoteFields } from "./quote";
import { optionalSourceName } from "./source";

export const StanceInput = z.strictObject(
  {
    sourceId: idField("Source"),
    stance: choiceField("Stance", STANCES),
    ...quoteFields(),
    url: optionalUrl("URL"),
  },
  { error: "Each stance must be an object with a source and a stance." },
);
export type StanceInput = z.infer<typeof StanceInput>;

const fields = {
  statement: requiredText("Statement", 1000),
  ...quoteFields(),
  claimantId: optionalIdField("Claimant"),
  newClaimantName: optionalSourceName("New claimant name"),
  status: choiceField("Status", CLAIM_STATUSES, "claimed"),
  url: optionalUrl("URL"),
  incidentId: optionalIdField("Incident"),
  stances: cappedList(StanceInput, 50, { notList: "Stances must be a list.", tooMany: "At most 50 stances." }),
};

/** Rules over several fields, each checked once the fields it reads are readable, in the same pass as theirs (ONE_PASS). */
function checkClaim(v: { claimantId?: number | null; newClaimantName?: string | null; stances?: StanceInput[] }, ctx: z.RefinementCtx) {
  if (readable(ctx, "claimantId", "newClaimantName")) {
    if (!v.claimantId && !v.newClaimantName) {
      ctx.addIssue({ code: "custom", path: ["claimantId"], message: "Pick who made the claim, or name a new source." });
    }
    if (v.claimantId && v.newClaimantName) {
      ctx.addIssue({ code: "custom", path: ["newClaimantName"], message: "Either pick a claimant or name a new one, not both." });
    }
  }
  if (!Array.isArray(v.stances)) return;
  const seen = new Set<number>();
  v.stances.forEach((s: Partial<StanceInput> | null, i) => {
    // A stance whose source did not parse (or that is no object) names no source to compare.
    if (typeof s?.sourceId !== "number" || !readable(ctx, ["stances", i, "sourceId"])) return;
    if (seen.has(s.sourceId))
      ctx.addIssue({ code: "custom", path: ["stances", i, "sourceId"], message: "This source already has a stance on the claim." });
    seen.add(s.sourceId);
  });
}

export const ClaimInput = z.strictObject(fields).superRefine(checkClaim, ONE_PASS);
export type ClaimInput = z.infer<typeof ClaimInput>;

export const ClaimUpdate = z.strictObject({ ...fields, version: versionField }).superRefine(checkClaim, ONE_PASS);
export type ClaimUpdate = z.infer<typeof ClaimUpdate>;

export const CLAIM_FIELDS = Object.keys(fields);
