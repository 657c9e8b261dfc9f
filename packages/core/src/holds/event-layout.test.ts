import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import { test } from "../testing";
import { createEventLayoutCache } from "./event-layout";

describe("event layout cache", () => {
  test("keeps answering with the layout in hand while Postgres is away", async ({ services }) => {
    const venue = await createTestVenue(services.database.db, {
      sections: [{ name: "A", rows: 1, seatsPerRow: 4 }],
    });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    for (const options of [{ rulesTtlMs: 0 }, { layoutTtlMs: 0, rulesTtlMs: 0 }]) {
      const connection = createDb(services.database.url, { max: 1 });
      const layouts = createEventLayoutCache({ db: connection.db }, options);
      const before = await layouts.get(eventId);
      expect(before.seatById.size).toBe(4);
      // Every query of this cache now fails, as during a database restart.
      await connection.close();
      const during = await layouts.get(eventId);
      expect(during.event.id).toBe(eventId);
      expect(during.seatById.size).toBe(4);
    }
    // An event it never read is still an error: there is nothing to stand in for it.
    const closed = createDb(services.database.url, { max: 1 });
    await closed.close();
    await expect(createEventLayoutCache({ db: closed.db }).get(eventId)).rejects.toThrow();
  });
});
