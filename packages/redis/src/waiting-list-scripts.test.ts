import { afterEach, describe, expect, it } from "vitest";
import {
  runCompleteCheckout,
  runExpireHolds,
  runHoldSeats,
  runLoadInventory,
  runReleaseHold,
  runWithdrawResale,
} from "./hold-scripts";
import { parseStoredHold } from "./lua-scripts";
import { keys } from "./keys";
import { createTestRedis, type TestRedis } from "./testing";
import { runOfferReturned, type OfferCandidate, type OfferSource } from "./waiting-list-scripts";

let store: TestRedis;
afterEach(async () => {
  await store?.cleanup();
});

const eventId = "22222222-2222-4222-8222-222222222222";
const inventory = keys.eventInventory(eventId);

async function soldOut(seatIds: string[], ga: Record<string, number> = {}) {
  store = createTestRedis();
  const { redis } = store;
  for (const seatId of seatIds) await redis.hset(inventory.seats, seatId, "s");
  for (const [sectionId, available] of Object.entries(ga)) await redis.hset(inventory.gaAvailable, sectionId, available);
  await redis.set(inventory.loaded, "1");
  return redis;
}

let holds = 0;
const candidate = (entryId: string, quantity: number, sectionId = "", tierId = ""): OfferCandidate => ({
  entryId,
  userId: `fan-${entryId}`,
  quantity,
  sectionId,
  tierId,
  holdId: `${eventId}.hold-${++holds}`,
});

/** A refunded order's seats as [seatId, sectionId, tierId?] (tier "std" unless named) and standing places. */
const order = (seats: Array<[string, string, string?]>, ga: Array<[string, number]> = []): OfferSource => ({
  mode: "order",
  orderId: `order-${seats.map(([id]) => id).join("-")}`,
  userId: "seller",
  seats: seats.map(([seatId, sectionId, tierId = "std"]) => ({ seatId, sectionId, tierId })),
  generalAdmission: ga.map(([sectionId, quantity]) => ({ sectionId, quantity, tierId: "std" })),
});

function offer(source: OfferSource, candidates: OfferCandidate[], nowMs = 1_000) {
  return runOfferReturned(store.redis, { eventId, nowMs, perFanLimit: 8, offerExpiresAtMs: nowMs + 600_000, source, candidates });
}

async function heldBy(holdId: string) {
  const json = await store.redis.hget(inventory.holds, holdId);
  return json ? parseStoredHold(json) : null;
}

describe("offerReturned", () => {
  it("holds returned seats for the first request they fit, a group's whole quantity or nothing", async () => {
    await soldOut(["a1", "a2", "a3", "b1"]);
    const group = candidate("group", 3);
    const single = candidate("single", 1);
    const first = await offer(order([["a1", "A"], ["a2", "A"]]), [group, single]);
    expect(first).toMatchObject({ ok: true, offers: [{ entryId: "single", holdId: single.holdId }] });
    expect(await heldBy(group.holdId)).toBeNull();
    expect((await heldBy(single.holdId))?.seatIds).toHaveLength(1);
    expect((await heldBy(single.holdId))?.waitingListEntryId).toBe("single");

    // The seat no request fitted waits in the pool; with one more seat back, the group gets all three in one hold.
    const group2 = candidate("group", 3);
    const second = await offer(order([["a3", "A"], ["b1", "B"]]), [group2]);
    expect(second).toMatchObject({ ok: true, offers: [{ entryId: "group", holdId: group2.holdId }] });
    const groupHold = await heldBy(group2.holdId);
    expect(new Set([...groupHold!.seatIds, ...(await heldBy(single.holdId))!.seatIds])).toEqual(new Set(["a1", "a2", "a3", "b1"]));
    expect(await store.redis.hgetall(keys.waitingListPool(eventId))).toEqual({});
  });

  it("keeps to a request's price tier, in the pool too", async () => {
    await soldOut(["a1", "a2", "a3"]);
    const wantsVip = candidate("vip", 2, "", "vip");
    const first = await offer(order([["a1", "A", "std"], ["a2", "A", "vip"]]), [wantsVip]);
    expect(first).toMatchObject({ ok: true, offers: [] });
    const second = await offer(order([["a3", "A", "vip"]]), [candidate("vip", 2, "", "vip")]);
    expect(second).toMatchObject({ ok: true, offers: [{ entryId: "vip" }] });
    const held = (await heldBy((second as { offers: Array<{ holdId: string }> }).offers[0]!.holdId))!;
    expect([...held.seatIds].sort()).toEqual(["a2", "a3"]);
    expect(await store.redis.hgetall(keys.waitingListPool(eventId))).toEqual({ a1: "A|std" });
  });

  it("keeps to a request's section, and offers standing places of a section within its availability", async () => {
    await soldOut(["a1", "b1"], { ga: 0 });
    const wantsB = candidate("wants-b", 1, "B");
    const standing = candidate("standing", 2, "ga");
    const result = await offer(order([["a1", "A"]], [["ga", 2]]), [wantsB, standing]);
    expect(result).toMatchObject({ ok: true, offers: [{ entryId: "standing" }] });
    expect((await heldBy(standing.holdId))?.generalAdmission).toEqual([{ sectionId: "ga", quantity: 2 }]);
    expect(await store.redis.hget(inventory.seats, "a1")).toBeNull();
    const b = await offer(order([["b1", "B"]]), [candidate("wants-b", 1, "B")]);
    expect(b).toMatchObject({ ok: true, offers: [{ entryId: "wants-b" }] });
  });

  it("offers to an entry once however many steps run at once with the same list", async () => {
    const six = ["a1", "a2", "a3", "a4", "a5", "a6"];
    await soldOut(six);
    // Six seats sit in the pool (returned when nobody's request fitted), then twenty steps run together: enough
    // seats for each entry twice, but each gets one offer.
    await offer(order(six.map((id) => [id, "A"])), [candidate("big", 8)]);
    const clients = Array.from({ length: 20 }, () => store.connect());
    try {
      const results = await Promise.all(
        clients.map((client) =>
          runOfferReturned(client, {
            eventId,
            nowMs: 2_000,
            perFanLimit: 8,
            offerExpiresAtMs: 602_000,
            source: { mode: "none" },
            candidates: [candidate("first", 2), candidate("second", 2)],
          }),
        ),
      );
      const made = results.flatMap((result) => (result.ok ? result.offers.map((one) => one.entryId) : []));
      expect(made.sort()).toEqual(["first", "second"]);
      expect(Object.keys(await store.redis.hgetall(keys.waitingListPool(eventId)))).toHaveLength(2);
    } finally {
      await Promise.all(clients.map((client) => client.quit()));
    }
  });

  it("moves an expired offer to the next request in the same step, once, and never while sales are paused", async () => {
    await soldOut(["a1", "a2"]);
    const first = candidate("first", 2);
    await offer(order([["a1", "A"], ["a2", "A"]]), [first]);
    const next = () => candidate("next", 2);
    expect(await offer({ mode: "expire", holdId: first.holdId }, [next()], 500_000)).toEqual({
      ok: false,
      reason: "NOT_EXPIRED",
      expiresAtMs: 601_000,
    });
    await store.redis.set(keys.salesPaused(eventId), "700000");
    expect(await offer({ mode: "expire", holdId: first.holdId }, [next()], 700_000)).toEqual({ ok: false, reason: "PAUSED" });
    await store.redis.del(keys.salesPaused(eventId));

    const results = await Promise.all(
      Array.from({ length: 10 }, () => offer({ mode: "expire", holdId: first.holdId }, [next()], 700_000)),
    );
    const moved = results.filter((result) => result.ok);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ offers: [{ entryId: "next" }] });
    expect(results.filter((result) => !result.ok)).toEqual(Array(9).fill({ ok: false, reason: "GONE" }));
    expect(await heldBy(first.holdId)).toBeNull();
    expect(await store.redis.hget(inventory.userHeld, "fan-first")).toBeNull();
  });
});

describe("seats listed for resale", () => {
  const resale = (seatIds: string[]): OfferSource => ({
    mode: "resale",
    seats: seatIds.map((seatId) => ({ seatId, sectionId: "A", tierId: "std" })),
  });
  const holdOf = (holdId: string, seatIds: string[]) =>
    runHoldSeats(store.redis, {
      eventId,
      holdId,
      userId: "buyer",
      nowMs: 1_000,
      expiresAtMs: 601_000,
      perFanLimit: 8,
      seatIds,
      generalAdmission: [],
      orphanGuards: [],
    });

  it("a listed seat a hold gives back, released or expired, is back on sale as resale, not as available", async () => {
    await soldOut(["a1", "a2"]);
    await offer(resale(["a1", "a2"]), []);
    const lastChanges = async () => {
      const [[, fields]] = (await store.redis.xrevrange(inventory.changes, "+", "-", "COUNT", 1)) as [[string, string[]]];
      return (JSON.parse(fields[1]!) as { changes: Array<{ seatId: string; status: string }> }).changes;
    };

    await holdOf("h1", ["a1", "b1"]);
    expect(await runReleaseHold(store.redis, { eventId, holdId: "h1", userId: "buyer" })).toMatchObject({ ok: true });
    expect(await lastChanges()).toEqual([
      { seatId: "a1", status: "resale" },
      { seatId: "b1", status: "available" },
    ]);

    await runHoldSeats(store.redis, {
      eventId,
      holdId: "h2",
      userId: "buyer",
      nowMs: 1_000,
      expiresAtMs: 2_000,
      perFanLimit: 8,
      seatIds: ["a2", "b2"],
      generalAdmission: [],
      orphanGuards: [],
    });
    expect(await runExpireHolds(store.redis, { eventId, nowMs: 3_000, checkoutGraceMs: 0, maxHolds: 10 })).toMatchObject({
      releasedHoldIds: ["h2"],
    });
    expect(await lastChanges()).toEqual([
      { seatId: "a2", status: "resale" },
      { seatId: "b2", status: "available" },
    ]);
  });

  it("a hold names those it took; a withdrawal, a sale and a load from Postgres keep the list", async () => {
    await soldOut(["a1", "a2", "a3"]);
    await offer(resale(["a1", "a2"]), []);
    expect(await holdOf("h1", ["a1", "b1"])).toMatchObject({ ok: true, resaleSeatIds: ["a1"] });
    expect(await holdOf("h2", ["b2"])).toMatchObject({ ok: true, resaleSeatIds: [] });

    expect(await runWithdrawResale(store.redis, { eventId, seatIds: ["a2"] })).toMatchObject({ ok: true });
    await runCompleteCheckout(store.redis, {
      eventId,
      holdId: "h1",
      orderId: "o1",
      userId: "buyer",
      seatIds: ["a1", "b1"],
      generalAdmission: [],
    });
    expect(await store.redis.smembers(inventory.resaleSeats)).toEqual([]);

    // A load replaces the list with the listings Postgres has open.
    await offer(resale(["a3"]), []);
    await store.redis.del(inventory.loaded);
    await runLoadInventory(store.redis, {
      eventId,
      nowMs: 2_000,
      unavailableSeats: [],
      generalAdmission: [],
      orders: [],
      listedSeatIds: ["a2"],
    });
    expect(await store.redis.smembers(inventory.resaleSeats)).toEqual(["a2"]);
  });
});
