import { randomUUID } from "node:crypto";
import type { Redis } from "./client";
import { afterEach, describe, expect, it } from "vitest";
import {
  runAbortCheckout,
  runBeginCheckout,
  runCompleteCheckout,
  runExpireHolds,
  runHoldSeats,
  runLoadInventory,
  runReleaseHold,
  runPauseHolds,
  runResumeHolds,
  runReturnSeats,
  runTransferBought,
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
const inventory = keys.eventInventory(eventId);
const { seats: seatsKey, holds: holdsKey, userHeld: userHeldKey, expiry: expiryKey } = inventory;
const { gaAvailable: gaAvailableKey, changes: changesKey, loaded: loadedKey, bought: boughtKey } = inventory;

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
    await subscriber.ssubscribe(seatChangesChannel(redis, eventId));
    subscriber.on("smessage", (_channel, message) => messages.push(message));

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

  it("refuses hand-picked seats that leave one free seat alone, naming it, and takes nothing", async () => {
    const redis = await loadedEvent({ sold: ["r1"] });
    // Row r1..r6, r1 sold: holding r3 leaves r2 alone between r1 (sold) and r3; r4's other side (r5) stays free.
    const checks: HoldSeatsArgs["strandChecks"] = [
      ["r2", "r1", "r1", "r3", "r4"],
      ["r4", "r3", "r2", "r5", "r5"],
    ];
    expect(await runHoldSeats(redis, hold({ seatIds: ["r3"], strandChecks: checks }))).toEqual({
      ok: false,
      reason: "STRANDS_SEAT",
      seatId: "r2",
    });
    expect(await redis.hget(seatsKey, "r3")).toBeNull();
    expect(await redis.hget(userHeldKey, "fan-a")).toBeNull();
    // The same seats without the checks (the organizer turned the rule off) are held.
    expect(await runHoldSeats(redis, hold({ seatIds: ["r3"] }))).toMatchObject({ ok: true });
  });

  it("allows a single seat left alone when the fan's run of free seats cannot avoid it", async () => {
    const redis = await loadedEvent({ sold: ["r1", "r5"] });
    // Free run r2..r4; taking two of its three seats leaves one alone whichever two they are.
    const checks: HoldSeatsArgs["strandChecks"] = [["r3", "r2", "", "r4", ""]];
    expect(await runHoldSeats(redis, hold({ seatIds: ["r2", "r4"], strandChecks: checks }))).toMatchObject({ ok: true });
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

describe("pausing and resuming sales", () => {
  it("releases nothing while paused; resuming moves every hold's expiry by the pause's length", async () => {
    const redis = await loadedEvent();
    const first = randomUUID();
    const second = randomUUID();
    await runHoldSeats(redis, hold({ holdId: first, seatIds: ["s1"], expiresAtMs: 10_000 }));
    await runHoldSeats(redis, hold({ holdId: second, userId: "fan-b", seatIds: ["s2"], expiresAtMs: 12_000 }));
    await runPauseHolds(redis, { eventId, nowMs: 4_000 });
    await runPauseHolds(redis, { eventId, nowMs: 5_000 }); // a second pause keeps the first start

    // Long past both expiries, the sweeper leaves them alone.
    expect(await runExpireHolds(redis, { eventId, nowMs: 30_000, checkoutGraceMs: 0, maxHolds: 100 })).toEqual({
      seq: 0,
      releasedHoldIds: [],
    });
    expect(await runResumeHolds(redis, { eventId, nowMs: 34_000 })).toEqual({ pauseMs: 30_000, holdsMoved: 2 });
    const expiry = async (holdId: string) =>
      [JSON.parse((await redis.hget(holdsKey, holdId))!).e, Number(await redis.zscore(expiryKey, holdId))];
    expect(await expiry(first)).toEqual([40_000, 40_000]);
    expect(await expiry(second)).toEqual([42_000, 42_000]);
    // Resuming again changes nothing; the holds then expire on their new times.
    expect(await runResumeHolds(redis, { eventId, nowMs: 35_000 })).toEqual({ pauseMs: 0, holdsMoved: 0 });
    const sweep = await runExpireHolds(redis, { eventId, nowMs: 41_000, checkoutGraceMs: 0, maxHolds: 100 });
    expect(sweep.releasedHoldIds).toEqual([first]);
  });

  it("moves every hold in one step: sweepers racing the resume never release one", async () => {
    const redis = await loadedEvent();
    const holds = 400;
    for (let i = 0; i < holds; i++) {
      await runHoldSeats(redis, hold({ userId: `fan-${i}`, seatIds: [`s${i}`], expiresAtMs: 10_000 + i }));
    }
    await runPauseHolds(redis, { eventId, nowMs: 5_000 });
    // At 100_000 every hold is past its old expiry; after the resume each has 5 s and more left.
    const sweepers = Array.from({ length: 12 }, () => store.connect());
    await Promise.all(sweepers.map((client) => client.ping()));
    let resumed = false;
    let firstRound!: () => void;
    const swept = new Promise<void>((resolve) => (firstRound = resolve));
    const sweeping = sweepers.map(async (client) => {
      const released: string[] = [];
      for (let round = 0; round < 200 && !(resumed && round > 5); round++) {
        const sweep = await runExpireHolds(client, { eventId, nowMs: 100_000, checkoutGraceMs: 0, maxHolds: 1_000 });
        released.push(...sweep.releasedHoldIds);
        firstRound();
      }
      return released;
    });
    // The resume goes out while the sweepers are at it.
    const resume = swept.then(async () => {
      const result = await runResumeHolds(redis, { eventId, nowMs: 100_000 });
      resumed = true;
      return result;
    });
    const [released, result] = await Promise.all([Promise.all(sweeping), resume]);
    expect(released.flat()).toEqual([]);
    expect(result).toEqual({ pauseMs: 95_000, holdsMoved: holds });
    expect(await redis.zcount(expiryKey, "-inf", 104_999)).toBe(0);
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
    expect(await redis.get(keys.eventInventory(eventId).seq)).toBe("2000000");

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

  it("a transfer moves tickets from one fan's count to the other's once; returning its order undoes it", async () => {
    const redis = await loadedEvent({ ga: { floor: 10 } });
    await runCompleteCheckout(redis, sale(await heldSale(redis), "order-1"));
    const counts = async () => [await redis.hget(boughtKey, "fan-a"), await redis.hget(boughtKey, "fan-b")];
    const move = { eventId, transferId: "t1", fromUserId: "fan-a", toUserId: "fan-b", tickets: 2 };
    expect(await runTransferBought(redis, move)).toBe(true);
    expect(await counts()).toEqual(["3", "2"]);
    await runTransferBought(redis, move);
    expect(await counts()).toEqual(["3", "2"]);
    // The recipient's holds now count the tickets they received.
    expect(await runHoldSeats(redis, hold({ userId: "fan-b", seatIds: ["x1", "x2", "x3", "x4", "x5", "x6", "x7"] }))).toMatchObject({
      reason: "LIMIT_EXCEEDED",
      alreadyCounted: 2,
    });

    // The organizer refunds the order: the buyer's and the recipient's counts both lose what they hold of it.
    const transfers = [{ transferId: "t1", fromUserId: "fan-a", toUserId: "fan-b" }];
    await runReturnSeats(redis, { eventId, orderId: "order-1", userId: "fan-a", ...floorSale, transfers });
    await runReturnSeats(redis, { eventId, orderId: "order-1", userId: "fan-a", ...floorSale, transfers });
    expect(await counts()).toEqual([null, null]);
    // A transfer step arriving after the refund moves nothing.
    await runTransferBought(redis, move);
    expect(await counts()).toEqual([null, null]);
  });

  it("a load replays accepted transfers after the orders, so each fan counts what they hold", async () => {
    store = createTestRedis();
    await runLoadInventory(store.redis, {
      eventId,
      nowMs: 2_000,
      unavailableSeats: [],
      generalAdmission: [],
      orders: [{ orderId: "o1", userId: "fan-a", tickets: 4 }],
      transfers: [
        { transferId: "t1", fromUserId: "fan-a", toUserId: "fan-b", tickets: 3 },
        { transferId: "t2", fromUserId: "fan-b", toUserId: "fan-c", tickets: 1 },
      ],
    });
    const { redis } = store;
    expect([await redis.hget(boughtKey, "fan-a"), await redis.hget(boughtKey, "fan-b"), await redis.hget(boughtKey, "fan-c")]).toEqual([
      "1",
      "2",
      "1",
    ]);
    // The after-commit step of a transfer the load already counted moves nothing.
    await runTransferBought(redis, { eventId, transferId: "t1", fromUserId: "fan-a", toUserId: "fan-b", tickets: 3 });
    expect(await redis.hget(boughtKey, "fan-b")).toBe("2");
  });
});

const BOT_IP = "203.0.113.7";
const capped = (overrides: Partial<HoldSeatsArgs>) => hold({ clientIp: BOT_IP, clientCap: 4, ...overrides });
const heldFrom = async (ip: string) => Number((await store.redis.hget(userHeldKey, `ip:${ip}`)) ?? 0);

describe("seats held at once per client address", () => {
  it("refuse a hold that would take the address past its cap, whichever fan asks; other addresses are unaffected", async () => {
    const redis = await loadedEvent({ ga: { floor: 1_000 } });
    expect(await runHoldSeats(redis, capped({ userId: "bot-1", seatIds: ["s1", "s2", "s3"] }))).toMatchObject({ ok: true });
    expect(await runHoldSeats(redis, capped({ userId: "bot-2", seatIds: ["s4", "s5"] }))).toEqual({
      ok: false,
      reason: "CLIENT_LIMIT_EXCEEDED",
      heldFromClient: 3,
    });
    expect(await runHoldSeats(redis, capped({ userId: "bot-2", generalAdmission: [{ sectionId: "floor", quantity: 1 }] }))).toMatchObject({
      ok: true,
    });
    expect(await heldFrom(BOT_IP)).toBe(4);
    expect(await runHoldSeats(redis, capped({ userId: "fan-b", clientIp: "198.51.100.1", seatIds: ["s4", "s5"] }))).toMatchObject({
      ok: true,
    });
    // A cap of 0 turns the check off, but the address's seats are still counted.
    expect(await runHoldSeats(redis, capped({ userId: "bot-3", clientCap: 0, seatIds: ["s6"] }))).toMatchObject({ ok: true });
    expect(await heldFrom(BOT_IP)).toBe(5);
  });

  it("gives the address's count back on release, expiry by the sweeper, and a completed sale", async () => {
    const redis = await loadedEvent({ ga: { floor: 1_000 } });
    const released = capped({ userId: "bot-1", seatIds: ["s1"], generalAdmission: [{ sectionId: "floor", quantity: 1 }] });
    const expiring = capped({ userId: "bot-2", seatIds: ["s2"], expiresAtMs: 5_000 });
    const sold = capped({ userId: "bot-3", seatIds: ["s3"] });
    for (const args of [released, expiring, sold]) expect(await runHoldSeats(redis, args)).toMatchObject({ ok: true });
    expect(await heldFrom(BOT_IP)).toBe(4);

    expect(await runReleaseHold(redis, { eventId, holdId: released.holdId, userId: "bot-1" })).toMatchObject({ ok: true });
    expect(await heldFrom(BOT_IP)).toBe(2);

    const swept = await runExpireHolds(redis, { eventId, nowMs: 6_000, checkoutGraceMs: 60_000, maxHolds: 100 });
    expect(swept.releasedHoldIds).toEqual([expiring.holdId]);
    expect(await heldFrom(BOT_IP)).toBe(1);

    expect(await runBeginCheckout(redis, { eventId, holdId: sold.holdId, userId: "bot-3", nowMs: 6_000, graceMs: 60_000 })).toMatchObject({
      ok: true,
    });
    await runCompleteCheckout(redis, {
      eventId,
      holdId: sold.holdId,
      orderId: randomUUID(),
      userId: "bot-3",
      seatIds: ["s3"],
      generalAdmission: [],
    });
    expect(await redis.hget(userHeldKey, `ip:${BOT_IP}`)).toBeNull();
    // The freed room can be held again.
    expect(await runHoldSeats(redis, capped({ userId: "bot-4", seatIds: ["s7", "s8", "s9", "s10"] }))).toMatchObject({ ok: true });
  });

  it("moves the count with seats a fan re-selects, from the address of the hold they leave", async () => {
    const redis = await loadedEvent({ ga: { floor: 1_000 } });
    const first = capped({ seatIds: ["s1", "s2", "s3"], clientIp: "198.51.100.1" });
    expect(await runHoldSeats(redis, first)).toMatchObject({ ok: true });
    // Re-selecting s3 from the bot address moves one seat; the second seat is new: 2 from BOT_IP, 2 left on .1.
    expect(await runHoldSeats(redis, capped({ seatIds: ["s3", "s4"] }))).toMatchObject({ ok: true });
    expect(await heldFrom("198.51.100.1")).toBe(2);
    expect(await heldFrom(BOT_IP)).toBe(2);
    // Re-selecting seats already held from this address counts them once: 4 seats, cap 4.
    expect(await runHoldSeats(redis, capped({ seatIds: ["s3", "s4", "s5", "s6"] }))).toMatchObject({ ok: true });
    expect(await heldFrom(BOT_IP)).toBe(4);
    const stored = Object.values(await redis.hgetall(holdsKey)).map((json) => JSON.parse(json) as { ip?: string });
    expect(stored.map((h) => h.ip).sort()).toEqual(["198.51.100.1", BOT_IP]);
  });

  it("holds under a race: 40 fans from one address on 40 connections get exactly the cap", async () => {
    await loadedEvent({ ga: { floor: 1_000 } });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        runHoldSeats(store.connect(), capped({ userId: `bot-${i}`, clientCap: 10, seatIds: [`a${i}`, `b${i}`] })),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.reason === "CLIENT_LIMIT_EXCEEDED")).toHaveLength(35);
    expect(await heldFrom(BOT_IP)).toBe(10);
  });
});

describe("hold requests per window", () => {
  const limited = (overrides: Partial<HoldSeatsArgs>) =>
    capped({ clientCap: 0, attempts: { perFan: 3, perClient: 5, windowMs: 60_000, attemptId: randomUUID() }, ...overrides });

  it("refuse a fan's request past the limit with the time until a slot frees, without counting it", async () => {
    const redis = await loadedEvent({ ga: { floor: 1_000 } });
    for (let i = 0; i < 3; i++) {
      // Conflicts count too: a bot hammering taken seats is still hammering.
      await runHoldSeats(redis, limited({ nowMs: 1_000 + i * 1_000, seatIds: ["s1"] }));
    }
    expect(await runHoldSeats(redis, limited({ nowMs: 10_000, seatIds: ["s2"] }))).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
      retryAfterMs: 51_000,
    });
    // The oldest request leaves the window at 61 s.
    expect(await runHoldSeats(redis, limited({ nowMs: 61_001, seatIds: ["s2"] }))).toMatchObject({ ok: true });
  });

  it("count one request once across its best-available tries, and limit the address across fans", async () => {
    const redis = await loadedEvent({ ga: { floor: 1_000 } });
    const attemptId = randomUUID();
    for (const seat of ["x1", "x2", "x3", "x4"]) {
      await redis.hset(keys.eventInventory(eventId).seats, seat, "s");
      expect(
        await runHoldSeats(redis, capped({ clientCap: 0, seatIds: [seat], attempts: { perFan: 1, perClient: 1, windowMs: 60_000, attemptId } })),
      ).toMatchObject({ reason: "SEAT_UNAVAILABLE" });
    }
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await runHoldSeats(redis, limited({ userId: `bot-${i}`, seatIds: [`s${i}`] })));
    expect(results.map((result) => (result.ok ? "ok" : result.reason))).toEqual(["ok", "ok", "ok", "ok", "RATE_LIMITED", "RATE_LIMITED"]);
  });
});
