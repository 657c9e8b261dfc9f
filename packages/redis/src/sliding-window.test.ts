import { afterEach, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis | undefined;
afterEach(async () => {
  await store?.cleanup();
});

describe("slidingWindow script", () => {
  it("blocks at the limit and tells when the oldest attempt leaves the window", async () => {
    store = createTestRedis();
    const { redis } = store;
    const key = "rl:test";
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await redis.slidingWindow(key, 1_000 + i * 100, 10_000, 3, 1, `m${i}`));
    expect(results.map(([allowed]) => allowed)).toEqual([1, 1, 0]);
    // The window holds attempts at 1000, 1100, 1200; the attempt at 1000 leaves at 11000.
    const [allowed, count, retryAfterMs] = await redis.slidingWindow(key, 2_000, 10_000, 3, 0, "");
    expect([allowed, count, retryAfterMs]).toEqual([0, 3, 9_000]);
    const [laterAllowed, laterCount] = await redis.slidingWindow(key, 11_050, 10_000, 3, 0, "");
    expect([laterAllowed, laterCount]).toEqual([1, 2]);
  });

  it("counts concurrent attempts exactly once each", async () => {
    store = createTestRedis();
    const clients = Array.from({ length: 10 }, () => store!.connect());
    const replies = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 10 }, (_, i) => client.slidingWindow("rl:burst", 5_000, 60_000, 50, 1, `c${c}-${i}`)),
      ),
    );
    expect(replies.filter(([allowed]) => allowed === 1)).toHaveLength(49);
    expect(await store.redis.zcard("rl:burst")).toBe(100);
  });
});
