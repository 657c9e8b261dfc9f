import { afterEach, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis | undefined;
afterEach(async () => {
  await store?.cleanup();
});

describe("slidingWindow script", () => {
  it("records attempts up to the limit, refuses the next, and tells when the oldest leaves the window", async () => {
    store = createTestRedis();
    const { redis } = store;
    const key = "rl:test";
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await redis.slidingWindow(key, 1_000 + i * 100, 10_000, 3, `m${i}`));
    expect(results).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [1, 3, 0],
      // The window holds attempts at 1000, 1100, 1200; the refused one is not recorded, and 1000 leaves at 11000.
      [0, 3, 9_700],
    ]);
    expect(await redis.zcard(key)).toBe(3);
    const [laterAllowed, laterCount] = await redis.slidingWindow(key, 11_050, 10_000, 3, "m4");
    expect([laterAllowed, laterCount]).toEqual([1, 3]);
  });

  it("admits exactly `limit` of many concurrent attempts from many clients", async () => {
    store = createTestRedis();
    const clients = Array.from({ length: 10 }, () => store!.connect());
    const replies = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 10 }, (_, i) => client.slidingWindow("rl:burst", 5_000, 60_000, 50, `c${c}-${i}`)),
      ),
    );
    expect(replies.filter(([allowed]) => allowed === 1)).toHaveLength(50);
    expect(await store.redis.zcard("rl:burst")).toBe(50);
  });
});
