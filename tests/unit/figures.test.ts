import { describe, expect, it } from "vitest";
import {
  buildEventFigures,
  computeAttainment,
  computeMinutesLost,
  computeShortfall,
  COMPUTED_FROM_INSTANTS,
  summariseReports,
  type ReportedValue,
} from "@/lib/domain/figures";

let nextId = 1;
function report(metric: ReportedValue["metric"], value: number, sourceName: string, qualifier: ReportedValue["qualifier"] = "exact"): ReportedValue {
  return { id: nextId++, metric, value, qualifier, sourceName };
}

const expected = summariseReports("expected_audience", [report("expected_audience", 8_000_000, "Financial Times")]);
const average = summariseReports("average_audience", [report("average_audience", 1_100_000, "Financial Times")]);

describe("summariseReports", () => {
  it("says not reported when no source gave the figure", () => {
    expect(summariseReports("peak_audience", [report("average_audience", 1, "X")])).toEqual({ status: "not_reported", missing: ["peak_audience"] });
  });

  it("keeps a single report's value, qualifier and source", () => {
    const figure = summariseReports("silence_before_failure", [report("silence_before_failure", 20, "Los Angeles Times", "approximate")]);
    expect(figure).toMatchObject({
      status: "reported",
      min: 20,
      max: 20,
      qualifier: "approximate",
      sources: ["Los Angeles Times"],
      conflicting: false,
    });
  });

  it("shows disagreeing reports as a range, keeping every report and source", () => {
    const figure = summariseReports("start_delay", [report("start_delay", 42, "Financial Times"), report("start_delay", 40, "CNN", "approximate")]);
    expect(figure).toMatchObject({
      status: "reported",
      min: 40,
      max: 42,
      conflicting: true,
      sources: ["Financial Times", "CNN"],
      qualifier: "approximate",
    });
    expect(figure.status === "reported" && figure.reports).toHaveLength(2);
  });

  it("treats a zero as a reported figure, not a missing one", () => {
    expect(summariseReports("start_delay", [report("start_delay", 0, "CNN")])).toMatchObject({ status: "reported", min: 0, max: 0 });
  });
});

describe("derived figures", () => {
  it("gives the 2024 attainment as 1.1 M of 8 M, 13.75 %", () => {
    expect(computeAttainment(expected, average)).toMatchObject({
      status: "reported",
      min: 0.1375,
      max: 0.1375,
      derived: true,
      sources: ["Financial Times"],
    });
  });

  it("gives the 2024 shortfall as 6.9 M listeners", () => {
    expect(computeShortfall(expected, average)).toMatchObject({ status: "reported", min: 6_900_000, max: 6_900_000 });
  });

  it("spans the attainment over conflicting reports", () => {
    const avg = summariseReports("average_audience", [report("average_audience", 1_000_000, "A"), report("average_audience", 1_200_000, "B")]);
    const figure = computeAttainment(expected, avg);
    expect(figure).toMatchObject({ min: 0.125, max: 0.15, conflicting: true });
  });

  it("cannot give an attainment without both audiences, or against an expectation of zero", () => {
    expect(computeAttainment(expected, summariseReports("average_audience", []))).toEqual({ status: "not_reported", missing: ["average_audience"] });
    const zero = summariseReports("expected_audience", [report("expected_audience", 0, "A")]);
    expect(computeAttainment(zero, average).status).toBe("not_reported");
  });

  it("adds start delay and dead air into minutes lost", () => {
    const delay = summariseReports("start_delay", [report("start_delay", 42, "FT")]);
    const deadAir = summariseReports("silence_before_failure", [report("silence_before_failure", 20, "LAT", "approximate")]);
    expect(computeMinutesLost(delay, deadAir)).toMatchObject({ min: 62, max: 62, qualifier: "approximate", missing: [] });
  });

  it("makes minutes lost a lower bound naming the missing part when only one part was reported", () => {
    const delay = summariseReports("start_delay", [report("start_delay", 42, "FT")]);
    const figure = computeMinutesLost(delay, summariseReports("silence_before_failure", []));
    expect(figure).toMatchObject({ status: "reported", min: 42, missing: ["silence_before_failure"] });
  });

  it("says minutes lost are not reported when neither part was", () => {
    expect(computeMinutesLost(summariseReports("start_delay", []), summariseReports("silence_before_failure", [])).status).toBe("not_reported");
  });

  it("counts no minutes lost for an early start", () => {
    const early = summariseReports("start_delay", [report("start_delay", -5, "A")]);
    const deadAir = summariseReports("silence_before_failure", [report("silence_before_failure", 10, "B")]);
    expect(computeMinutesLost(early, deadAir)).toMatchObject({ min: 10, max: 10 });
  });
});

describe("buildEventFigures", () => {
  it("computes the delay from the instants when no source reported one", () => {
    const figures = buildEventFigures({
      scheduledStart: new Date("2024-08-13T00:00:00Z"),
      actualStart: new Date("2024-08-13T00:42:00Z"),
      reports: [],
    });
    expect(figures.delayFromInstants).toBe(42);
    expect(figures.delay).toMatchObject({ status: "reported", min: 42, derived: true, sources: [COMPUTED_FROM_INSTANTS] });
    expect(figures.minutesLost).toMatchObject({ min: 42, missing: ["silence_before_failure"] });
  });

  it("prefers the reported delay and keeps every metric, reported or not", () => {
    const figures = buildEventFigures({
      scheduledStart: null,
      actualStart: null,
      reports: [
        report("start_delay", 42, "Financial Times"),
        report("expected_audience", 8_000_000, "Financial Times"),
        report("average_audience", 1_100_000, "Financial Times"),
      ],
    });
    expect(figures.delay).toMatchObject({ min: 42, derived: false, sources: ["Financial Times"] });
    expect(figures.delayFromInstants).toBeNull();
    expect(figures.metrics.peak_audience.status).toBe("not_reported");
    expect(figures.attainment).toMatchObject({ min: 0.1375 });
  });
});
