import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import { describe, expect } from "vitest";
import { test } from "../testing";
import { ensureInventoryLoaded } from "./ensure-inventory-loaded";

describe("ensureInventoryLoaded", () => {
  test("requests that arrive together after Redis lost an event share one read of Postgres", async ({ services }) => {
    const { database, redisStore, clock } = services;
    const venue = await createTestVenue(database.db, { sections: [{ name: "A", rows: 2, seatsPerRow: 5 }] });
    const { eventId } = await createTestEvent(database.db, { venueId: venue.venueId });
    await database.sql`update event_seats set status = 'blocked' where seat_id = ${venue.seats[0]!.id}`;
    const queries: string[] = [];
    const counted = createDb(database.url, { max: 4, onQuery: (query) => queries.push(query) });
    try {
      const deps = { db: counted.db, redis: redisStore.redis, clock };
      await Promise.all(Array.from({ length: 30 }, () => ensureInventoryLoaded(deps, eventId)));
      const { seats: seatsKey, loaded: loadedKey } = keys.eventInventory(eventId);
      expect(await redisStore.redis.get(loadedKey)).toBe("1");
      expect(await redisStore.redis.hgetall(seatsKey)).toEqual({ [venue.seats[0]!.id]: "b" });
      expect(queries.filter((query) => query.includes('"event_seats"'))).toHaveLength(1);

      // Once that load is over, Redis losing the event again means a new read.
      await redisStore.flush();
      await ensureInventoryLoaded(deps, eventId);
      expect(queries.filter((query) => query.includes('"event_seats"'))).toHaveLength(2);
    } finally {
      await counted.close();
    }
  });
});
