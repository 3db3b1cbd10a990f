// A time typed in the event's zone in the hour the clocks go back names two instants: the input is refused, naming
// the field and both instants, until its fold (or an offset) says which; a time the clocks skip is still refused.
import { describe, expect, it } from "vitest";
import { EventInput, EventUpdate, resolveEventTimes } from "@/lib/validation/event";
import { toFieldErrors } from "@/lib/validation/fields";
import { readLocalTime, settleFold } from "@/lib/validation/local-time";
import { toFormValues } from "@/lib/validation/values";

const event = { title: "A night stream", platform: "Twitch", timeZone: "America/New_York", scheduledStart: "2024-11-03T01:30" };
const NEW_YORK_TWICE =
  "Scheduled start: 01:30 on 3 November 2024 happens twice in America/New_York (clocks go back): choose the first (EDT, UTC\u22124) or the second (EST, UTC\u22125).";

function errorsOf(input: unknown) {
  const result = EventInput.safeParse(input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  return toFieldErrors(result.error);
}

describe("an event time the clocks show twice", () => {
  it("is refused without a fold, with a sentence naming the field and both instants", () => {
    expect(errorsOf(event)).toEqual({ scheduledStart: [NEW_YORK_TWICE] });
  });

  it("says the same of each time of the event, in its own words", () => {
    const errors = errorsOf({ ...event, scheduledStart: null, actualStart: "2024-11-03T01:10", endedAt: "2024-11-03T01:50" });
    expect(errors.actualStart).toEqual([expect.stringMatching(/^Actual start: 01:10 on 3 November 2024 happens twice in America\/New_York/)]);
    expect(errors.endedAt).toEqual([expect.stringMatching(/^End: 01:50 on 3 November 2024 happens twice/)]);
  });

  it("names the zone's own abbreviations, and the offsets alone where there are none", () => {
    expect(errorsOf({ ...event, timeZone: "Europe/Paris", scheduledStart: "2024-10-27T02:30" }).scheduledStart).toEqual([
      "Scheduled start: 02:30 on 27 October 2024 happens twice in Europe/Paris (clocks go back): choose the first (CEST, UTC+2) or the second (CET, UTC+1).",
    ]);
    expect(errorsOf({ ...event, timeZone: "America/Santiago", scheduledStart: "2024-04-06T23:30" }).scheduledStart).toEqual([
      "Scheduled start: 23:30 on 6 April 2024 happens twice in America/Santiago (clocks go back): choose the first (UTC\u22123) or the second (UTC\u22124).",
    ]);
  });

  it.each([
    ["earlier", "2024-11-03T01:30-04:00", "2024-11-03T05:30:00.000Z"],
    ["later", "2024-11-03T01:30-05:00", "2024-11-03T06:30:00.000Z"],
  ])("is read as the %s instant with its fold, passed on with that instant's offset and without the fold", (fold, passed, instant) => {
    const parsed = EventInput.parse({ ...event, scheduledStartFold: fold });
    expect(parsed.scheduledStart).toBe(passed);
    expect(parsed).not.toHaveProperty("scheduledStartFold");
    const times = resolveEventTimes(parsed, parsed.timeZone);
    expect(times.ok && times.times.scheduledStart?.toISOString()).toBe(instant);
  });

  it("is read as sent when it carries its offset, as the API may send it", () => {
    expect(EventInput.parse({ ...event, scheduledStart: "2024-11-03T01:30-05:00" }).scheduledStart).toBe("2024-11-03T01:30-05:00");
    expect(EventUpdate.safeParse({ ...event, scheduledStart: "2024-11-03T06:30:00Z", version: 1 }).success).toBe(true);
  });

  it("compares the end with the start each fold chose", () => {
    // 01:50 EDT to 01:10 EST is 20 minutes later; with both read as EDT the end would come first.
    const times = { ...event, scheduledStart: "2024-11-03T01:50", actualStart: "2024-11-03T01:50", endedAt: "2024-11-03T01:10" };
    expect(errorsOf({ ...times, scheduledStartFold: "earlier", actualStartFold: "earlier", endedAtFold: "earlier" }).endedAt).toEqual([
      "End must be after the actual start.",
    ]);
    expect(EventInput.safeParse({ ...times, scheduledStartFold: "earlier", actualStartFold: "earlier", endedAtFold: "later" }).success).toBe(true);
  });

  it("ignores a fold where the time happens once, and refuses a fold that is neither earlier nor later", () => {
    expect(EventInput.parse({ ...event, scheduledStart: "2024-08-12T20:00", scheduledStartFold: "later" }).scheduledStart).toBe("2024-08-12T20:00");
    expect(errorsOf({ ...event, scheduledStartFold: "second" })).toEqual({
      scheduledStartFold: ['Scheduled start: which of the two instants is meant must be "earlier" or "later".'],
    });
  });

  it("is told with the other fields' messages, in one pass", () => {
    const errors = errorsOf({ ...event, title: "", status: "over", actualStart: "2024-11-03T02:15" });
    expect(Object.keys(errors).sort()).toEqual(["scheduledStart", "status", "title"]);
    expect(errors.scheduledStart).toEqual([NEW_YORK_TWICE]);
  });

  it("still refuses a time the clocks skip, fold or not", () => {
    const errors = errorsOf({ ...event, scheduledStart: "2024-03-10T02:30", scheduledStartFold: "earlier" });
    expect(errors.scheduledStart).toEqual([expect.stringMatching(/02:30 on 2024-03-10 does not exist in America\/New_York/)]);
  });
});

describe("readLocalTime and settleFold", () => {
  it("read a wall clock, an offset and a fold alike for any caller of the event's zone", () => {
    expect(readLocalTime("At", "2024-11-03T01:30", "America/New_York", "later")).toEqual({ ok: true, instant: new Date("2024-11-03T06:30:00Z") });
    expect(readLocalTime("At", "2024-11-03T01:30", "America/New_York")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^At: 01:30 on 3 November/),
    });
    expect(readLocalTime("At", "2023-02-30T10:00Z", "UTC")).toEqual({ ok: false, message: "At is not a real date and time." });
    expect(settleFold("2024-11-03T01:30", "America/New_York", "earlier")).toBe("2024-11-03T01:30-04:00");
    expect(settleFold("2024-11-03T01:30", "America/New_York", undefined)).toBe("2024-11-03T01:30");
    expect(settleFold("2024-04-07T01:45", "Australia/Lord_Howe", "later")).toBe("2024-04-07T01:45+10:30");
  });
});

describe("an event's form values", () => {
  it("carry the fold of a stored time the clocks showed twice, so that saving the form again keeps the instant", () => {
    const stored = { timeZone: "America/New_York", scheduledStart: new Date("2024-11-03T06:30:00Z"), actualStart: new Date("2024-11-03T05:40:00Z") };
    const values = toFormValues(stored, stored.timeZone);
    expect(values).toMatchObject({
      scheduledStart: "2024-11-03T01:30",
      scheduledStartFold: "later",
      actualStart: "2024-11-03T01:40",
      actualStartFold: "earlier",
    });
    const again = EventInput.parse({ title: "t", platform: "p", ...values });
    const times = resolveEventTimes(again, again.timeZone);
    expect(times.ok && [times.times.scheduledStart, times.times.actualStart]).toEqual([stored.scheduledStart, stored.actualStart]);
  });

  it("carry no fold for a time the clocks showed once", () => {
    expect(toFormValues({ scheduledStart: new Date("2024-08-13T00:00:00Z") }, "America/New_York")).toEqual({ scheduledStart: "2024-08-12T20:00" });
  });
});
