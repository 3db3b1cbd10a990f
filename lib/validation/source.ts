// A source: an outlet or a person that reports figures or makes claims.
import { z } from "zod";
import { SOURCE_KIND_LABELS, SOURCE_KINDS } from "../domain/options";
import { choiceField, optionalName, optionalUrl, requiredName, versionField } from "./fields";

/** How long a source's name may be: as a source, as a figure's new source, a claimant or a stance's source. */
export const SOURCE_NAME_MAX = 200;

/** A source named by its name (one line), under the label of the field that names it. */
export const sourceName = (label: string) => requiredName(label, SOURCE_NAME_MAX);
export const optionalSourceName = (label: string) => optionalName(label, SOURCE_NAME_MAX);

const fields = {
  name: sourceName("Name"),
  kind: choiceField("Kind", SOURCE_KINDS, "newspaper", SOURCE_KIND_LABELS),
  leaning: optionalName("Leaning", 200),
  homeUrl: optionalUrl("Home page"),
};

export const SourceInput = z.strictObject(fields);
export type SourceInput = z.infer<typeof SourceInput>;

export const SourceUpdate = z.strictObject({ ...fields, version: versionField });
export type SourceUpdate = z.infer<typeof SourceUpdate>;
