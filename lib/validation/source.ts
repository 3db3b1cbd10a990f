// A source: an outlet or a person that reports figures or makes claims.
import { z } from "zod";
import { SOURCE_KINDS } from "../domain/options";
import { choiceField, optionalText, optionalUrl, requiredText, versionField } from "./fields";

const fields = {
  name: requiredText("Name", 200),
  kind: choiceField("Kind", SOURCE_KINDS, "newspaper"),
  leaning: optionalText("Leaning", 200),
  homeUrl: optionalUrl("Home page"),
};

export const SourceInput = z.strictObject(fields);
export type SourceInput = z.infer<typeof SourceInput>;

export const SourceUpdate = z.strictObject({ ...fields, version: versionField });
export type SourceUpdate = z.infer<typeof SourceUpdate>;
