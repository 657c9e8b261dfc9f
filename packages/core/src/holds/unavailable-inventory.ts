import { schema, type Database } from "@frontrow/db";
import { and, eq, ne, sql } from "drizzle-orm";

/**
 * Postgres's view of what of an event is not for sale: its reserved seats sold or blocked, and each standing area's
 * places left once sold and blocked ones are taken off (holds live in Redis only). The two reads run together.
 * A seat listed for resale is for sale again, though its seller's ticket stands until a buyer's sale: not listed.
 */
export function readUnavailableInventory(db: Database, eventId: string) {
  const { eventSeats, eventSections, sections, resaleListings } = schema;
  return Promise.all([
    db
      .select({ seatId: eventSeats.seatId, status: sql<"sold" | "blocked">`${eventSeats.status}` })
      .from(eventSeats)
      .where(
        and(
          eq(eventSeats.eventId, eventId),
          ne(eventSeats.status, "available"),
          sql`not exists (select 1 from ${resaleListings} where ${resaleListings.eventId} = ${eventSeats.eventId}
            and ${resaleListings.seatId} = ${eventSeats.seatId} and ${resaleListings.status} = 'listed')`,
        ),
      ),
    db
      .select({
        sectionId: eventSections.sectionId,
        available: sql<number>`(${eventSections.capacity} - ${eventSections.soldCount} - ${eventSections.blockedCount})::int`,
      })
      .from(eventSections)
      .innerJoin(sections, eq(sections.id, eventSections.sectionId))
      .where(and(eq(eventSections.eventId, eventId), eq(sections.kind, "general_admission"))),
  ]);
}

/** The seats of an event listed for resale now (for sale again, at face value). */
export function readResaleSeats(db: Database, eventId: string) {
  const { resaleListings } = schema;
  return db
    .select({ seatId: resaleListings.seatId })
    .from(resaleListings)
    .where(and(eq(resaleListings.eventId, eventId), eq(resaleListings.status, "listed")));
}
