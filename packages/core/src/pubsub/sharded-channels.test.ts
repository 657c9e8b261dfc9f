import { randomUUID } from "node:crypto";
import { isCluster, keys, queueChannel, runBlockSeats, seatChangesChannel, type Redis } from "@frontrow/redis";
import { describe, expect } from "vitest";
import { test } from "../testing";
import { createRedisChangeBus } from "../holds/change-bus";
import { createRedisQueueHeadBus } from "../waiting-room/queue-head-bus";

/** Each master (or the one server) with the shard channels and classic channels it has subscribers on. */
async function channelsPerServer(redis: Redis, pattern: string) {
  const servers = isCluster(redis) ? redis.nodes("master") : [redis];
  return Promise.all(
    servers.map(async (server) => ({
      server,
      sharded: ((await server.call("PUBSUB", "SHARDCHANNELS", pattern)) as string[]).sort(),
      classic: (await server.call("PUBSUB", "CHANNELS", pattern)) as string[],
    })),
  );
}

describe("sharded pub/sub", () => {
  test("an event's seat changes and admission heads are shard channels of the master that holds its keys", async ({
    services,
  }) => {
    const { redisStore } = services;
    const { redis } = redisStore;
    const eventId = randomUUID();
    const changeBus = createRedisChangeBus({ redis, subscriber: redisStore.connect({ forSubscriptions: true }) });
    const queueHeads = createRedisQueueHeadBus({ redis, subscriber: redisStore.connect({ forSubscriptions: true }) });
    const received: unknown[] = [];
    try {
      await changeBus.subscribe(eventId, (batches) => received.push(...batches));
      await queueHeads.subscribe(eventId, () => undefined);
      const { loaded: loadedKey } = keys.eventInventory(eventId);
      await redis.set(loadedKey, "1");

      const perServer = await channelsPerServer(redis, `${redisStore.keyPrefix}*`);
      // Where the event's keys live: the one master (of three on a cluster) that has its `loaded` key.
      const owners = await Promise.all(
        perServer.map(async ({ server }) => (await server.scan("0", "MATCH", `${redisStore.keyPrefix}${loadedKey}`, "COUNT", 100_000))[1].length > 0),
      );
      expect(owners.filter(Boolean)).toHaveLength(1);
      perServer.forEach(({ sharded, classic }, i) => {
        expect(classic).toEqual([]);
        expect(sharded).toEqual(owners[i] ? [seatChangesChannel(redis, eventId), queueChannel(redis, eventId)].sort() : []);
      });

      const blocked = await runBlockSeats(redis, { eventId, seatIds: ["seat-1"], blocked: true });
      expect(blocked.ok).toBe(true);
      await expect.poll(() => received).toEqual([expect.objectContaining({ changes: [{ seatId: "seat-1", status: "blocked" }] })]);
    } finally {
      await Promise.all([changeBus.close(), queueHeads.close()]);
    }
  });
});
