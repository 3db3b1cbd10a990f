import { describe, expect, it } from "vitest";
import { FIGURES_SHOWN_PER_METRIC, groupReportsByMetric } from "@/lib/domain/report-groups";

const report = (id: number, metric: string, source: string) => ({ id, metric, source: { name: source } });

describe("groupReportsByMetric", () => {
  const many = Array.from({ length: 120 }, (_, i) => report(i + 1, "peak_audience", i % 3 === 0 ? "Financial Times" : "Dead Air monitor"));
  const reports = [report(500, "delay", "Financial Times"), ...many];

  it("keeps the order, shows the first of each metric and counts the reports of each source, most first", () => {
    const [delay, peak] = groupReportsByMetric(reports);
    expect(delay).toEqual({ metric: "delay", total: 1, shown: [reports[0]], bySource: [{ name: "Financial Times", count: 1 }] });
    expect(peak.total).toBe(120);
    expect(peak.shown).toEqual(many.slice(0, FIGURES_SHOWN_PER_METRIC));
    expect(peak.bySource).toEqual([
      { name: "Dead Air monitor", count: 80 },
      { name: "Financial Times", count: 40 },
    ]);
  });

  it("shows every report of the metric asked for, and only of that one", () => {
    const groups = groupReportsByMetric([...many, ...many.map((r) => ({ ...r, id: r.id + 1000, metric: "average_audience" }))], "average_audience");
    expect(groups.map((g) => [g.metric, g.shown.length])).toEqual([
      ["peak_audience", FIGURES_SHOWN_PER_METRIC],
      ["average_audience", 120],
    ]);
  });
});
