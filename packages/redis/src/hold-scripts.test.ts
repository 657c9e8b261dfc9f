import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import {
  runAbortCheckout,
  runBeginCheckout,
  runCompleteCheckout,
  runExpireHolds,
  runHoldSeats,
  runLoadInventory,
  runReleaseHold,
  runReturnSeats,
  seatChangesChannel,
  type HoldSeatsArgs,
} from "./hold-scripts";
import { keys } from "./keys";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis;
afterEach(async () => {
  await store?.cleanup();
});

const eventId = "11111111-1111-4111-8111-111111111111";
const [seatsKey, holdsKey, userHeldKey, expiryKey, , gaAvailableKey, , changesKey, loadedKey, boughtKey] = keys.holdKeys(eventId);

async function loadedEvent(options: { sold?: string[]; ga?: Record<string, number> } = {}) {
  store = createTestRedis();
  const { redis } = store;
  for (const seatId of options.sold ?? []) await redis.hset(seatsKey, seatId, "s");
  for (const [sectionId, capacity] of Object.entries(options.ga ?? {})) {
    await redis.hset(gaAvailableKey, sectionId, capacity);
  }
  await redis.set(loadedKey, "1");
  return redis;
}

function hold(overrides: Partial<HoldSeatsArgs>): HoldSeatsArgs {
  return {
    eventId,
    holdId: randomUUID(),
    userId: "fan-a",
    nowMs: 1_000,
    expiresAtMs: 601_000,
    perFanLimit: 8,
    seatIds: [],
    generalAdmission: [],
    orphanGuards: [],
    ...overrides,
  };
}

describe("holdSeats", () => {
  it("refuses until the event's inventory is loaded", async () => {
    store = createTestRedis();
    expect(await runHoldSeats(store.redis, hold({ seatIds: ["s1"] }))).toEqual({ ok: false, reason: "NOT_LOADED" });
  });

  it("takes all seats, or none and names every seat that blocked it", async () => {
    const redis = await loadedEvent({ sold: ["s3"] });
    const first = await runHoldSeats(redis, hold({ seatIds: ["s1", "s2"] }));
    expect(first).toMatchObject({ ok: true });

    const second = await runHoldSeats(redis, hold({ userId: "fan-b", seatIds: ["s2", "s3", "s4"] }));
    expect(second).toEqual({ ok: false, reason: "SEAT_UNAVAILABLE", blockedIds: ["s2", "s3"] });
    expect(await redis.hget(seatsKey, "s4")).toBeNull();
    expect(await redis.hget(userHeldKey, "fan-b")).toBeNull();
  });

  it("publishes and streams each change with an increasing sequence", async () => {
    const redis = await loadedEvent();
    const subscriber = store.connect({ forSubscriptions: true });
    const messages: string[] = [];
    await subscriber.subscribe(seatChangesChannel(redis, eventId));
    subscriber.on("message", (_channel, message) => messages.push(message));

    const a = await runHoldSeats(redis, hold({ seatIds: ["s1"] }));
    const b = await runHoldSeats(redis, hold({ userId: "fan-b", seatIds: ["s2"] }));
    if (!a.ok || !b.ok) throw new Error("expected holds");
    expect(b.seq).toBe(a.seq + 1);
    await expect.poll(() => messages.length).toBe(2);
    expect(JSON.parse(messages[1]!)).toEqual({ seq: b.seq, changes: [{ seatId: "s2", status: "held" }] });
    const stream = await redis.xrange(changesKey, "-", "+");
    expect(stream.map(([id]) => id)).toEqual([`${a.seq}-1`, `${b.seq}-1`]);
  });

  it("counts held and bought tickets against the per-fan limit", async () => {
    const redis = await loadedEvent({ ga: { floor: 100 } });
    await redis.hset(boughtKey, "fan-a", 1);
    expect(await runHoldSeats(redis, hold({ seatIds: ["s1", "s2"], perFanLimit: 4 }))).toMatchObject({ ok: true });
    expect(
      await runHoldSeats(redis, hold({ generalAdmission: [{ sectionId: "floor", quantity: 2 }], perFanLimit: 4 })),
    ).toEqual({ ok: false, reason: "LIMIT_EXCEEDED", alreadyCounted: 3 });
    expect(
      await runHoldSeats(redis, hold({ generalAdmission: [{ sectionId: "floor", quantity: 1 }], perFanLimit: 4 })),
    ).toMatchObject({ ok: true });
  });

  it("lets a fan re-select seats they already hold, moving them into the new hold", async () => {
    const redis = await loadedEvent();
    const firstId = randomUUID();
    await runHoldSeats(redis, hold({ holdId: firstId, seatIds: ["s1", "s2"], perFanLimit: 3 }));
    const secondId = randomUUID();
    expect(await runHoldSeats(redis, hold({ holdId: secondId, seatIds: ["s2", "s3"], perFanLimit: 3 }))).toMatchObject({
      ok: true,
    });
    expect(await redis.hget(seatsKey, "s2")).toBe(`${secondId}|fan-a`);
    expect(JSON.parse((await redis.hget(holdsKey, firstId))!).s).toEqual(["s1"]);
    expect(await redis.hget(userHeldKey, "fan-a")).toBe("3");
    expect(JSON.parse((await redis.hget(userHeldKey, "fan-a#holds"))!)).toEqual([firstId, secondId]);
    // Another fan is still blocked by both holds.
    expect(await runHoldSeats(redis, hold({ userId: "fan-b", seatIds: ["s1", "s3"] }))).toMatchObject({
      reason: "SEAT_UNAVAILABLE",
      blockedIds: ["s1", "s3"],
    });
  });

  it("never sells past a general-admission capacity, and says which section was short", async () => {
    const redis = await loadedEvent({ ga: { floor: 5 } });
    expect(await runHoldSeats(redis, hold({ generalAdmission: [{ sectionId: "floor", quantity: 4 }] }))).toMatchObject({ ok: true });
    expect(
      await runHoldSeats(redis, hold({ userId: "fan-b", generalAdmission: [{ sectionId: "floor", quantity: 2 }] })),
    ).toEqual({ ok: false, reason: "SEAT_UNAVAILABLE", blockedIds: ["floor"] });
  });

  it("refuses a block that would strand one free seat when guarded", async () => {
    const redis = await loadedEvent({ sold: ["r1"] });
    // Row r1..r6, r1 sold. Taking r3,r4 would strand r2 between r1 (sold) and r3.
    const stranding = await runHoldSeats(redis, hold({ seatIds: ["r3", "r4"], orphanGuards: [["r2", "r1"], ["r5", "r6"]] }));
    expect(stranding).toEqual({ ok: false, reason: "ORPHAN" });
    const fine = await runHoldSeats(redis, hold({ seatIds: ["r2", "r3"], orphanGuards: [["r4", "r5"]] }));
    expect(fine).toMatchObject({ ok: true });
  });

  it("lets exactly one of many concurrent fans take a contested block", async () => {
    const redis = await loadedEvent();
    const fans = Array.from({ length: 50 }, (_, i) => ({ client: store.connect(), userId: `fan-${i}` }));
    const results = await Promise.all(
      fans.map(({ client, userId }, i) =>
        runHoldSeats(client, hold({ userId, seatIds: i % 2 ? ["c1", "c2", "c3"] : ["c3", "c4"] })),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const owners = await redis.hgetall(seatsKey);
    const holders = new Set(Object.values(owners).map((owner) => owner.split("|")[1]));
    expect(holders.size).toBe(1);
  });
});

describe("releaseHold and expireHolds", () => {
  it("releases only the owner's active hold", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    const holdId = randomUUID();
    await runHoldSeats(redis, hold({ holdId, seatIds: ["s1"], generalAdmission: [{ sectionId: "floor", quantity: 2 }] }));
    expect(await runReleaseHold(redis, { eventId, holdId, userId: "fan-b" })).toEqual({ ok: false, reason: "HOLD_NOT_FOUND" });
    expect(await runReleaseHold(redis, { eventId, holdId, userId: "fan-a" })).toMatchObject({ ok: true });
    expect(await redis.hlen(seatsKey)).toBe(0);
    expect(await redis.hget(userHeldKey, "fan-a")).toBeNull();
    expect(await redis.hget(userHeldKey, "fan-a#holds")).toBeNull();
    expect(await runReleaseHold(redis, { eventId, holdId, userId: "fan-a" })).toEqual({ ok: false, reason: "HOLD_NOT_FOUND" });
    // The GA tickets are back too.
    expect(
      await runHoldSeats(redis, hold({ userId: "fan-b", generalAdmission: [{ sectionId: "floor", quantity: 10 }], perFanLimit: 10 })),
    ).toMatchObject({ ok: true });
  });

  it("expires due holds once, even when several sweepers race", async () => {
    const redis = await loadedEvent();
    await runHoldSeats(redis, hold({ seatIds: ["s1"], expiresAtMs: 5_000 }));
    await runHoldSeats(redis, hold({ userId: "fan-b", seatIds: ["s2"], expiresAtMs: 9_000 }));
    const sweepers = Array.from({ length: 8 }, () => store.connect());
    const sweeps = await Promise.all(
      sweepers.map((client) => runExpireHolds(client, { eventId, nowMs: 6_000, checkoutGraceMs: 0, maxHolds: 100 })),
    );
    expect(sweeps.flatMap((sweep) => sweep.releasedHoldIds)).toHaveLength(1);
    expect(await redis.hkeys(seatsKey)).toEqual(["s2"]);
    expect(await redis.zcard(expiryKey)).toBe(1);
  });
});

describe("loadInventory", () => {
  it("loads sold, blocked and GA inventory once; a later, staler load changes nothing", async () => {
    store = createTestRedis();
    const { redis } = store;
    const first = await runLoadInventory(redis, {
      eventId,
      nowMs: 2_000,
      unavailableSeats: [
        { seatId: "s1", status: "sold" },
        { seatId: "s2", status: "blocked" },
      ],
      generalAdmission: [{ sectionId: "floor", available: 3 }],
      orders: [],
    });
    expect(first).toBe(true);
    expect(await redis.hgetall(seatsKey)).toEqual({ s1: "s", s2: "b" });
    expect(await redis.get(keys.holdKeys(eventId)[6])).toBe("2000000");

    const stale = await runLoadInventory(redis, {
      eventId,
      nowMs: 3_000,
      unavailableSeats: [],
      generalAdmission: [{ sectionId: "floor", available: 50 }],
      orders: [{ orderId: "o1", userId: "fan-a", tickets: 8 }],
    });
    expect(stale).toBe(false);
    expect(await redis.hget(boughtKey, "fan-a")).toBeNull();
    expect(await redis.hget(gaAvailableKey, "floor")).toBe("3");
    expect(await runHoldSeats(redis, hold({ seatIds: ["s1", "s9"] }))).toMatchObject({ blockedIds: ["s1"] });
    expect(await runHoldSeats(redis, hold({ generalAdmission: [{ sectionId: "floor", quantity: 4 }] }))).toMatchObject({
      reason: "SEAT_UNAVAILABLE",
    });
  });
  it("a sale completed while Redis had lost the event stays sold when a load read before that sale lands", async () => {
    store = createTestRedis();
    const { redis } = store;
    // Redis came back empty; a load read Postgres (nothing sold yet), then the sale committed and completed here.
    const seq = await runCompleteCheckout(redis, {
      eventId,
      holdId: randomUUID(),
      orderId: "order-1",
      userId: "fan-a",
      seatIds: ["s1", "s2"],
      generalAdmission: [],
    });
    expect(seq).toBe(0);
    await runLoadInventory(redis, { eventId, nowMs: 2_000, unavailableSeats: [], generalAdmission: [], orders: [] });
    expect(await redis.hgetall(seatsKey)).toEqual({ s1: "s", s2: "s" });
    expect(await runHoldSeats(redis, hold({ seatIds: ["s2"] }))).toMatchObject({ ok: false, reason: "SEAT_UNAVAILABLE" });
  });
});

describe("checkout scripts", () => {
  it("a hold checking out cannot be released or expire until its grace ends; abort restores it", async () => {
    const redis = await loadedEvent();
    const holdId = randomUUID();
    await runHoldSeats(redis, hold({ holdId, seatIds: ["s1"], expiresAtMs: 5_000 }));
    const began = await runBeginCheckout(redis, { eventId, holdId, userId: "fan-a", nowMs: 4_000, graceMs: 30_000 });
    expect(began).toMatchObject({ ok: true, hold: { seatIds: ["s1"], status: "checkout" } });
    expect(await runBeginCheckout(redis, { eventId, holdId, userId: "fan-b", nowMs: 4_000, graceMs: 30_000 })).toEqual({
      ok: false,
      reason: "HOLD_NOT_FOUND",
    });
    expect(await runReleaseHold(redis, { eventId, holdId, userId: "fan-a" })).toEqual({ ok: false, reason: "CHECKING_OUT" });
    const sweep = await runExpireHolds(redis, { eventId, nowMs: 20_000, checkoutGraceMs: 30_000, maxHolds: 10 });
    expect(sweep.releasedHoldIds).toEqual([]);

    expect(await runAbortCheckout(redis, { eventId, holdId })).toBe(true);
    expect(await runReleaseHold(redis, { eventId, holdId, userId: "fan-a" })).toMatchObject({ ok: true });
  });

  it("refuses to start paying for an expired hold", async () => {
    const redis = await loadedEvent();
    const holdId = randomUUID();
    await runHoldSeats(redis, hold({ holdId, seatIds: ["s1"], expiresAtMs: 5_000 }));
    expect(await runBeginCheckout(redis, { eventId, holdId, userId: "fan-a", nowMs: 5_000, graceMs: 0 })).toEqual({
      ok: false,
      reason: "HOLD_EXPIRED",
    });
  });

  it("completing turns held seats and GA places into sales and publishes them", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    const holdId = randomUUID();
    await runHoldSeats(redis, hold({ holdId, seatIds: ["s1", "s2"], generalAdmission: [{ sectionId: "floor", quantity: 3 }] }));
    await runBeginCheckout(redis, { eventId, holdId, userId: "fan-a", nowMs: 2_000, graceMs: 0 });
    const seq = await runCompleteCheckout(redis, {
      eventId,
      holdId,
      orderId: "order-1",
      userId: "fan-a",
      seatIds: ["s1", "s2"],
      generalAdmission: [{ sectionId: "floor", quantity: 3 }],
    });
    expect(seq).toBeGreaterThan(0);
    expect(await redis.hgetall(seatsKey)).toEqual({ s1: "s", s2: "s" });
    expect(await redis.hget(gaAvailableKey, "floor")).toBe("7");
    expect(await redis.hget(userHeldKey, "fan-a")).toBeNull();
    expect(await redis.hlen(holdsKey)).toBe(0);
    const [, fields] = (await redis.xrevrange(changesKey, "+", "-", "COUNT", 1))[0]!;
    expect(JSON.parse(fields[1]!).changes).toEqual([
      { seatId: "s1", status: "sold" },
      { seatId: "s2", status: "sold" },
      { sectionId: "floor", available: 7 },
    ]);
    // The other 7 GA places are still for sale.
    expect(
      await runHoldSeats(redis, hold({ userId: "fan-b", generalAdmission: [{ sectionId: "floor", quantity: 7 }] })),
    ).toMatchObject({ ok: true });
  });
});

describe("bought counts", () => {
  const floorSale = { seatIds: ["s1", "s2"], generalAdmission: [{ sectionId: "floor", quantity: 3 }] };
  const sale = (holdId: string, orderId: string, onlyWhileHeld = false) => ({
    eventId,
    holdId,
    orderId,
    userId: "fan-a",
    ...floorSale,
    onlyWhileHeld,
  });
  const bought = async () => Number((await store.redis.hget(boughtKey, "fan-a")) ?? 0);
  const heldSale = async (redis: Redis, expiresAtMs = 601_000) => {
    const holdId = randomUUID();
    await runHoldSeats(redis, hold({ holdId, expiresAtMs, ...floorSale }));
    await runBeginCheckout(redis, { eventId, holdId, userId: "fan-a", nowMs: 2_000, graceMs: 1_000 });
    return holdId;
  };

  it("are loaded per fan from the orders, and a load after a data loss starts them again", async () => {
    store = createTestRedis();
    const { redis } = store;
    const load = (orders: Array<{ orderId: string; userId: string; tickets: number }>) =>
      runLoadInventory(redis, { eventId, nowMs: 2_000, unavailableSeats: [], generalAdmission: [], orders });
    await load([
      { orderId: "o1", userId: "fan-a", tickets: 2 },
      { orderId: "o2", userId: "fan-a", tickets: 3 },
      { orderId: "o3", userId: "fan-b", tickets: 1 },
    ]);
    expect(await redis.hget(boughtKey, "fan-a")).toBe("5");
    expect(await redis.hget(boughtKey, "fan-b")).toBe("1");
    expect(await runHoldSeats(redis, hold({ seatIds: ["s1", "s2", "s3", "s4"] }))).toEqual({
      ok: false,
      reason: "LIMIT_EXCEEDED",
      alreadyCounted: 5,
    });
    expect(await runHoldSeats(redis, hold({ seatIds: ["s1", "s2", "s3"] }))).toMatchObject({ ok: true });

    // The next load rebuilds the counts from Postgres alone, never on top of what was left.
    await redis.del(loadedKey);
    await load([{ orderId: "o1", userId: "fan-a", tickets: 2 }]);
    expect(await redis.hgetall(boughtKey)).toEqual({ "fan-a": "2", "order:o1": "2" });
  });

  it("a sale moves the hold's tickets from held to bought in one step, once, however many passes run", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    const holdId = await heldSale(redis);
    expect([await redis.hget(userHeldKey, "fan-a"), await bought()]).toEqual(["5", 0]);

    await runCompleteCheckout(redis, sale(holdId, "order-1"));
    expect([await redis.hget(userHeldKey, "fan-a"), await bought()]).toEqual([null, 5]);
    // The outbox's pass, and the first pass once more: nothing moves again.
    await runCompleteCheckout(redis, sale(holdId, "order-1", true));
    await runCompleteCheckout(redis, sale(holdId, "order-1"));
    expect(await bought()).toBe(5);
    expect(await runHoldSeats(redis, hold({ seatIds: ["s3", "s4", "s5", "s6"] }))).toMatchObject({
      reason: "LIMIT_EXCEEDED",
      alreadyCounted: 5,
    });
  });

  it("a sale whose hold expired before it was converted still counts, once", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    const holdId = await heldSale(redis, 5_000);
    // The checkout outlived its grace: the sweeper released the hold, so its tickets are no longer held.
    const sweep = await runExpireHolds(redis, { eventId, nowMs: 7_000, checkoutGraceMs: 1_000, maxHolds: 10 });
    expect(sweep.releasedHoldIds).toEqual([holdId]);
    expect(await redis.hget(userHeldKey, "fan-a")).toBeNull();

    await runCompleteCheckout(redis, sale(holdId, "order-1", true));
    await runCompleteCheckout(redis, sale(holdId, "order-1"));
    expect(await bought()).toBe(5);
  });

  it("a sale a load after a data loss already counted is not counted again", async () => {
    store = createTestRedis();
    await runLoadInventory(store.redis, {
      eventId,
      nowMs: 2_000,
      unavailableSeats: [],
      generalAdmission: [],
      orders: [{ orderId: "order-1", userId: "fan-a", tickets: 5 }],
    });
    await runCompleteCheckout(store.redis, sale(randomUUID(), "order-1"));
    expect(await bought()).toBe(5);
  });

  it("returning an order takes its tickets off once; a conversion arriving later adds nothing", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    const holdId = await heldSale(redis);
    await runCompleteCheckout(redis, sale(holdId, "order-1"));
    await redis.hset(boughtKey, "fan-b", 1);
    const refund = (orderId: string) => runReturnSeats(redis, { eventId, orderId, userId: "fan-a", ...floorSale });

    await refund("order-1");
    expect(await redis.hget(boughtKey, "fan-a")).toBeNull();
    await refund("order-1");
    expect(await redis.hget(boughtKey, "fan-a")).toBeNull();
    expect(await redis.hget(boughtKey, "fan-b")).toBe("1");
    // The outbox converting the cancelled sale late must not count it back.
    await runCompleteCheckout(redis, sale(holdId, "order-1", true));
    expect(await bought()).toBe(0);

    // Refunded before any conversion ran (the cancellation overtook it): the conversion adds nothing either.
    await refund("order-2");
    await runCompleteCheckout(redis, sale(await heldSale(redis), "order-2"));
    expect(await bought()).toBe(0);
  });

  it("a refund never takes a count below zero, even one Redis lost", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    await runCompleteCheckout(redis, sale(await heldSale(redis), "order-1"));
    await redis.hdel(boughtKey, "fan-a");
    await runReturnSeats(redis, { eventId, orderId: "order-1", userId: "fan-a", ...floorSale });
    expect(await redis.hget(boughtKey, "fan-a")).toBeNull();
  });
});
