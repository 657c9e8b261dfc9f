import { randomUUID } from "node:crypto";
import { createDb, schema } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { removeSeats } from "../admin/edit-venue";
import { removeVenueSection } from "../admin/edit-venue-sections";
import { updateAdmission } from "../admin/update-admission";
import { isDomainError } from "../errors";
import { createEventLayoutCache } from "../holds/event-layout";
import { test } from "../testing";
import { lockingTransaction, sqlStateOf } from "./row-locks";

const noUpdates = { publish: async () => {} };

describe("row locks", () => {
  test("layout edits that used to lock a venue's rows in opposite orders never deadlock", async ({
    services,
  }) => {
    const { database, redisStore } = services;
    // Postgres looks for a deadlock after a second's wait by default: sooner here, so the old orders fail fast.
    await database.sql.unsafe(`alter database "${database.name}" set deadlock_timeout = '100ms'`);
    const { db, sql, close } = createDb(database.url, { max: 8 });
    const actorId = randomUUID();
    await sql`insert into users (id, email, name, password_hash) values (${actorId}, ${`${actorId}@example.com`}, 'Organizer', 'x')`;
    const deps = { db, redis: redisStore.redis, eventUpdates: noUpdates };
    const failures: unknown[] = [];
    const settle = (work: Promise<unknown>) => work.catch((error: unknown) => void failures.push(error));
    const venueIds: string[] = [];
    try {
      for (let round = 0; round < 20; round++) {
        const venue = await createTestVenue(db, {
          sections: [
            { name: "Stalls", rows: 1, seatsPerRow: 4 },
            { name: "Circle", rows: 1, seatsPerRow: 4 },
            { name: "Floor", generalAdmission: 20 },
          ],
        });
        venueIds.push(venue.venueId);
        await createTestEvent(db, { venueId: venue.venueId });
        const [stalls, circle] = venue.sections;
        const seatsOf = (sectionId: string) =>
          venue.seats.filter((seat) => seat.sectionId === sectionId).map((seat) => seat.id);
        const [stallsSeats, circleSeats] = [seatsOf(stalls!.id), seatsOf(circle!.id)];
        await Promise.all([
          // Seats of Stalls removed (before: their rows, then the section's, then the venue's) while Stalls itself
          // is removed (before: the section's row, the venue's, then the seats').
          settle(removeSeats(deps, { actorId, venueId: venue.venueId, seatIds: stallsSeats.slice(0, 2) })),
          settle(removeVenueSection(deps, { actorId, sectionId: stalls!.id })),
          // Two removals of seats across both sections, named in opposite orders (before: sections updated so).
          settle(
            removeSeats(deps, {
              actorId,
              venueId: venue.venueId,
              seatIds: [circleSeats[0]!, stallsSeats[2]!],
            }),
          ),
          settle(
            removeSeats(deps, {
              actorId,
              venueId: venue.venueId,
              seatIds: [stallsSeats[3]!, circleSeats[1]!],
            }),
          ),
        ]);
      }
      // Every round ran: Stalls is gone from every venue (a removal of seats refused for it is NOT_FOUND, below).
      const left = await sql<{ name: string }[]>`select name from sections where venue_id in ${sql(venueIds)}`;
      expect(left.filter((section) => section.name === "Stalls")).toEqual([]);
      expect(left).toHaveLength(2 * venueIds.length);
    } finally {
      await close();
    }

    expect(failures.map(sqlStateOf).filter((state) => state === "40P01")).toEqual([]);
    // What may fail is a removal of seats that went with their section: a refusal, never a failed query.
    expect(failures.filter((error) => !isDomainError(error) || error.code !== "NOT_FOUND")).toEqual([]);
  }, 120_000);

  test("a row locked elsewhere past the lock timeout refuses the change as BUSY, and nothing of it is kept", async ({
    services,
  }) => {
    const { database, clock } = services;
    const { sql, db } = database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingRoomEnabled: true });
    const actorId = randomUUID();
    await sql`insert into users (id, email, name, password_hash) values (${actorId}, ${`${actorId}@example.com`}, 'Organizer', 'x')`;
    const deps = {
      db,
      clock,
      layouts: createEventLayoutCache({ db }),
      eventUpdates: noUpdates,
      lockTimeoutMs: 200,
    };

    const started = Date.now();
    const refused = await sql.begin(async (elsewhere) => {
      await elsewhere`select id from events where id = ${eventId} for update`;
      return updateAdmission(deps, { eventId, actorId, paused: true }).catch((error: unknown) => error);
    });
    expect(isDomainError(refused) && refused.code).toBe("BUSY");
    expect(isDomainError(refused) && refused.details.retryAfterMs).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const [event] = await sql<
      { admission_paused: boolean }[]
    >`select admission_paused from events where id = ${eventId}`;
    expect(event!.admission_paused).toBe(false);
    expect(await sql`select 1 from audit_log where subject_id = ${eventId}`).toHaveLength(0);

    // Once the row is free the same change goes through.
    await updateAdmission(deps, { eventId, actorId, paused: true });
  });

  test("a lock taken out of the documented order is a defect, refused before it is taken", async ({
    services,
  }) => {
    const { db } = services.database;
    const { venues, events } = schema;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const outOfOrder = lockingTransaction({ db }, async (tx, locks) => {
      await locks.update("event", tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)));
      await locks.update(
        "venue",
        tx.select({ id: venues.id }).from(venues).where(eq(venues.id, venue.venueId)),
      );
    });
    await expect(outOfOrder).rejects.toThrow("Row lock out of order: venue after event");
  });
});
