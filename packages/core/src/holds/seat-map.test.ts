import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import { test } from "../testing";
import { createEventLayoutCache } from "./event-layout";
import { createSeatSnapshotCache, getSeatMap } from "./seat-map";

describe("getSeatMap", () => {
  test("a burst of fans opening one map costs one read of each kind, not one per fan", async ({ services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 10, seatsPerRow: 20 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const queries: string[] = [];
    const counted = createDb(services.database.url, { onQuery: (query) => queries.push(query) });
    try {
      const deps = {
        db: counted.db,
        redis: services.redisStore.redis,
        clock: services.clock,
        layouts: createEventLayoutCache({ db: counted.db }),
        snapshots: createSeatSnapshotCache({ maxAgeMs: 60_000 }),
      };
      const maps = await Promise.all(
        Array.from({ length: 500 }, (_, i) => getSeatMap(deps, { eventId, userId: i % 2 ? null : "someone" })),
      );
      expect(maps.every((map) => map.seats.length === 200 && map.seq === maps[0]!.seq)).toBe(true);
      const seatStatusReads = queries.filter((query) => /from "event_seats"/.test(query) && /<>/.test(query));
      const layoutReads = queries.filter((query) => /from "event_seats" inner join "seats"/.test(query));
      // One read to load Redis from Postgres, one for the snapshot; one layout read.
      expect(seatStatusReads.length).toBeLessThanOrEqual(2);
      expect(layoutReads).toHaveLength(1);
      // Everything else is a handful of one-off reads and connection set-up, nowhere near one per fan.
      expect(queries.length).toBeLessThan(25);
    } finally {
      await counted.close();
    }
  });
});
