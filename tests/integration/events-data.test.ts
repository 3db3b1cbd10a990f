import { describe, expect, it } from "vitest";
import { getEventPage, getOverview } from "@/lib/data/events";
import { buildComparison } from "@/lib/domain/compare";
import { write } from "@/lib/db";
import { withOwnDatabase } from "./own-database";

// Each test counts every event: each has the seeded database to itself.
withOwnDatabase({ seed: true, each: true });

describe("the overview's reads", () => {
  it("lists the seeded events newest first with their headline figures and sources", async () => {
    const { items, total, page, pageCount, comparable } = await getOverview();
    expect({ total, page, pageCount }).toEqual({ total: 2, page: 1, pageCount: 1 });
    expect(items.map((e) => e.slug)).toEqual(["musk-trump-x-spaces-2024", "desantis-twitter-spaces-2023"]);
    expect(comparable.map((e) => e.slug)).toEqual(items.map((e) => e.slug));

    const [musk, desantis] = buildComparison(comparable).events;
    expect(musk.figures.delay).toMatchObject({ min: 42, max: 42, sources: ["Financial Times"], derived: false });
    expect(musk.figures.metrics.expected_audience).toMatchObject({ min: 8_000_000, sources: ["Financial Times"] });
    expect(musk.figures.metrics.average_audience).toMatchObject({ min: 1_100_000, sources: ["Financial Times"] });
    expect(musk.figures.attainment).toMatchObject({ min: 0.1375, max: 0.1375 });
    expect(musk.figures.metrics.silence_before_failure.status).toBe("not_reported");

    expect(desantis.figures.metrics.silence_before_failure).toMatchObject({ min: 20, qualifier: "approximate", sources: ["Los Angeles Times"] });
    expect(desantis.figures.delay.status).toBe("not_reported");
    expect(desantis.figures.attainment.status).toBe("not_reported");
  });

  it("pages past twelve events and keeps the page number in range", async () => {
    await write(async (tx) => {
      for (let i = 0; i < 11; i++) {
        await tx.event.create({
          data: { slug: `later-${i}`, title: `Later ${i}`, platform: "YouTube Live", scheduledStart: new Date(Date.UTC(2025, 0, i + 1)) },
        });
      }
    });
    const first = await getEventPage(1);
    expect(first.total).toBe(13);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(12);
    expect(first.items[0].slug).toBe("later-10");
    const second = await getEventPage(2);
    expect(second.items.map((e) => e.slug)).toEqual(["desantis-twitter-spaces-2023"]);
    expect((await getEventPage(99)).page).toBe(2);
    expect((await getEventPage(Number.NaN)).page).toBe(1);
  });
});
