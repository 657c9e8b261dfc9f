import { schema } from "@frontrow/db";
import { sql } from "drizzle-orm";

const { events, venues } = schema;

/** Columns shared by the catalog list and the event page; availability from Postgres inventory counters. */
export const eventSummaryFields = {
  id: events.id,
  name: events.name,
  performer: events.performer,
  category: events.category,
  imageUrl: events.imageUrl,
  startsAt: events.startsAt,
  onSaleAt: events.onSaleAt,
  salesEndAt: events.salesEndAt,
  lifecycle: events.status,
  waitingRoom: events.waitingRoomEnabled,
  currency: events.currency,
  venue: { id: venues.id, name: venues.name, city: venues.city, timezone: venues.timezone },
  capacity: sql<number>`(select coalesce(sum(es.capacity), 0)::int from event_sections es where es.event_id = events.id)`,
  available: sql<number>`(select coalesce(sum(es.capacity - es.sold_count - es.blocked_count), 0)::int from event_sections es where es.event_id = events.id)`,
  minPriceCents: sql<number | null>`(select min(pt.price_cents)::int from price_tiers pt where pt.event_id = events.id)`,
};

type SummaryRow = {
  lifecycle: "scheduled" | "on_sale" | "paused" | "ended" | "cancelled";
  startsAt: Date;
  onSaleAt: Date;
  salesEndAt: Date | null;
  available: number;
};

export { type SummaryRow };
