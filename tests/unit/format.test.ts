import { describe, expect, it } from "vitest";
import { summariseReports, computeMinutesLost } from "@/lib/domain/figures";
import { formatCompact, formatFigure, formatMinutes, formatNumber, formatPercent, formatScheduled, formatSources } from "@/lib/domain/format";

const r = (metric: "start_delay" | "silence_before_failure", value: number, q: "exact" | "approximate" = "exact", source = "S") =>
  ({ id: value, metric, value, qualifier: q, sourceName: source }) as const;

describe("format", () => {
  it("writes audiences in full and compact", () => {
    expect(formatNumber(8_000_000)).toBe("8,000,000");
    expect(formatCompact(8_000_000)).toBe("8M");
    expect(formatCompact(1_100_000)).toBe("1.1M");
  });

  it("writes durations in minutes, and whole or half hours past two hours", () => {
    expect(formatMinutes(42)).toBe("42 min");
    expect(formatMinutes(120)).toBe("2 hr");
    expect(formatMinutes(150)).toBe("2 hr 30 min");
    expect(formatMinutes(-5)).toBe("−5 min");
  });

  it("writes attainment as a percentage with up to two decimals", () => {
    expect(formatPercent(0.1375)).toBe("13.75%");
  });

  it("writes a figure nobody reported as not reported, never zero", () => {
    expect(formatFigure(summariseReports("start_delay", []), "minutes")).toBe("not reported");
  });

  it("writes qualifiers, ranges and lower bounds", () => {
    expect(formatFigure(summariseReports("silence_before_failure", [r("silence_before_failure", 20, "approximate")]), "minutes")).toBe(
      "about 20 min",
    );
    expect(formatFigure(summariseReports("start_delay", [r("start_delay", 40), r("start_delay", 42)]), "minutes")).toBe("40–42 min");
    const lost = computeMinutesLost(summariseReports("start_delay", [r("start_delay", 42)]), summariseReports("silence_before_failure", []));
    expect(formatFigure(lost, "minutes")).toBe("at least 42 min");
  });

  it("names sources as a list", () => {
    expect(formatSources(["Financial Times", "CNN", "Fox News"])).toBe("Financial Times, CNN, and Fox News");
  });

  it("dates an event only as precisely as it is known, in its own zone", () => {
    const start = new Date("2024-08-13T00:00:00Z");
    expect(formatScheduled(start, "minute", "America/New_York")).toBe("August 12, 2024 at 8:00 PM EDT");
    expect(formatScheduled(new Date("2023-05-24T00:00:00Z"), "day", "UTC")).toBe("May 24, 2023");
    expect(formatScheduled(new Date("2023-05-24T00:00:00Z"), "year", "UTC")).toBe("2023");
    expect(formatScheduled(null, "minute", "UTC")).toBe("date not reported");
  });
});
