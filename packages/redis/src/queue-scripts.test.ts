import { createHash, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { keys } from "./keys";
import { runQueueAdmit, runQueueJoin, runQueueLease, runQueueLeave, runQueueStart } from "./queue-scripts";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis;
afterEach(async () => {
  await store?.cleanup();
});

const eventId = "22222222-2222-4222-8222-222222222222";
const seed = "a".repeat(64);
const onSaleAtMs = 10_000;
const join = (userId: string, nowMs: number, client = store.redis) =>
  runQueueJoin(client, { eventId, userId, entryId: randomUUID(), nowMs, onSaleAtMs, seed });

/** An admitter step of `holderId` that earns `perSecond` fans a second, for at most `maxCreditMs` since the last step. */
async function admitter(client = store.redis, holderId = "instance-a", maxCreditMs = 1_000) {
  const fenceToken = await runQueueLease(client, { eventId, holderId, ttlMs: 5_000 });
  return (nowMs: number, perSecond: number, maxActive = 1_000) =>
    runQueueAdmit(client, {
      eventId,
      fenceToken,
      nowMs,
      ratePerMinute: perSecond * 60,
      maxActive,
      windowMs: 60_000,
      seed,
      onSaleAtMs,
      maxCreditMs,
      tickMs: 1_000,
    });
}

describe("waiting room scripts", () => {
  it("shuffles the pre-queue by sha1(seed:entryId) at the start, then serves later fans in arrival order", async () => {
    store = createTestRedis();
    const entries = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const joined = await join(`early-${i}`, 1_000 + i);
      expect(joined.state).toBe("pre_queue");
      entries.set(joined.entryId, `early-${i}`);
    }
    // A second tab before the start keeps the same entry.
    expect((await join("early-3", 5_000)).entryId).toBe([...entries].find(([, user]) => user === "early-3")![0]);

    expect(await runQueueStart(store.redis, { eventId, seed })).toBe(20);
    expect(await runQueueStart(store.redis, { eventId, seed })).toBe(-1);
    const expected = [...entries.keys()]
      .sort((a, b) => {
        const rank = (id: string) => createHash("sha1").update(`${seed}:${id}`).digest("hex");
        return rank(a) < rank(b) ? -1 : 1;
      })
      .map((entryId) => entries.get(entryId));
    const line = await store.redis.zrange(keys.waitingRoom(eventId).line, 0, -1);
    expect(line).toEqual(expected);
    expect(line).not.toEqual([...entries.values()]); // actually shuffled

    const late = [await join("late-1", 11_000), await join("late-2", 11_001)];
    expect(late.map((entry) => [entry.state, entry.place])).toEqual([
      ["waiting", 21],
      ["waiting", 22],
    ]);
    expect(await join("late-1", 12_000)).toMatchObject({ state: "waiting", place: 21 });
  });

  it("the first join after the on-sale starts the line itself", async () => {
    store = createTestRedis();
    await join("early", 1_000);
    expect(await join("late", 10_500)).toMatchObject({ state: "waiting", place: 2 });
    expect(await join("early", 10_600)).toMatchObject({ state: "waiting", place: 1 });
  });

  it("admits what the rate earned since the previous step, whichever admitter took it, up to maxCreditMs", async () => {
    store = createTestRedis();
    for (let i = 0; i < 100; i++) await join(`fan-${i}`, 20_000 + i);
    const a = await admitter(store.redis, "a", 6_000);
    expect(await a(30_000, 2)).toMatchObject({ admitted: 2 }); // the first step earns one tick
    expect(await a(33_500, 2)).toMatchObject({ admitted: 7 }); // 3.5 s late: 7 fans
    expect(await a(34_000, 2)).toMatchObject({ admitted: 1, head: 10 }); // 0.5 + 1
    // The holder stalls; its lease lapses and another instance takes over 5 s after its last step.
    await store.redis.del(keys.queueLease(eventId));
    const b = await admitter(store.redis, "b", 6_000);
    expect(await b(39_000, 2)).toMatchObject({ admitted: 10, head: 20 });
    expect(await a(39_500, 2)).toEqual({ fenced: true });
    // Away longer than maxCreditMs: only maxCreditMs is earned.
    expect(await b(59_000, 2)).toMatchObject({ admitted: 12, head: 32 });
    // Paused (rate 0): nobody admitted, and nothing banked for after the pause.
    expect(await b(60_000, 0)).toMatchObject({ admitted: 0, head: 32 });
    expect(await b(63_000, 0)).toMatchObject({ admitted: 0 });
    expect(await b(64_000, 2)).toMatchObject({ admitted: 2, head: 34 });
  });

  it("banks no credit before the line starts", async () => {
    store = createTestRedis();
    for (let i = 0; i < 20; i++) await join(`fan-${i}`, 1_000 + i); // pre-queue: the on-sale is at 10 s
    const admit = await admitter(store.redis, "a", 6_000);
    expect(await admit(5_000, 2)).toMatchObject({ admitted: 0, head: 0 });
    expect(await admit(9_000, 2)).toMatchObject({ admitted: 0, head: 0 });
    expect(await admit(10_000, 2)).toMatchObject({ admitted: 2, head: 2, waiting: 18 });
  });

  it("admits in line order within the budget and never past the active-shopper cap", async () => {
    store = createTestRedis();
    for (let i = 0; i < 10; i++) await join(`fan-${i}`, 20_000 + i);
    const admit = await admitter();
    expect(await admit(30_000, 3, 5)).toMatchObject({ admitted: 3, head: 3, waiting: 7, active: 3 });
    expect(await admit(31_000, 3, 5)).toMatchObject({ admitted: 2, head: 5, active: 5 });
    expect(await admit(32_000, 3, 5)).toMatchObject({ admitted: 0, head: 5 });
    expect(await join("fan-0", 32_000)).toMatchObject({ state: "admitted", place: 1 });
    // A shopper who is done frees a slot for the next fan.
    await runQueueLeave(store.redis, { eventId, userId: "fan-0" });
    expect(await admit(33_000, 3, 5)).toMatchObject({ admitted: 1, head: 6 });
    // Shopping windows end (60 s): five slots free up.
    expect(await admit(95_000, 10, 5)).toMatchObject({ admitted: 4, head: 10, waiting: 0 });
  });

  it("a replaced admitter is fenced off; the lease passes on when its holder stops renewing", async () => {
    store = createTestRedis();
    for (let i = 0; i < 5; i++) await join(`fan-${i}`, 20_000 + i);
    const first = await runQueueLease(store.redis, { eventId, holderId: "a", ttlMs: 100 });
    expect(await runQueueLease(store.redis, { eventId, holderId: "b", ttlMs: 100 })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await runQueueLease(store.redis, { eventId, holderId: "b", ttlMs: 5_000 });
    expect(second).toBeGreaterThan(first);
    const args = {
      ...{ eventId, nowMs: 30_000, ratePerMinute: 60, maxActive: 10, windowMs: 60_000, seed, onSaleAtMs },
      ...{ maxCreditMs: 1_000, tickMs: 1_000 },
    };
    expect(await runQueueAdmit(store.redis, { ...args, fenceToken: first })).toEqual({ fenced: true });
    expect(await runQueueAdmit(store.redis, { ...args, fenceToken: second })).toMatchObject({ admitted: 1, head: 1 });
  });

  it("leaving gives the place up, before and after the start", async () => {
    store = createTestRedis();
    await join("a", 1_000);
    await join("b", 1_001);
    expect(await runQueueLeave(store.redis, { eventId, userId: "a" })).toBe(true);
    expect(await runQueueStart(store.redis, { eventId, seed })).toBe(1);
    await join("c", 11_000);
    expect(await runQueueLeave(store.redis, { eventId, userId: "c" })).toBe(true);
    expect(await runQueueLeave(store.redis, { eventId, userId: "nobody" })).toBe(false);
    expect(await store.redis.zrange(keys.waitingRoom(eventId).line, 0, -1)).toEqual(["b"]);
  });

  it("a join answers with the fans ahead (or the window's end), and places given up in line are logged in order", async () => {
    store = createTestRedis();
    for (let i = 0; i < 5; i++) expect(await join(`fan-${i}`, 20_000 + i)).toMatchObject({ state: "waiting", place: i + 1, ahead: i });
    await runQueueLeave(store.redis, { eventId, userId: "fan-3" });
    await runQueueLeave(store.redis, { eventId, userId: "fan-1" });
    expect(await join("fan-4", 21_000)).toMatchObject({ place: 5, ahead: 2 });
    const admit = await admitter();
    await admit(22_000, 1);
    expect(await join("fan-0", 22_500)).toMatchObject({ state: "admitted", place: 1, activeUntilMs: 82_000 });
    await runQueueLeave(store.redis, { eventId, userId: "fan-0" }); // was shopping, not in line: nothing logged
    expect(await store.redis.lrange(keys.waitingRoom(eventId).left, 0, -1)).toEqual(["4", "2"]);
  });

  it("a pre-queue join that arrives after the line started (another instance's clock) goes to the back of the line", async () => {
    store = createTestRedis();
    await join("early", 1_000);
    await runQueueStart(store.redis, { eventId, seed });
    expect(await join("late", 9_999)).toMatchObject({ state: "waiting", place: 2, ahead: 1 });
  });
});
