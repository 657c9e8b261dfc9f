import { schema, type Database } from "@frontrow/db";
import { eventLifecycleStatus } from "@frontrow/validators";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { listEventTiers } from "../catalog/list-event-tiers";
import { DomainError } from "../errors";
import { seatRangesOf } from "./event-tier-assignment";

/**
 * An event as its organizer edits it: every setting, and its price tiers with the sections and seat ranges they
 * price (the form's own shape, so saving it back changes nothing) and how many tickets each has sold.
 */
export async function getAdminEvent(deps: { db: Database; clock: Clock }, input: { eventId: string }) {
  const { events, venues, eventSections, eventSeats, seats, tickets } = schema;
  const [event] = await deps.db
    .select({ event: events, venue: { id: venues.id, name: venues.name, city: venues.city, timezone: venues.timezone } })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, input.eventId));
  if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");

  const [tiers, sectionDefaults, overrides, sold] = await Promise.all([
    listEventTiers(deps.db, input.eventId),
    deps.db
      .select({ sectionId: eventSections.sectionId, tierId: eventSections.tierId })
      .from(eventSections)
      .where(eq(eventSections.eventId, input.eventId)),
    deps.db
      .select({ tierId: eventSeats.tierId, sectionId: eventSeats.sectionId, row: seats.row, number: seats.number })
      .from(eventSeats)
      .innerJoin(seats, eq(seats.id, eventSeats.seatId))
      .innerJoin(eventSections, and(eq(eventSections.eventId, eventSeats.eventId), eq(eventSections.sectionId, eventSeats.sectionId)))
      .where(and(eq(eventSeats.eventId, input.eventId), ne(eventSeats.tierId, eventSections.tierId))),
    deps.db
      .select({ tierId: tickets.tierId, count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.eventId, input.eventId), eq(tickets.status, "valid")))
      .groupBy(tickets.tierId),
  ]);
  const rangesByTier = seatRangesOf(overrides);
  const soldByTier = new Map(sold.map((row) => [row.tierId, row.count]));
  const e = event.event;
  return {
    id: e.id,
    status: eventLifecycleStatus(e, deps.clock.now()),
    salesEndAt: e.salesEndAt,
    venue: event.venue,
    name: e.name,
    performer: e.performer,
    category: e.category,
    description: e.description,
    imageUrl: e.imageUrl,
    startsAt: e.startsAt,
    doorsAt: e.doorsAt,
    onSaleAt: e.onSaleAt,
    perFanLimit: e.perFanLimit,
    holdSeconds: e.holdSeconds,
    feeCents: e.feeCents,
    highDemand: e.highDemand,
    heldSeatsPerIp: e.heldSeatsPerIp,
    singleSeatRule: e.singleSeatRule,
    allowPrintedTickets: e.allowPrintedTickets,
    selfCancel: e.selfCancel,
    selfCancelUntil: e.selfCancelUntil,
    feesRefundable: e.feesRefundable,
    transfersAllowed: e.transfersAllowed,
    transferCutoffHours: e.transferCutoffHours,
    resaleAllowed: e.resaleAllowed,
    resaleFeesRefunded: e.resaleFeesRefunded,
    waitingListEnabled: e.waitingListEnabled,
    waitingListOfferMinutes: e.waitingListOfferMinutes,
    waitingRoom: e.waitingRoomEnabled
      ? {
          preQueueOpensAt: e.preQueueOpensAt,
          admitRatePerMinute: e.admitRatePerMinute,
          maxActiveShoppers: e.maxActiveShoppers,
          shoppingWindowSeconds: e.shoppingWindowSeconds,
        }
      : null,
    fairnessSeedHash: e.fairnessSeedHash,
    tiers: tiers.map((tier) => ({
      ...tier,
      sectionIds: sectionDefaults.filter((section) => section.tierId === tier.id).map((section) => section.sectionId),
      seatRanges: rangesByTier.get(tier.id) ?? [],
      ticketsSold: soldByTier.get(tier.id) ?? 0,
    })),
    ticketsSold: sold.reduce((sum, row) => sum + row.count, 0),
  };
}
