import { schema, type Database } from "@frontrow/db";
import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { seatPlacementFields, sectionDrawingFields } from "../catalog/venue-layout-fields";
import { DomainError } from "../errors";

const { venues, sections, seats, events } = schema;

const venueDetailFields = {
  id: venues.id,
  name: venues.name,
  city: venues.city,
  address: venues.address,
  timezone: venues.timezone,
};

/** Events in these states keep their inventory as it was; every other event follows its venue's layout. */
export const FINISHED_EVENT_STATUSES = ["ended", "cancelled"] as const;

/** Every venue with the size of its layout and how many upcoming events use it, by name. */
export async function listAdminVenues(deps: { db: Database; clock: Clock }) {
  const now = deps.clock.now();
  return deps.db
    .select({
      ...venueDetailFields,
      createdAt: venues.createdAt,
      sectionCount: sql<number>`(select count(*)::int from sections s where s.venue_id = venues.id)`,
      seatCount: sql<number>`(select count(*)::int from seats s where s.venue_id = venues.id)`,
      standingCapacity: sql<number>`(select coalesce(sum(s.capacity), 0)::int from sections s where s.venue_id = venues.id and s.kind = 'general_admission')`,
      upcomingEvents: sql<number>`(select count(*)::int from events e where e.venue_id = venues.id and e.status not in ('ended', 'cancelled') and e.starts_at >= ${now.toISOString()}::timestamptz)`,
    })
    .from(venues)
    .orderBy(asc(venues.name), asc(venues.id));
}

/**
 * Everything the venue editor needs: the venue, its sections (with how many places any event sold in each),
 * every seat with its marks, in the shape the fans' seat map draws, and the events that follow its layout.
 */
export async function getAdminVenue(deps: { db: Database }, input: { venueId: string }) {
  const [venue] = await deps.db
    .select({
      ...venueDetailFields,
      width: venues.width,
      height: venues.height,
      stage: venues.stage,
      layoutVersion: venues.layoutVersion,
      createdAt: venues.createdAt,
    })
    .from(venues)
    .where(eq(venues.id, input.venueId));
  if (!venue) throw new DomainError("NOT_FOUND", "This venue does not exist");
  const [venueSections, venueSeats, venueEvents] = await Promise.all([
    deps.db
      .select({
        ...sectionDrawingFields,
        capacity: sections.capacity,
        sortOrder: sections.sortOrder,
        /** Places sold in this section, over every event. */
        sold: sql<number>`(select coalesce(sum(es.sold_count), 0)::int from event_sections es where es.section_id = sections.id)`,
      })
      .from(sections)
      .where(eq(sections.venueId, venue.id))
      .orderBy(asc(sections.sortOrder), asc(sections.name)),
    deps.db
      .select({ ...seatPlacementFields, blocked: seats.blocked })
      .from(seats)
      .where(eq(seats.venueId, venue.id)),
    deps.db
      .select({ id: events.id, name: events.name, status: events.status, startsAt: events.startsAt })
      .from(events)
      .where(and(eq(events.venueId, venue.id), notInArray(events.status, [...FINISHED_EVENT_STATUSES])))
      .orderBy(asc(events.startsAt), asc(events.id)),
  ]);
  return { venue, sections: venueSections, seats: venueSeats, events: venueEvents };
}
