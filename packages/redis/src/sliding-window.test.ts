import { afterEach, describe, expect, it } from "vitest";
import type { Redis } from "./client";
import { scripts } from "./lua-scripts";
import { createTestRedis, type TestRedis } from "./testing";

let store: TestRedis | undefined;
const attempt = (redis: Redis, key: string, nowMs: number, windowMs: number, limit: number, member: string) =>
  scripts.slidingWindow(redis, { window: key }, { nowMs, windowMs, limit, member });
afterEach(async () => {
  await store?.cleanup();
});

describe("slidingWindow script", () => {
  it("records attempts up to the limit, refuses the next, and tells when the oldest leaves the window", async () => {
    store = createTestRedis();
    const { redis } = store;
    const key = "rl:test";
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await attempt(redis, key, 1_000 + i * 100, 10_000, 3, `m${i}`));
    expect(results).toEqual([
      { allowed: true, count: 1, retryAfterMs: 0 },
      { allowed: true, count: 2, retryAfterMs: 0 },
      { allowed: true, count: 3, retryAfterMs: 0 },
      // The window holds attempts at 1000, 1100, 1200; the refused one is not recorded, and 1000 leaves at 11000.
      { allowed: false, count: 3, retryAfterMs: 9_700 },
    ]);
    expect(await redis.zcard(key)).toBe(3);
    const later = await attempt(redis, key, 11_050, 10_000, 3, "m4");
    expect([later.allowed, later.count]).toEqual([true, 3]);
  });

  it("admits exactly `limit` of many concurrent attempts from many clients", async () => {
    store = createTestRedis();
    const clients = Array.from({ length: 10 }, () => store!.connect());
    const replies = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 10 }, (_, i) => attempt(client, "rl:burst", 5_000, 60_000, 50, `c${c}-${i}`)),
      ),
    );
    expect(replies.filter((reply) => reply.allowed)).toHaveLength(50);
    expect(await store.redis.zcard("rl:burst")).toBe(50);
  });
});
