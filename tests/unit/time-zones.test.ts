// The zone list offers the current IANA names (Asia/Kolkata, Europe/Kyiv), where Node's Intl gives CLDR's older
// ones (Asia/Calcutta, Europe/Kiev); either name is taken, and the current one is what an event keeps.
import { describe, expect, it } from "vitest";
import { formatScheduled } from "@/lib/domain/format";
import { currentZoneName, instantToLocal, isValidTimeZone, listTimeZones, localToInstant, RENAMED_ZONES } from "@/lib/domain/time";
import { EventInput } from "@/lib/validation/event";

const CURRENT = [
  "Asia/Kolkata",
  "Europe/Kyiv",
  "Asia/Kathmandu",
  "Asia/Yangon",
  "Asia/Ho_Chi_Minh",
  "America/Argentina/Buenos_Aires",
  "Atlantic/Faroe",
  "Pacific/Chuuk",
  "Pacific/Pohnpei",
  "America/Nuuk",
];

describe("listTimeZones", () => {
  const zones = listTimeZones();

  it("offers the current names and none of the names they replaced", () => {
    expect(zones).toEqual(expect.arrayContaining(CURRENT));
    for (const old of Object.keys(RENAMED_ZONES)) expect(zones).not.toContain(old);
  });

  it("puts UTC first and the others in alphabetical order, each once, each a zone Intl reads", () => {
    expect(zones[0]).toBe("UTC");
    expect(zones.slice(1)).toEqual([...zones.slice(1)].sort());
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
    expect(zones).toEqual(expect.arrayContaining(["America/New_York", "Europe/Paris", "Europe/Bratislava"]));
  });
});

describe("the renamed zones", () => {
  it.each(Object.entries(RENAMED_ZONES))("%s is %s under another name: the same zone to Intl", (old, current) => {
    expect(isValidTimeZone(current)).toBe(true);
    const canonical = (zone: string) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    expect(canonical(current)).toBe(canonical(old));
  });
});

describe("currentZoneName", () => {
  it.each([
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["asia/kolkata", "Asia/Kolkata"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["Europe/Kyiv", "Europe/Kyiv"],
    ["America/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["US/Eastern", "America/New_York"],
    ["America/New_York", "America/New_York"],
    ["UTC", "UTC"],
    ["Mars/Olympus", "Mars/Olympus"],
  ])("reads %s as %s", (given, current) => {
    expect(currentZoneName(given)).toBe(current);
  });
});

describe("an event's zone", () => {
  const event = { title: "A stream", platform: "YouTube Live", scheduledStart: "2024-07-01T09:30" };

  it.each(["Asia/Calcutta", "Asia/Kolkata"])("is taken as %s and kept as Asia/Kolkata, its times read in it", (zone) => {
    const parsed = EventInput.parse({ ...event, timeZone: zone });
    expect(parsed.timeZone).toBe("Asia/Kolkata");
    const instant = localToInstant(parsed.scheduledStart!, parsed.timeZone);
    expect(instant.ok && instant.instant.toISOString()).toBe("2024-07-01T04:00:00.000Z");
  });

  it("is shown alike under either name", () => {
    const instant = new Date("2024-07-01T04:00:00Z");
    expect(formatScheduled(instant, "minute", "Europe/Kyiv")).toBe(formatScheduled(instant, "minute", "Europe/Kiev"));
    expect(instantToLocal(instant, "Asia/Kolkata")).toBe("2024-07-01T09:30");
  });
});
