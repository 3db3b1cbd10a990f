// Every check of a form in one pass: a form with several wrong fields is told of each at once, the rules over
// several fields and the date-not-in-the-future among them, not one more message each time the others are mended.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ClaimInput, StanceInput } from "@/lib/validation/claim";
import { EventInput, EventUpdate } from "@/lib/validation/event";
import { type FieldErrors, toFieldErrors } from "@/lib/validation/fields";
import { IncidentInput, IncidentUpdate } from "@/lib/validation/incident";
import { MomentInput, MomentUpdate } from "@/lib/validation/moment";
import { ReportInput, ReportUpdate } from "@/lib/validation/report";
import { PasswordChangeInput } from "@/lib/validation/user";

/** Two days from now (UTC): in the future wherever the test runs, and within the years a date may fall in. */
const FUTURE = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

function errorsOf(schema: z.ZodType, input: unknown): FieldErrors {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  return toFieldErrors(result.error);
}

describe("a figure with three wrong fields", () => {
  it.each([
    ["ReportInput", ReportInput, {}],
    ["ReportUpdate", ReportUpdate, { version: "1" }],
  ])("%s names all three at once, the future date among them", (_name, schema, extra) => {
    const errors = errorsOf(schema, { metric: "nonsense", value: "four", sourceId: "1", reportedOn: FUTURE, ...extra });
    expect(errors).toEqual({
      metric: [expect.stringMatching(/^Metric must be one of: /)],
      value: ["Value must be a number."],
      reportedOn: ["Date reported cannot be in the future."],
    });
  });

  it("checks the value against its metric and the sources named while another field is wrong", () => {
    const errors = errorsOf(ReportInput, {
      metric: "average_audience",
      value: "1.5",
      sourceId: "3",
      newSourceName: "Le Monde",
      url: "javascript:alert(1)",
      reportedOn: FUTURE,
    });
    expect(Object.keys(errors).sort()).toEqual(["newSourceName", "reportedOn", "url", "value"]);
    expect(errors.value[0]).toMatch(/whole number/);
    expect(errors.newSourceName).toEqual(["Either pick a source or name a new one, not both."]);
  });

  it("does not judge a rule on a field that is already refused", () => {
    // The source did not parse: "pick a source" would be a second, wrong, message for it.
    expect(errorsOf(ReportInput, { metric: "start_delay", value: "4", sourceId: "abc" })).toEqual({ sourceId: ["Source is not a valid choice."] });
  });
});

describe("an incident with three wrong fields", () => {
  it.each([
    ["IncidentInput", IncidentInput, {}],
    ["IncidentUpdate", IncidentUpdate, { version: "1" }],
  ])("%s names all three at once, the future date among them", (_name, schema, extra) => {
    const errors = errorsOf(schema, { kind: "meteor", durationMinutes: "20000", startOffsetMinutes: "-20000", reportedOn: FUTURE, ...extra });
    expect(errors).toEqual({
      kind: [expect.stringMatching(/^Kind must be one of: /)],
      durationMinutes: ["Duration must be from 0 to 10,080 minutes (one week)."],
      startOffsetMinutes: ["Start must be within 10,080 minutes (one week) of the scheduled start."],
      reportedOn: ["Date reported cannot be in the future."],
    });
  });
});

describe("a claim with three wrong fields", () => {
  it("names the statement, the status, the missing claimant and the future date at once", () => {
    const errors = errorsOf(ClaimInput, { statement: "", status: "maybe", reportedOn: FUTURE, stances: [] });
    expect(errors).toEqual({
      statement: ["Statement is required."],
      status: [expect.stringMatching(/^Status must be one of: /)],
      reportedOn: ["Date reported cannot be in the future."],
      claimantId: ["Pick who made the claim, or name a new source."],
    });
  });

  it("names a stance's wrong fields, its future date and a source given twice together", () => {
    const errors = errorsOf(ClaimInput, {
      statement: "The servers were overloaded.",
      claimantId: "1",
      status: "claimed",
      stances: [
        { sourceId: 2, stance: "disputes" },
        { sourceId: 2, stance: "ignores", reportedOn: FUTURE },
        { sourceId: "x", stance: "confirms" },
      ],
    });
    expect(errors).toEqual({
      "stances.1.stance": [expect.stringMatching(/^Stance must be one of: /)],
      "stances.1.reportedOn": ["Date reported cannot be in the future."],
      "stances.1.sourceId": ["This source already has a stance on the claim."],
      "stances.2.sourceId": ["Source is not a valid choice."],
    });
  });

  it("refuses a stance's future date on its own, as the import checks stances", () => {
    expect(errorsOf(StanceInput, { sourceId: 1, stance: "nods", reportedOn: FUTURE, url: "ftp://x" })).toEqual({
      stance: [expect.stringMatching(/^Stance must be one of: /)],
      reportedOn: ["Date reported cannot be in the future."],
      url: ["URL must be a web address starting with http:// or https://."],
    });
  });
});

describe("an event with three wrong fields", () => {
  const event = {
    title: "A stream",
    platform: "Twitch",
    timeZone: "America/New_York",
    scheduledStart: "2024-07-01T21:00",
    actualStart: "2024-07-01T21:05",
    endedAt: "2024-07-01T23:00",
  };

  it.each([
    ["EventInput", EventInput, {}],
    ["EventUpdate", EventUpdate, { version: "1" }],
  ])("%s checks its times while other fields are wrong", (_name, schema, extra) => {
    const errors = errorsOf(schema, {
      ...event,
      title: "x".repeat(401),
      status: "over",
      scheduledStart: "2024-03-10T02:30",
      actualStart: "2024-03-10T03:05",
      endedAt: "2024-03-10T03:00",
      ...extra,
    });
    expect(Object.keys(errors).sort()).toEqual(["endedAt", "scheduledStart", "status", "title"]);
    expect(errors.title).toEqual(["Title must be at most 200 characters."]);
    expect(errors.scheduledStart[0]).toMatch(/does not exist in America\/New_York/);
    expect(errors.endedAt).toEqual(["End must be after the actual start."]);
  });

  it("reads each time that parsed, and leaves the order of the times to when all three did", () => {
    const errors = errorsOf(EventInput, { ...event, scheduledStart: "soon", actualStart: "2024-03-10T02:30", endedAt: "2024-03-10T01:00" });
    expect(Object.keys(errors).sort()).toEqual(["actualStart", "scheduledStart"]);
    expect(errors.actualStart[0]).toMatch(/^Actual start: 02:30 on 2024-03-10 does not exist/);
  });

  it("reads no time without a zone, and says so once, on the zone", () => {
    expect(errorsOf(EventInput, { ...event, timeZone: "Mars/Olympus", title: "" })).toEqual({
      title: ["Title is required."],
      timeZone: ["Time zone must be an IANA zone from the list, such as America/New_York."],
    });
  });

  it("accepts the same input once it is mended", () => {
    expect(EventInput.safeParse(event).success).toBe(true);
  });
});

describe("a key moment with three wrong fields", () => {
  it.each([
    ["MomentInput", MomentInput, {}],
    ["MomentUpdate", MomentUpdate, { version: "1" }],
  ])("%s names the label, the time and the source named twice at once", (_name, schema, extra) => {
    expect(errorsOf(schema, { label: "x".repeat(401), at: 5, sourceId: "1", newSourceName: "Le Monde", ...extra })).toEqual({
      label: ["What happened must be at most 200 characters."],
      at: ["Time is required."],
      newSourceName: ["Either pick a source or name a new one, not both."],
    });
  });
});

describe("a password change with three wrong fields", () => {
  it("says the current one is missing, the new one too short, and that the two differ, at once", () => {
    expect(errorsOf(PasswordChangeInput, { currentPassword: "", newPassword: "short", confirmPassword: "shorter" })).toEqual({
      currentPassword: ["Current password is required."],
      newPassword: ["Password must be at least 12 characters."],
      confirmPassword: ["The two new passwords differ."],
    });
  });
});

describe("input that is not an object", () => {
  it.each([null, "text", 42, []])("is refused as a whole, without the rules over fields reading it: %j", (input) => {
    for (const schema of [ReportInput, IncidentInput, ClaimInput, EventInput, PasswordChangeInput]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
    }
  });
});
