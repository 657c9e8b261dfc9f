import { schema, type Database } from "@frontrow/db";
import { and, asc, eq, ilike, sql, type SQL } from "drizzle-orm";

type EventStatus = (typeof schema.eventStatus.enumValues)[number];

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every event for the organizer, in any status, in start order: text search over name, performer, venue, city and
 * category (every word must appear), an optional status, and each event's capacity, sales and revenue.
 */
export async function listAdminEvents(deps: { db: Database }, input: { q?: string; status?: EventStatus } = {}) {
  const { events, venues } = schema;
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(events.status, input.status));
  for (const word of (input.q ?? "").toLowerCase().split(/\s+/).filter(Boolean)) {
    filters.push(ilike(events.searchText, likePattern(word)));
  }
  const items = await deps.db
    .select({
      id: events.id,
      name: events.name,
      performer: events.performer,
      category: events.category,
      status: events.status,
      startsAt: events.startsAt,
      onSaleAt: events.onSaleAt,
      venue: { id: venues.id, name: venues.name, city: venues.city, timezone: venues.timezone },
      waitingRoom: events.waitingRoomEnabled,
      capacity: sql<number>`(select coalesce(sum(es.capacity), 0)::int from event_sections es where es.event_id = ${events.id})`,
      sold: sql<number>`(select coalesce(sum(es.sold_count), 0)::int from event_sections es where es.event_id = ${events.id})`,
      revenueCents: sql<number>`(select coalesce(sum(t.price_cents), 0)::int from tickets t where t.event_id = ${events.id} and t.status = 'valid')`,
    })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(...filters))
    .orderBy(asc(events.startsAt), asc(events.id));
  return { items };
}
