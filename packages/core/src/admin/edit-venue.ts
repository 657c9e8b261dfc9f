import { schema, type Database, type Queryable } from "@frontrow/db";
import { runAdjustGaCapacity, type Redis } from "@frontrow/redis";
import { and, desc, eq, exists, inArray, ne, or, sql } from "drizzle-orm";
import { byLockOrder, lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { EventUpdatePublisher, EventUpdateReason } from "../pubsub/event-update-bus";
import { blockSeats, type BlockSeatsDeps } from "./block-seats";
import { recordLayoutEdit } from "./bump-layout-version";
import { venueOfSection } from "./edit-venue-sections";
import type { AuditActor } from "./record-audit";

const { venues, seats, sections, eventSeats, eventSections, events, tickets } = schema;

/** The venue's events whose seats can still change: scheduled, on sale or paused. */
async function liveEventsOf(db: Queryable, venueId: string) {
  return db
    .select({ id: events.id, name: events.name })
    .from(events)
    .where(and(eq(events.venueId, venueId), inArray(events.status, ["scheduled", "on_sale", "paused"])));
}

/** Tells fans of the venue's live events (on every instance) that what they see changed. */
async function publishToVenueEvents(deps: { db: Database; eventUpdates: EventUpdatePublisher }, venueId: string, reason: EventUpdateReason) {
  for (const event of await liveEventsOf(deps.db, venueId)) await deps.eventUpdates.publish(event.id, reason);
}

/**
 * Removes seats from a venue's layout. Refused, naming the first conflict, when any of them is sold or blocked for
 * any event, or named by a ticket at all: a ticket keeps its seat, even voided by a cancelled order.
 */
export async function removeSeats(
  deps: LockingDeps & { eventUpdates: EventUpdatePublisher },
  input: AuditActor & { venueId: string; seatIds: string[] },
) {
  const result = await lockingTransaction(deps, async (tx, locks) => {
    await locks.update("venue", tx.select({ id: venues.id }).from(venues).where(eq(venues.id, input.venueId)));
    const found = await tx
      .select({ id: seats.id, sectionId: seats.sectionId })
      .from(seats)
      .where(and(eq(seats.venueId, input.venueId), inArray(seats.id, input.seatIds)));
    if (found.length !== new Set(input.seatIds).size) throw new DomainError("NOT_FOUND", "Some of these seats are not in this venue");
    // Sold or blocked now, or on a ticket at all (a cancelled order's void ticket still names its seat).
    const [conflict] = await locks.update(
      "seat",
      tx
        .select({
          row: seats.row,
          number: seats.number,
          section: sections.name,
          event: events.name,
          taken: sql<boolean>`${eventSeats.status} <> 'available'`,
        })
        .from(eventSeats)
        .innerJoin(seats, eq(seats.id, eventSeats.seatId))
        .innerJoin(sections, eq(sections.id, seats.sectionId))
        .innerJoin(events, eq(events.id, eventSeats.eventId))
        .where(
          and(
            inArray(eventSeats.seatId, input.seatIds),
            or(
              ne(eventSeats.status, "available"),
              exists(
                tx
                  .select({ one: sql`1` })
                  .from(tickets)
                  .where(and(eq(tickets.eventId, eventSeats.eventId), eq(tickets.seatId, eventSeats.seatId))),
              ),
            ),
          ),
        )
        .orderBy(desc(sql`${eventSeats.status} <> 'available'`))
        .limit(1),
      eventSeats,
    );
    if (conflict) {
      const seat = `Section ${conflict.section}, row ${conflict.row}, seat ${conflict.number}`;
      throw new DomainError(
        "INVALID_INPUT",
        conflict.taken
          ? `${seat} is sold or blocked for ${conflict.event} and cannot be removed`
          : `${seat} is on a cancelled ticket for ${conflict.event}: orders keep their seats, so it cannot be removed`,
      );
    }
    const perSection = new Map<string, number>();
    for (const seat of found) perSection.set(seat.sectionId, (perSection.get(seat.sectionId) ?? 0) + 1);
    await tx.delete(eventSeats).where(inArray(eventSeats.seatId, input.seatIds));
    await tx.delete(seats).where(inArray(seats.id, input.seatIds));
    for (const [sectionId, count] of [...perSection].sort(([a], [b]) => byLockOrder(a, b))) {
      await tx.update(sections).set({ capacity: sql`${sections.capacity} - ${count}` }).where(eq(sections.id, sectionId));
      await tx
        .update(eventSections)
        .set({ capacity: sql`${eventSections.capacity} - ${count}` })
        .where(eq(eventSections.sectionId, sectionId));
    }
    await recordLayoutEdit(tx, input, input.venueId, {
      action: "venue.remove_seats",
      details: { seats: found.length },
    });
    return { removed: found.length };
  });
  await publishToVenueEvents(deps, input.venueId, "inventory");
  return result;
}

/** Changes a standing area's capacity; refused when an event has already sold (or blocked) more than that. */
export async function resizeGeneralAdmission(
  deps: LockingDeps & { redis: Redis; eventUpdates: EventUpdatePublisher },
  input: AuditActor & { sectionId: string; capacity: number },
) {
  const result = await lockingTransaction(deps, async (tx, locks) => {
    await locks.update("venue", tx.select({ id: venues.id }).from(venues).where(eq(venues.id, venueOfSection(input.sectionId))));
    const [section] = await locks.update("section", tx.select().from(sections).where(eq(sections.id, input.sectionId)));
    if (!section) throw new DomainError("NOT_FOUND", "This section does not exist");
    if (section.kind !== "general_admission") {
      throw new DomainError("INVALID_INPUT", "A reserved section's size is its seats: add or remove seats instead");
    }
    const [tooMany] = await tx
      .select({ event: events.name, taken: sql<number>`(${eventSections.soldCount} + ${eventSections.blockedCount})::int` })
      .from(eventSections)
      .innerJoin(events, eq(events.id, eventSections.eventId))
      .where(and(eq(eventSections.sectionId, section.id), sql`${eventSections.soldCount} + ${eventSections.blockedCount} > ${input.capacity}`))
      .limit(1);
    if (tooMany) {
      throw new DomainError(
        "INVALID_INPUT",
        `${tooMany.taken} places in ${section.name} are already sold for ${tooMany.event}: the capacity cannot go below that`,
      );
    }
    await tx.update(sections).set({ capacity: input.capacity }).where(eq(sections.id, section.id));
    await tx.update(eventSections).set({ capacity: input.capacity }).where(eq(eventSections.sectionId, section.id));
    await recordLayoutEdit(tx, input, section.venueId, {
      action: "venue.resize_section",
      details: { section: section.name, from: section.capacity, to: input.capacity },
    });
    const sectionEvents = await tx
      .select({ eventId: eventSections.eventId })
      .from(eventSections)
      .where(eq(eventSections.sectionId, section.id));
    return {
      sectionId: section.id,
      capacity: input.capacity,
      delta: input.capacity - section.capacity,
      venueId: section.venueId,
      eventIds: sectionEvents.map((row) => row.eventId),
    };
  });
  // After the commit: holds check Redis's count of free places, which must follow the new capacity at once.
  if (result.delta !== 0) {
    for (const eventId of result.eventIds) {
      await runAdjustGaCapacity(deps.redis, { eventId, sectionId: result.sectionId, delta: result.delta });
    }
  }
  await publishToVenueEvents(deps, result.venueId, "inventory");
  return { sectionId: result.sectionId, capacity: result.capacity };
}

/**
 * Marks seats accessible, companion, restricted view or blocked (or clears the marks). Blocked seats start blocked
 * in every event created on the venue afterwards, and setting or clearing it applies to the venue's scheduled,
 * on-sale and paused events now, through blockSeats: seats held or sold there stay as they are and are reported.
 */
export async function setSeatAttributes(
  deps: BlockSeatsDeps,
  input: AuditActor & {
    venueId: string;
    seatIds: string[];
    accessible?: boolean;
    companion?: boolean;
    restrictedView?: boolean;
    blocked?: boolean;
  },
) {
  const { actorId, requestId, venueId, seatIds, ...attributes } = input;
  const { updated, liveEvents } = await lockingTransaction(deps, async (tx, locks) => {
    await locks.update("venue", tx.select({ id: venues.id }).from(venues).where(eq(venues.id, venueId)));
    const updated = await tx
      .update(seats)
      .set(attributes)
      .where(and(eq(seats.venueId, venueId), inArray(seats.id, seatIds)))
      .returning({ id: seats.id });
    await recordLayoutEdit(tx, { actorId, requestId }, venueId, {
      action: "venue.seat_attributes",
      details: { seats: updated.length, ...attributes },
    });
    return { updated: updated.map((seat) => seat.id), liveEvents: await liveEventsOf(tx, venueId) };
  });
  const perEvent: Array<{ eventId: string; name: string; changed: number; refusedSeatIds: string[] }> = [];
  for (const event of liveEvents) {
    let published = false;
    if (attributes.blocked !== undefined && updated.length > 0) {
      const result = await blockSeats(deps, { eventId: event.id, seatIds: updated, blocked: attributes.blocked, actorId, requestId, via: "venue" });
      perEvent.push({ eventId: event.id, name: event.name, ...result });
      published = result.changed > 0;
    }
    if (!published) await deps.eventUpdates.publish(event.id, "inventory");
  }
  return { updated: updated.length, events: perEvent };
}
