import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { holdSeatInRedis, test } from "../testing";
import { createRedisChangeBus } from "./change-bus";
import { createEventLayoutCache } from "./event-layout";
import { watchSeatChanges } from "./watch-seat-changes";

describe("watchSeatChanges", () => {
  test("waits through a Redis that does not answer and resumes with the changes it missed", async ({ services }) => {
    const { redisStore } = services;
    const eventId = randomUUID();
    await holdSeatInRedis(redisStore.redis, { eventId, seatId: "seat-1", userId: "fan-a" });

    // This process's Redis connection is down when the watcher asks what it missed since sequence 0.
    const connection = redisStore.connect();
    const changeBus = createRedisChangeBus({ redis: connection, subscriber: redisStore.connect({ forSubscriptions: true }) });
    await connection.ping();
    connection.disconnect();
    const abort = new AbortController();
    try {
      const watcher = watchSeatChanges({ changeBus, layouts: createEventLayoutCache({ db: services.database.db }) }, { eventId, afterSeq: 0, signal: abort.signal });
      const first = watcher.next();
      setTimeout(() => void connection.connect(), 300);
      const { value } = await first;
      expect(value).toMatchObject({ changes: [{ seatId: "seat-1", status: "held" }] });
    } finally {
      abort.abort();
      await changeBus.close();
    }
  });
});
