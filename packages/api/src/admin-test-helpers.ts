import type { TestServices } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue, type EventSpec } from "@frontrow/db/testing";
import type { EventUpdateInput } from "@frontrow/validators";
import type { TestClient } from "./testing";

type AdminEvent = Awaited<ReturnType<Awaited<ReturnType<TestClient["call"]>>["admin"]["events"]["byId"]>>;

/** What the edit form sends back for an event it loaded: everything, unchanged. */
export function formOf(event: AdminEvent): EventUpdateInput {
  return {
    eventId: event.id,
    name: event.name,
    performer: event.performer,
    category: event.category,
    description: event.description,
    imageUrl: event.imageUrl ?? undefined,
    startsAt: event.startsAt,
    doorsAt: event.doorsAt ?? undefined,
    onSaleAt: event.onSaleAt,
    perFanLimit: event.perFanLimit,
    holdSeconds: event.holdSeconds,
    feeCents: event.feeCents,
    highDemand: event.highDemand,
    heldSeatsPerIp: event.heldSeatsPerIp,
    singleSeatRule: event.singleSeatRule,
    allowPrintedTickets: event.allowPrintedTickets,
    resaleAllowed: event.resaleAllowed,
    resaleFeesRefunded: event.resaleFeesRefunded,
    waitingListEnabled: event.waitingListEnabled,
    waitingListOfferMinutes: event.waitingListOfferMinutes,
    selfCancel: event.selfCancel,
    selfCancelUntil: event.selfCancelUntil ?? undefined,
    feesRefundable: event.feesRefundable,
    transfersAllowed: event.transfersAllowed,
    transferCutoffHours: event.transferCutoffHours,
    waitingRoom: event.waitingRoom ? { ...event.waitingRoom, preQueueOpensAt: event.waitingRoom.preQueueOpensAt ?? undefined } : undefined,
    tiers: event.tiers.map(({ ticketsSold: _sold, ...tier }) => tier),
  };
}

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
