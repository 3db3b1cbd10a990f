// A value outside a closed list is refused with the options people read (the labels forms show), not internal keys.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { METRIC_KEYS, METRICS } from "@/lib/domain/metrics";
import { INCIDENT_KIND_LABELS, INCIDENT_KINDS, QUALIFIER_LABELS, QUALIFIERS, SOURCE_KIND_LABELS, SOURCE_KINDS } from "@/lib/domain/options";
import { EventInput } from "@/lib/validation/event";
import { choiceField, toFieldErrors } from "@/lib/validation/fields";
import { IncidentInput } from "@/lib/validation/incident";
import { ReportInput } from "@/lib/validation/report";
import { SourceInput } from "@/lib/validation/source";

function messageOf(schema: z.ZodType, input: unknown, field: string): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  return toFieldErrors(result.error)[field][0];
}

describe("a choice outside its list", () => {
  it("lists the metrics by their labels, every one of the catalogue, in its order", () => {
    const message = messageOf(ReportInput, { metric: "nonsense", value: "4", sourceId: "1" }, "metric");
    expect(message).toMatch(/^Metric must be one of: Start delay, Dead air before failure, /);
    expect(message).toBe(`Metric must be one of: ${METRIC_KEYS.map((k) => METRICS[k].label).join(", ")}.`);
    for (const key of METRIC_KEYS.filter((k) => k.includes("_"))) expect(message).not.toContain(key);
  });

  it("lists the qualifiers and the incident kinds by the words the forms show", () => {
    expect(messageOf(ReportInput, { metric: "start_delay", value: "4", sourceId: "1", qualifier: "roughly" }, "qualifier")).toBe(
      `Qualifier must be one of: ${QUALIFIERS.map((q) => QUALIFIER_LABELS[q]).join(", ")}.`,
    );
    const kind = messageOf(IncidentInput, { kind: "meteor" }, "kind");
    expect(kind).toBe(`Kind must be one of: ${INCIDENT_KINDS.map((k) => INCIDENT_KIND_LABELS[k].form).join(", ")}.`);
    expect(kind).toContain("Dead air / silence");
  });

  it("lists a source's kinds and an event's media by their labels", () => {
    expect(messageOf(SourceInput, { name: "Le Monde", kind: "blog" }, "kind")).toBe(
      `Kind must be one of: ${SOURCE_KINDS.map((k) => SOURCE_KIND_LABELS[k]).join(", ")}.`,
    );
    expect(messageOf(EventInput, { title: "t", platform: "p", timeZone: "UTC", medium: "radio" }, "medium")).toBe(
      "Medium must be one of: Audio (listeners), Video (viewers).",
    );
  });

  it("takes a label map of strings, of { label } or of { form }, and lists keys that are words already as they are", () => {
    const options = ["a_b", "c"] as const;
    const refuse = (labels?: Record<(typeof options)[number], string | { label: string } | { form: string }>) =>
      messageOf(choiceField("Choice", options, undefined, labels), "x", "_form");
    expect(refuse({ a_b: "A and B", c: "C" })).toBe("Choice must be one of: A and B, C.");
    expect(refuse({ a_b: { label: "A and B" }, c: { form: "C" } })).toBe("Choice must be one of: A and B, C.");
    expect(refuse()).toBe("Choice must be one of: a_b, c.");
  });
});
