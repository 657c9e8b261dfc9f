import { randomUUID } from "node:crypto";
import type { ChangeBatch } from "@frontrow/redis";
import { describe, expect } from "vitest";
import { holdSeatInRedis, test } from "../testing";
import { createRedisChangeBus } from "./change-bus";

describe("the change bus's ticks", () => {
  test("a change after a quiet tick goes out at once; the changes right behind it wait for the tick and go out together", async ({
    services,
  }) => {
    const { redisStore } = services;
    const eventId = randomUUID();
    const tickMs = 1_500;
    const changeBus = createRedisChangeBus({
      redis: redisStore.connect(),
      subscriber: redisStore.connect({ forSubscriptions: true }),
      tickMs,
    });
    const ticks: Array<{ at: number; batches: ChangeBatch[] }> = [];
    const unsubscribe = await changeBus.subscribe(eventId, (batches) =>
      ticks.push({ at: performance.now(), batches }),
    );
    try {
      const sentAt = performance.now();
      await holdSeatInRedis(redisStore.redis, { eventId, seatId: "first" });
      await expect.poll(() => ticks.length, { timeout: 1_000, interval: 10 }).toBe(1);
      expect(ticks[0]!.at - sentAt).toBeLessThan(tickMs / 2);

      const followers = await Promise.all(
        ["second", "third"].map((seatId) => holdSeatInRedis(redisStore.redis, { eventId, seatId })),
      );
      await expect.poll(() => ticks.length, { timeout: 3 * tickMs, interval: 10 }).toBe(2);
      // One message for both, no sooner than a tick after the first went out.
      expect(ticks[1]!.batches.map((batch) => batch.seq)).toEqual(followers.sort((a, b) => a - b));
      expect(ticks[1]!.at - ticks[0]!.at).toBeGreaterThanOrEqual(tickMs - 20);
    } finally {
      unsubscribe();
      await changeBus.close();
    }
  });
});
