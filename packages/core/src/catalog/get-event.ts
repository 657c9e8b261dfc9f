import { schema, type Database } from "@frontrow/db";
import { asc, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { perDatabase } from "../prepared";
import { eventSummaryFields } from "./event-summary-fields";
import { refundPolicyFields, refundPolicyOf } from "../orders/refund-policy";
import { listEventTiers } from "./list-event-tiers";
import { toEventSummary } from "./to-event-summary";

const { events, venues, priceTiers, eventSections, sections } = schema;

const byEventId = sql.placeholder("eventId");

const statements = perDatabase((db) => ({
  event: db
    .select({
      ...eventSummaryFields,
      venue: {
        id: venues.id,
        name: venues.name,
        city: venues.city,
        address: venues.address,
        timezone: venues.timezone,
      },
      description: events.description,
      doorsAt: events.doorsAt,
      perFanLimit: events.perFanLimit,
      holdSeconds: events.holdSeconds,
      feeCents: events.feeCents,
      preQueueOpensAt: events.preQueueOpensAt,
      admitRatePerMinute: events.admitRatePerMinute,
      maxActiveShoppers: events.maxActiveShoppers,
      shoppingWindowSeconds: events.shoppingWindowSeconds,
      ...refundPolicyFields,
      waitingListEnabled: events.waitingListEnabled,
      waitingListOfferMinutes: events.waitingListOfferMinutes,
    })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, byEventId))
    .prepare("catalog_event"),
  sections: db
    .select({
      id: sections.id,
      name: sections.name,
      kind: sections.kind,
      capacity: eventSections.capacity,
      available: sql<number>`(${eventSections.capacity} - ${eventSections.soldCount} - ${eventSections.blockedCount})::int`,
      tierId: eventSections.tierId,
      priceCents: priceTiers.priceCents,
    })
    .from(eventSections)
    .innerJoin(sections, eq(sections.id, eventSections.sectionId))
    .innerJoin(priceTiers, eq(priceTiers.id, eventSections.tierId))
    .where(eq(eventSections.eventId, byEventId))
    .orderBy(asc(sections.sortOrder), asc(sections.name))
    .prepare("catalog_event_sections"),
}));

/** The event page: the summary plus venue details, price tiers and per-section availability. */
export async function getEvent(deps: { db: Database; clock: Clock }, input: { eventId: string }) {
  const prepared = statements(deps.db);
  const [row] = await prepared.event.execute({ eventId: input.eventId });
  if (!row) throw new DomainError("NOT_FOUND", "This event does not exist");

  const [tiers, sectionRows] = await Promise.all([
    listEventTiers(deps.db, input.eventId),
    prepared.sections.execute({ eventId: input.eventId }),
  ]);

  const {
    preQueueOpensAt,
    admitRatePerMinute,
    maxActiveShoppers,
    shoppingWindowSeconds,
    selfCancel,
    selfCancelUntil,
    feesRefundable,
    waitingListEnabled,
    waitingListOfferMinutes,
    ...event
  } = toEventSummary(row, deps.clock.now());
  return {
    ...event,
    waitingList: waitingListEnabled ? { offerMinutes: waitingListOfferMinutes } : null,
    refundPolicy: refundPolicyOf({ selfCancel, selfCancelUntil, feesRefundable, startsAt: event.startsAt }),
    waitingRoomSettings: event.waitingRoom
      ? { preQueueOpensAt, admitRatePerMinute, maxActiveShoppers, shoppingWindowSeconds }
      : null,
    priceTiers: tiers,
    sections: sectionRows,
  };
}
