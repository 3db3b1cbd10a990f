import { describe, expect, it } from "vitest";
import { computeDelayMinutes, instantToLocal, isValidTimeZone, localToInstant } from "@/lib/domain/time";

function instant(local: string, zone: string): Date {
  const result = localToInstant(local, zone);
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

  it("reads a time the clocks showed twice (fall back) as the first of the two", () => {
    expect(instant("2024-11-03T01:30", "America/New_York").toISOString()).toBe("2024-11-03T05:30:00.000Z");
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
      ["2024-11-03T01:30", "America/New_York"],
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
    const scheduled = instant("2024-11-03T01:50", "America/New_York");
    expect(computeDelayMinutes(scheduled, new Date("2024-11-03T06:10:00Z"))).toBe(20);
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
