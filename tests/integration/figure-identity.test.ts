// One source may give one metric several values (Netflix said 64 million, then 65 million) when they differ in the
// day reported or the scope; the same metric, source, day and scope twice is one figure entered twice, refused in words.
import { describe, expect, it } from "vitest";
import { createEvent, updateEvent } from "@/lib/data/event-writes";
import { createReport, updateReport } from "@/lib/data/report-writes";
import { getDb } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { withOwnDatabase } from "./own-database";

const ctx = { actor: systemActor("console") };
const slug = "paul-tyson";

withOwnDatabase({ each: true });

async function fight() {
  await createEvent({ ctx, input: { title: "Paul vs. Tyson", slug, platform: "Netflix", medium: "video", timeZone: "America/New_York" } });
}
const streams = (value: number, reportedOn: string | null, scope?: string) =>
  createReport({ ctx, slug, input: { metric: "peak_streams", value, newSourceName: "Netflix", reportedOn, ...(scope ? { scope } : {}) } });

describe("two values of one metric from one source", () => {
  it("are kept when they differ in the day reported or the scope", async () => {
    await fight();
    await streams(64_000_000, "2024-11-16");
    await streams(65_000_000, "2024-11-17");
    await streams(20_000_000, "2024-11-17", "United States");
    expect((await getDb().report.findMany({ orderBy: { id: "asc" } })).map((r) => [r.value, r.unit, r.scope])).toEqual([
      [64_000_000, "streams", "global"],
      [65_000_000, "streams", "global"],
      [20_000_000, "streams", "United States"],
    ]);
  });

  it("are refused when metric, source, day and scope are the same, naming them in words, and nothing is stored", async () => {
    await fight();
    const first = await streams(64_000_000, "2024-11-16");
    await expect(streams(65_000_000, "2024-11-16")).rejects.toMatchObject({
      status: 400,
      errors: { reportedOn: [expect.stringMatching(/^Netflix already reported Peak concurrent streams on 2024-11-16: edit that figure/)] },
    });
    const second = await streams(65_000_000, "2024-11-17");
    // An edit that makes one the twin of the other is refused too.
    await expect(
      updateReport({
        ctx,
        id: second.id,
        input: { metric: "peak_streams", value: 65_000_000, sourceId: first.sourceId, reportedOn: "2024-11-16", version: 1 },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await getDb().report.count()).toBe(2);
  });
});

describe("the audience's unit", () => {
  it("follows the event's medium, and changes with it", async () => {
    await fight();
    await createReport({ ctx, slug, input: { metric: "peak_audience", value: 108_000_000, newSourceName: "Netflix" } });
    expect((await getDb().report.findFirstOrThrow()).unit).toBe("viewers");
    const event = await getDb().event.findUniqueOrThrow({ where: { slug } });
    await updateEvent({
      ctx,
      slug,
      input: { title: event.title, platform: event.platform, medium: "audio", timeZone: event.timeZone, version: event.version },
    });
    expect((await getDb().report.findFirstOrThrow()).unit).toBe("listeners");
  });
});
