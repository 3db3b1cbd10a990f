// The one qualifier phrase and the one table of incident-kind labels that forms, pages and charts read.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SEGMENT_KINDS, segmentLabel } from "@/lib/domain/compare";
import { formatReportedValue } from "@/lib/domain/format";
import { INCIDENT_KIND_LABELS, INCIDENT_KINDS, incidentKindLabel, QUALIFIER_LABELS, QUALIFIERS, qualify } from "@/lib/domain/options";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every source file of the app (not the tests, not the generated Prisma client), with its text. */
function sourceFiles(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (rel !== path.join("lib", "generated")) walk(rel);
      } else if (/\.tsx?$/.test(entry.name)) {
        found.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), "utf8") });
      }
    }
  };
  for (const dir of ["app", "components", "lib", "scripts"]) walk(dir);
  found.push({ file: "proxy.ts", text: fs.readFileSync(path.join(ROOT, "proxy.ts"), "utf8") });
  return found;
}

describe("qualify", () => {
  it("puts the qualifier's words before a value, and nothing before an exact one", () => {
    expect(qualify("20 min", "approximate")).toBe("about 20 min");
    expect(qualify("1.3M", "at_least")).toBe("at least 1.3M");
    expect(qualify("8M", "at_most")).toBe("at most 8M");
    expect(qualify("42 min", "exact")).toBe("42 min");
  });

  it("stacks, as a lower bound of an approximate figure reads", () => {
    expect(qualify(qualify("20 min", "approximate"), "at_least")).toBe("at least about 20 min");
  });

  it("shows a qualifier outside the list as it was stored, never as undefined", () => {
    expect(qualify("5 min", "roughly")).toBe("roughly 5 min");
  });

  it("has words for every qualifier, and the form's option for exact says so", () => {
    for (const q of QUALIFIERS) expect(QUALIFIER_LABELS[q]).toMatch(/^[a-z ]+$/);
    expect(QUALIFIER_LABELS.exact).toBe("exact");
  });

  it("is what a stored value reads as, in its unit", () => {
    expect(formatReportedValue(40, "minutes", "approximate")).toBe("about 40 min");
    expect(formatReportedValue(1_300_000, "listeners", "at_least")).toBe("at least 1,300,000");
    expect(formatReportedValue(42, "minutes", "exact")).toBe("42 min");
  });
});

describe("incident-kind labels", () => {
  it("give every kind a label for forms and one for charts", () => {
    expect(Object.keys(INCIDENT_KIND_LABELS).sort()).toEqual([...INCIDENT_KINDS].sort());
    for (const kind of INCIDENT_KINDS) {
      expect(incidentKindLabel(kind)).toBe(INCIDENT_KIND_LABELS[kind].form);
      expect(incidentKindLabel(kind, "chart")).toBe(INCIDENT_KIND_LABELS[kind].chart);
      expect(INCIDENT_KIND_LABELS[kind].form).not.toBe("");
      expect(INCIDENT_KIND_LABELS[kind].chart).not.toBe("");
    }
    expect(incidentKindLabel("dead_air")).toBe("Dead air / silence");
    expect(incidentKindLabel("dead_air", "chart")).toBe("Dead air");
  });

  it("show a stored kind outside the list as it was stored", () => {
    expect(incidentKindLabel("mystery")).toBe("mystery");
  });

  it("name every timeline segment from the same table, on air and key moments aside", () => {
    for (const kind of SEGMENT_KINDS) {
      expect(segmentLabel(kind)).toBe(kind === "on_air" ? "On air" : kind === "moment" ? "Key moment" : INCIDENT_KIND_LABELS[kind].chart);
    }
    expect(INCIDENT_KINDS.every((k) => (SEGMENT_KINDS as readonly string[]).includes(k))).toBe(true);
  });

  it("live in one table: no other module spells a kind's label or maps kinds to words", () => {
    const labels = INCIDENT_KINDS.flatMap((k) => [INCIDENT_KIND_LABELS[k].form, INCIDENT_KIND_LABELS[k].chart]);
    const spelt = new RegExp(`["'\`](${[...new Set(labels)].map((l) => l.replace(/[/]/g, "\\/")).join("|")})["'\`]`);
    // A table keyed by kind whose values are words (colours, "var(--…)", are not).
    const table = new RegExp(`\\b(${INCIDENT_KINDS.join("|")})\\s*:\\s*["'\`][A-Z]`);
    const offenders = sourceFiles()
      .filter(({ file }) => file !== path.join("lib", "domain", "options.ts"))
      .filter(({ text }) => spelt.test(text) || table.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
