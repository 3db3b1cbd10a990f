// Work that several servers share on PostgreSQL, taken by exactly one of them: a webhook delivery (sent once,
// whichever server's sender claims it) and a monitor's lease (sampled by one worker at a time).
import { beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/lib/data/seed";
import { claimDueDeliveries, createWebhookEndpoint, enqueueWebhook, recordDeliveryAttempt } from "@/lib/data/webhooks";
import { claimMonitor, renewLeases } from "@/lib/data/monitors";
import { getDb, write } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { applyPostgresMigrations } from "@/lib/postgres";

const CONSOLE = { actor: systemActor("console") };

beforeAll(async () => {
  process.env.DEADAIR_ALLOW_PRIVATE_TARGETS = "1";
  await applyPostgresMigrations(process.env.DATABASE_URL!);
  await seedDatabase();
});

describe("webhook deliveries on several servers", () => {
  it("are each taken by one sender when four claim at once, one per endpoint at a time", async () => {
    for (const n of [1, 2, 3]) {
      await createWebhookEndpoint({
        ctx: CONSOLE,
        input: { url: `http://127.0.0.1:9/hook-${n}`, description: `receiver ${n}`, events: ["incident.opened"] },
      });
    }
    await write((tx) => enqueueWebhook(tx, "incident.opened", { incident: { id: 1 } }));
    await write((tx) => enqueueWebhook(tx, "incident.opened", { incident: { id: 2 } }));
    expect(await getDb().webhookDelivery.count()).toBe(6);

    const now = new Date();
    const until = new Date(now.getTime() + 30_000);
    const owners = ["app-1", "app-2", "app-3", "worker-1"];
    const claimed = await Promise.all(owners.map((owner) => claimDueDeliveries(now, owner, until, 8)));
    const ids = claimed.flat().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3);
    expect(new Set(claimed.flat().map((d) => d.endpoint.id)).size).toBe(3);

    // Each sender records its own; the second message of each endpoint is then taken, again once.
    await Promise.all(
      claimed.flatMap((mine, i) => mine.map((d) => recordDeliveryAttempt(d.id, owners[i], new Date(), { ok: true, status: 204, error: null }))),
    );
    const second = await Promise.all(owners.map((owner) => claimDueDeliveries(new Date(), owner, until, 8)));
    const secondIds = second.flat().map((d) => d.id);
    expect(secondIds).toHaveLength(3);
    expect(secondIds.filter((id) => ids.includes(id))).toEqual([]);
    // A sender cannot record a delivery another holds.
    const [theirs] = second.flat();
    const holder = owners[second.findIndex((mine) => mine.includes(theirs))];
    expect(
      await recordDeliveryAttempt(theirs.id, holder === "app-1" ? "app-2" : "app-1", new Date(), { ok: true, status: 204, error: null }),
    ).toBeNull();
  });
});

describe("a monitor's lease on several workers", () => {
  it("goes to exactly one of five workers claiming at once, and to another only once it lapsed", async () => {
    const event = await getDb().event.findFirstOrThrow({ select: { id: true } });
    const monitor = await getDb().monitor.create({
      data: { eventId: event.id, kind: "json", url: "http://127.0.0.1:9/count", pointer: "/n", mode: "on" },
    });
    const now = new Date();
    const until = new Date(now.getTime() + 20_000);
    const workers = ["w1", "w2", "w3", "w4", "w5"];
    const won = await Promise.all(workers.map((w) => claimMonitor(monitor.id, w, until, now)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = workers[won.indexOf(true)];
    const other = workers.find((w) => w !== holder)!;
    expect(await renewLeases(other, [monitor.id], until)).toEqual([]);
    expect(await renewLeases(holder, [monitor.id], until)).toEqual([monitor.id]);
    // Past the lease (the holder died), one of the others takes it.
    const later = new Date(until.getTime() + 1);
    const next = await Promise.all(
      workers.filter((w) => w !== holder).map((w) => claimMonitor(monitor.id, w, new Date(later.getTime() + 20_000), later)),
    );
    expect(next.filter(Boolean)).toHaveLength(1);
  });
});
