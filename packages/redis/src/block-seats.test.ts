import { afterEach, describe, expect, it } from "vitest";
import { runBlockSeats } from "./block-seats";
import { runHoldSeats, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis;
afterEach(async () => {
  await store?.cleanup();
});

const eventId = "22222222-2222-4222-8222-222222222222";
const { seats: seatsKey, seq: seqKey, changes: changesKey, loaded: loadedKey } = keys.eventInventory(eventId);

async function loadedEvent(marks: Record<string, string> = {}) {
  store = createTestRedis();
  for (const [seatId, value] of Object.entries(marks)) await store.redis.hset(seatsKey, seatId, value);
  await store.redis.set(loadedKey, "1");
  return store.redis;
}

describe("blockSeats", () => {
  it("refuses until the event's inventory is loaded", async () => {
    store = createTestRedis();
    expect(await runBlockSeats(store.redis, { eventId, seatIds: ["s1"], blocked: true })).toEqual({ ok: false, reason: "NOT_LOADED" });
  });

  it("blocks free seats, refuses held and sold ones without touching them, and publishes one batch", async () => {
    const redis = await loadedEvent({ s2: "hold-1|fan-a", s3: "s", s4: "b" });
    const subscriber = store.connect({ forSubscriptions: true });
    const published: string[] = [];
    subscriber.on("smessage", (_channel: string, message: string) => published.push(message));
    await subscriber.ssubscribe(seatChangesChannel(redis, eventId));

    const result = await runBlockSeats(redis, { eventId, seatIds: ["s1", "s2", "s3", "s4", "s5"], blocked: true });
    expect(result).toEqual({ ok: true, seq: 1, changedIds: ["s1", "s5"], refusedIds: ["s2", "s3"] });
    expect(await redis.hgetall(seatsKey)).toEqual({ s1: "b", s2: "hold-1|fan-a", s3: "s", s4: "b", s5: "b" });
    const [[, [, stored]]] = (await redis.xrange(changesKey, "-", "+")) as [[string, [string, string]]];
    const batch = { seq: 1, changes: [{ seatId: "s1", status: "blocked" }, { seatId: "s5", status: "blocked" }] };
    expect(JSON.parse(stored)).toEqual(batch);
    await expect.poll(() => published.map((message) => JSON.parse(message) as unknown)).toEqual([batch]);
  });

  it("a blocked seat cannot be held, and unblocking frees only blocked seats", async () => {
    const redis = await loadedEvent({ s2: "hold-1|fan-a" });
    await runBlockSeats(redis, { eventId, seatIds: ["s1"], blocked: true });
    const hold = await runHoldSeats(redis, {
      eventId,
      holdId: "hold-2",
      userId: "fan-b",
      nowMs: 1_000,
      expiresAtMs: 601_000,
      perFanLimit: 8,
      seatIds: ["s1"],
      generalAdmission: [],
      orphanGuards: [],
    });
    expect(hold).toEqual({ ok: false, reason: "SEAT_UNAVAILABLE", blockedIds: ["s1"] });

    const unblocked = await runBlockSeats(redis, { eventId, seatIds: ["s1", "s2", "s3"], blocked: false });
    expect(unblocked).toEqual({ ok: true, seq: 2, changedIds: ["s1"], refusedIds: [] });
    expect(await redis.hgetall(seatsKey)).toEqual({ s2: "hold-1|fan-a" });
    expect(await runBlockSeats(redis, { eventId, seatIds: ["s1"], blocked: false })).toEqual({
      ok: true,
      seq: 0,
      changedIds: [],
      refusedIds: [],
    });
    expect(await redis.get(seqKey)).toBe("2");
  });
});
