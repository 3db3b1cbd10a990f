// A reported figure: one source's value for one metric of one event, with its qualifier and provenance.
import { z } from "zod";
import { isCountUnit, METRIC_KEYS, METRICS, type MetricKey } from "../domain/metrics";
import { QUALIFIER_LABELS, QUALIFIERS } from "../domain/options";
import {
  choiceField,
  numberField,
  ONE_PASS,
  optionalDate,
  optionalIdField,
  optionalName,
  optionalText,
  optionalUrl,
  plainText,
  readable,
  versionField,
} from "./fields";
import { optionalSourceName } from "./source";

/** The longest a figure in minutes may be: one week. */
export const MAX_MINUTES = 10_080;
/** The scope of a figure that holds everywhere. */
export const GLOBAL_SCOPE = "global";

const fields = {
  metric: choiceField("Metric", METRIC_KEYS, undefined, METRICS),
  value: numberField("Value"),
  qualifier: choiceField("Qualifier", QUALIFIERS, "exact", QUALIFIER_LABELS),
  /** An existing source, or the name of a new one to create in place. */
  sourceId: optionalIdField("Source"),
  newSourceName: optionalSourceName("New source name"),
  quote: optionalText("Quote", 5000),
  quoteLang: optionalName("Quote language", 35),
  quoteEnglish: optionalText("English rendering", 5000),
  url: optionalUrl("URL"),
  reportedOn: optionalDate("Date reported", { notFuture: true }),
  note: plainText("Note", 2000),
  /** Where the figure holds; empty is the whole audience ("global"). */
  scope: optionalName("Scope", 100).transform((v) => v ?? GLOBAL_SCOPE),
};

type ReportShape = { metric?: MetricKey; value?: number; sourceId?: number | null; newSourceName?: string | null };

/** Rules that span fields, each checked once the fields it reads are readable: the value suits the metric's unit, a source is named. */
function checkReport(input: ReportShape, ctx: z.RefinementCtx, requireSource: boolean) {
  if (input.metric !== undefined && input.value !== undefined && readable(ctx, "metric", "value")) {
    const unit = METRICS[input.metric].unit;
    if ((unit === "audience" || isCountUnit(unit)) && (!Number.isInteger(input.value) || input.value < 0)) {
      const what = unit === "audience" ? "An audience" : `A count of ${unit === "reports" ? "problem reports" : unit}`;
      ctx.addIssue({ code: "custom", path: ["value"], message: `${what} must be a whole number, from 0 up.` });
    }
    if (unit === "percent" && (input.value < 0 || input.value > 100)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "A share must be a percentage from 0 to 100." });
    }
    if (unit === "minutes" && (input.value < 0 || input.value > MAX_MINUTES)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `Minutes must be from 0 to ${MAX_MINUTES.toLocaleString("en-US")} (one week).` });
    }
  }
  if (!readable(ctx, "sourceId", "newSourceName")) return;
  if (requireSource && !input.sourceId && !input.newSourceName) {
    ctx.addIssue({ code: "custom", path: ["sourceId"], message: "Pick the source that reported this figure, or name a new one." });
  }
  if (input.sourceId && input.newSourceName) {
    ctx.addIssue({ code: "custom", path: ["newSourceName"], message: "Either pick a source or name a new one, not both." });
  }
}

export const ReportInput = z.strictObject(fields).superRefine((v, ctx) => checkReport(v, ctx, true), ONE_PASS);
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportUpdate = z.strictObject({ ...fields, version: versionField }).superRefine((v, ctx) => checkReport(v, ctx, true), ONE_PASS);
export type ReportUpdate = z.infer<typeof ReportUpdate>;

export const REPORT_FIELDS = Object.keys(fields);
