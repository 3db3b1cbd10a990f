import { describe, expect, it } from "vitest";
import {
  computeDelayMinutes,
  describeOverlap,
  type Fold,
  formatUtcOffset,
  instantToLocal,
  isValidTimeZone,
  localToInstant,
  overlapSideLabel,
} from "@/lib/domain/time";

function instant(local: string, zone: string, fold?: Fold): Date {
  const result = localToInstant(local, zone, fold);
  if (!result.ok) throw new Error(`${local} in ${zone}: ${result.reason}`);
  return result.instant;
}

describe("localToInstant", () => {
  it("reads the 2024 interview's announced start, 20:00 in New York in summer, as midnight UTC", () => {
    expect(instant("2024-08-12T20:00", "America/New_York").toISOString()).toBe("2024-08-13T00:00:00.000Z");
  });

  it("uses each zone's own offset, summer and winter", () => {
    expect(instant("2024-01-15T20:00", "America/New_York").toISOString()).toBe("2024-01-16T01:00:00.000Z");
    expect(instant("2024-07-01T09:30", "Europe/Paris").toISOString()).toBe("2024-07-01T07:30:00.000Z");
    expect(instant("2024-07-01T09:30", "Asia/Kolkata").toISOString()).toBe("2024-07-01T04:00:00.000Z");
    expect(instant("2024-07-01T09:30", "UTC").toISOString()).toBe("2024-07-01T09:30:00.000Z");
  });

  it("refuses a time inside the spring-forward gap, which no clock showed", () => {
    expect(localToInstant("2024-03-10T02:30", "America/New_York")).toEqual({ ok: false, reason: "nonexistent" });
    expect(localToInstant("2024-03-31T02:15", "Europe/Paris")).toEqual({ ok: false, reason: "nonexistent" });
  });

  it("refuses a time inside the spring-forward gap whatever fold is given, south of the equator too", () => {
    expect(localToInstant("2024-03-10T02:30", "America/New_York", "later")).toEqual({ ok: false, reason: "nonexistent" });
    expect(localToInstant("2024-10-06T02:30", "Australia/Sydney", "earlier")).toEqual({ ok: false, reason: "nonexistent" });
  });

  it("does not guess a time the clocks showed twice (fall back): it gives both instants back", () => {
    expect(localToInstant("2024-11-03T01:30", "America/New_York")).toEqual({
      ok: false,
      reason: "ambiguous",
      earlier: new Date("2024-11-03T05:30:00Z"),
      later: new Date("2024-11-03T06:30:00Z"),
    });
    expect(localToInstant("2024-10-27T02:30", "Europe/Paris")).toEqual({
      ok: false,
      reason: "ambiguous",
      earlier: new Date("2024-10-27T00:30:00Z"),
      later: new Date("2024-10-27T01:30:00Z"),
    });
  });

  it.each([
    // North: New York and Paris in autumn; south: Sydney and Santiago in April; Lord Howe goes back half an hour.
    ["2024-11-03T01:30", "America/New_York", "2024-11-03T05:30:00.000Z", "2024-11-03T06:30:00.000Z"],
    ["2024-11-03T01:00", "America/New_York", "2024-11-03T05:00:00.000Z", "2024-11-03T06:00:00.000Z"],
    ["2024-10-27T02:30", "Europe/Paris", "2024-10-27T00:30:00.000Z", "2024-10-27T01:30:00.000Z"],
    ["2024-04-07T02:30", "Australia/Sydney", "2024-04-06T15:30:00.000Z", "2024-04-06T16:30:00.000Z"],
    ["2024-04-06T23:30", "America/Santiago", "2024-04-07T02:30:00.000Z", "2024-04-07T03:30:00.000Z"],
    ["2024-04-07T01:45", "Australia/Lord_Howe", "2024-04-06T14:45:00.000Z", "2024-04-06T15:15:00.000Z"],
  ])("reads %s in %s as the instant its fold names: the first or the second", (local, zone, first, second) => {
    expect(instant(local, zone, "earlier").toISOString()).toBe(first);
    expect(instant(local, zone, "later").toISOString()).toBe(second);
    expect(instantToLocal(instant(local, zone, "later"), zone)).toBe(local);
  });

  it("reads a time the clocks showed once alike with any fold or none, at either edge of the repeated hour", () => {
    for (const fold of [undefined, "earlier", "later"] as const) {
      expect(instant("2024-07-01T01:30", "America/New_York", fold).toISOString()).toBe("2024-07-01T05:30:00.000Z");
      expect(instant("2024-11-03T00:59", "America/New_York", fold).toISOString()).toBe("2024-11-03T04:59:00.000Z");
      expect(instant("2024-11-03T02:00", "America/New_York", fold).toISOString()).toBe("2024-11-03T07:00:00.000Z");
    }
  });

  it("refuses malformed times, impossible dates and unknown zones", () => {
    expect(localToInstant("2024-08-12 20:00", "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(localToInstant("2023-02-29T10:00", "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(localToInstant("2024-08-12T24:00", "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(localToInstant("2024-08-12T20:00", "Mars/Olympus")).toEqual({ ok: false, reason: "zone" });
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("gives back the same wall clock through instantToLocal", () => {
    for (const [local, zone] of [
      ["2024-08-12T20:00", "America/New_York"],
      ["2023-05-24T18:00", "America/Los_Angeles"],
      ["2024-12-31T23:59", "Pacific/Auckland"],
    ]) {
      expect(instantToLocal(instant(local, zone), zone)).toBe(local);
    }
  });
});

describe("computeDelayMinutes", () => {
  it("is 42 minutes for the 2024 interview, from 20:00 to 20:42 New York time", () => {
    expect(computeDelayMinutes(instant("2024-08-12T20:00", "America/New_York"), instant("2024-08-12T20:42", "America/New_York"))).toBe(42);
  });

  it("counts real minutes across the spring-forward change, not clock minutes", () => {
    // 01:50 EST to 03:10 EDT is 20 minutes, though the clock moved 80.
    expect(computeDelayMinutes(instant("2024-03-10T01:50", "America/New_York"), instant("2024-03-10T03:10", "America/New_York"))).toBe(20);
  });

  it("counts real minutes across the fall-back change", () => {
    // 01:50 EDT to 01:10 EST (the second time the clock reads 01:10) is 20 minutes; read as given it is the first 01:10.
    const scheduled = instant("2024-11-03T01:50", "America/New_York", "earlier");
    expect(computeDelayMinutes(scheduled, instant("2024-11-03T01:10", "America/New_York", "later"))).toBe(20);
  });

  it("compares instants announced in different zones", () => {
    // Announced for 20:00 in London (BST), started at 15:42 New York time (EDT): 42 minutes late.
    expect(computeDelayMinutes(instant("2024-08-12T20:00", "Europe/London"), instant("2024-08-12T15:42", "America/New_York"))).toBe(42);
  });

  it("is negative for an event that started early, and null when either instant is missing", () => {
    expect(computeDelayMinutes(new Date("2024-01-01T20:00:00Z"), new Date("2024-01-01T19:55:00Z"))).toBe(-5);
    expect(computeDelayMinutes(null, new Date())).toBeNull();
    expect(computeDelayMinutes(new Date(), undefined)).toBeNull();
  });
});

describe("describeOverlap", () => {
  it("names each instant of a repeated time by the zone's abbreviation and offset, as people know them", () => {
    const newYork = describeOverlap("2024-11-03T01:30", "America/New_York")!;
    expect([overlapSideLabel(newYork.earlier), overlapSideLabel(newYork.later)]).toEqual(["EDT, UTC\u22124", "EST, UTC\u22125"]);
    const paris = describeOverlap("2024-10-27T02:30", "Europe/Paris")!;
    expect([overlapSideLabel(paris.earlier), overlapSideLabel(paris.later)]).toEqual(["CEST, UTC+2", "CET, UTC+1"]);
    const london = describeOverlap("2024-10-27T01:30", "Europe/London")!;
    expect([overlapSideLabel(london.earlier), overlapSideLabel(london.later)]).toEqual(["BST, UTC+1", "GMT, UTC+0"]);
    const sydney = describeOverlap("2024-04-07T02:30", "Australia/Sydney")!;
    expect([overlapSideLabel(sydney.earlier), overlapSideLabel(sydney.later)]).toEqual(["AEDT, UTC+11", "AEST, UTC+10"]);
  });

  it("gives the offset alone where the zone has no abbreviation in use", () => {
    const santiago = describeOverlap("2024-04-06T23:30", "America/Santiago")!;
    expect([overlapSideLabel(santiago.earlier), overlapSideLabel(santiago.later)]).toEqual(["UTC\u22123", "UTC\u22124"]);
  });

  it("is null for a time the clocks show once, or never", () => {
    expect(describeOverlap("2024-08-12T20:00", "America/New_York")).toBeNull();
    expect(describeOverlap("2024-03-10T02:30", "America/New_York")).toBeNull();
  });

  it("writes offsets with a minus sign, and minutes only where there are some", () => {
    expect([formatUtcOffset(-240), formatUtcOffset(330), formatUtcOffset(0), formatUtcOffset(-570), formatUtcOffset(345)]).toEqual([
      "UTC\u22124",
      "UTC+5:30",
      "UTC+0",
      "UTC\u22129:30",
      "UTC+5:45",
    ]);
  });
});
