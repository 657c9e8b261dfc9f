import { schema, type Database } from "@frontrow/db";
import { eventLifecycleStatus } from "@frontrow/validators";
import { and, asc, eq, ilike, sql, type SQL } from "drizzle-orm";
import type { Clock } from "../clock";

type EventStatus = (typeof schema.eventStatus.enumValues)[number];

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Every event for the organizer, in any status, in start order: text search over name, performer, venue, city and
 * category (every word must appear), an optional status, and each event's capacity, sales and revenue. The status
 * is the event's one lifecycle status (a scheduled event past its on-sale time is on sale), so the filter uses it too.
 */
export async function listAdminEvents(deps: { db: Database; clock: Clock }, input: { q?: string; status?: EventStatus } = {}) {
  const { events, venues } = schema;
  const filters: SQL[] = [];
  for (const word of (input.q ?? "").toLowerCase().split(/\s+/).filter(Boolean)) {
    filters.push(ilike(events.searchText, likePattern(word)));
  }
  const rows = await deps.db
    .select({
      id: events.id,
      name: events.name,
      performer: events.performer,
      category: events.category,
      status: events.status,
      startsAt: events.startsAt,
      onSaleAt: events.onSaleAt,
      salesEndAt: events.salesEndAt,
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
  const now = deps.clock.now();
  const withStatus = rows.map((row) => ({ ...row, status: eventLifecycleStatus(row, now) }));
  return { items: input.status ? withStatus.filter((row) => row.status === input.status) : withStatus };
}
