import type { TestServices } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue, type EventSpec } from "@frontrow/db/testing";

/** An event on a new test venue that is not on sale yet: scheduled, its on-sale a day after the test clock's now. */
export async function createScheduledEvent(services: TestServices, spec: Omit<EventSpec, "venueId" | "status" | "onSaleAt"> = {}) {
  const venue = await createTestVenue(services.database.db);
  const onSaleAt = new Date(services.clock.now().getTime() + 86_400_000);
  const { eventId } = await createTestEvent(services.database.db, { ...spec, venueId: venue.venueId, status: "scheduled", onSaleAt });
  return { venue, eventId };
}

/** 40 curved sections of 25 single-seat rows in two rings around (300, 300): 20,000 seats or more in all. */
export function arenaRingSections() {
  return Array.from({ length: 40 }, (_, i) => ({
    kind: "reserved" as const,
    name: `${101 + i}`,
    shape: "curved" as const,
    rows: 25,
    seatsPerRow: 1,
    center: { x: 300, y: 300 },
    radius: 80 + (i % 2) * 60,
    startDegrees: (i >> 1) * 18,
    endDegrees: (i >> 1) * 18 + 17,
  }));
}
