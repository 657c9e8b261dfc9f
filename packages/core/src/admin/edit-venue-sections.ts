import { schema } from "@frontrow/db";
import { keys, type Redis } from "@frontrow/redis";
import type { SectionSpec } from "@frontrow/validators";
import { and, asc, eq, gt, inArray, max, notInArray, sql } from "drizzle-orm";
import { lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { EventUpdatePublisher } from "../pubsub/event-update-bus";
import { recordLayoutEdit } from "./bump-layout-version";
import { previewVenue } from "./create-venue";
import { insertVenueSections } from "./insert-venue-sections";
import { recordAudit, type AuditActor } from "./record-audit";
import { FINISHED_EVENT_STATUSES } from "./venue-queries";

const { venues, sections, seats, events, eventSections, eventSeats, tickets } = schema;

const BATCH = 4_000;

/** Renames or moves a venue; its events' search text follows the new name and city, and their fans are told. */
export async function updateVenue(
  deps: LockingDeps & { eventUpdates: EventUpdatePublisher },
  input: AuditActor & { venueId: string; name: string; city: string; address: string; timezone: string },
) {
  const { actorId, requestId, venueId, ...details } = input;
  const updated = await lockingTransaction(deps, async (tx, locks) => {
    const [before] = await locks.update("venue", tx.select().from(venues).where(eq(venues.id, venueId)));
    if (!before) throw new DomainError("NOT_FOUND", "This venue does not exist");
    const [venue] = await tx.update(venues).set(details).where(eq(venues.id, venueId)).returning({
      id: venues.id,
      name: venues.name,
      city: venues.city,
      address: venues.address,
      timezone: venues.timezone,
    });
    if (before.name !== details.name || before.city !== details.city) {
      await tx
        .update(events)
        .set({
          searchText: sql`lower(concat_ws(' ', ${events.name}, ${events.performer}, ${details.name}::text, ${details.city}::text, ${events.category}::text))`,
        })
        .where(eq(events.venueId, venueId));
    }
    const changed = Object.fromEntries(
      (Object.keys(details) as Array<keyof typeof details>)
        .filter((field) => before[field] !== details[field])
        .map((field) => [field, { from: before[field], to: details[field] }]),
    );
    await recordAudit(tx, {
      actorId,
      action: "venue.update",
      subjectType: "venue",
      subjectId: venueId,
      details: changed,
      requestId,
    });
    const liveEvents = await tx
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.venueId, venueId), notInArray(events.status, [...FINISHED_EVENT_STATUSES])));
    return { venue: venue!, eventIds: liveEvents.map((event) => event.id) };
  });
  for (const eventId of updated.eventIds) await deps.eventUpdates.publish(eventId, "details");
  return updated.venue;
}

/**
 * Appends generated sections to a venue. Events on the venue that are not ended or cancelled sell them too, at
 * the event's first price tier; a standing area's places become holdable at once.
 */
export async function addVenueSections(
  deps: LockingDeps & { redis: Redis; eventUpdates: EventUpdatePublisher },
  input: AuditActor & { venueId: string; sections: SectionSpec[] },
) {
  const result = await lockingTransaction(deps, async (tx, locks) => {
    const [venue] = await locks.update("venue", tx.select().from(venues).where(eq(venues.id, input.venueId)));
    if (!venue) throw new DomainError("NOT_FOUND", "This venue does not exist");
    const { name, city, address, timezone, width, height, stage } = venue;
    const preview = previewVenue({
      name,
      city,
      address,
      timezone,
      width,
      height,
      stage,
      sections: input.sections,
    });
    const existing = await tx
      .select({ name: sections.name })
      .from(sections)
      .where(
        and(
          eq(sections.venueId, venue.id),
          inArray(
            sections.name,
            preview.sections.map((section) => section.name),
          ),
        ),
      )
      .limit(1);
    if (existing[0]) {
      throw new DomainError("INVALID_INPUT", `This venue already has a section named "${existing[0].name}"`, {
        field: "sections",
      });
    }
    const [{ last } = { last: null }] = await tx
      .select({ last: max(sections.sortOrder) })
      .from(sections)
      .where(eq(sections.venueId, venue.id));
    const firstSortOrder = (last ?? -1) + 1;

    const added = await insertVenueSections(tx, { venueId: venue.id, sections: preview.sections, firstSortOrder });

    const liveEvents = await tx
      .select({
        id: events.id,
        name: events.name,
        tierId: sql<
          string | null
        >`(select t.id from price_tiers t where t.event_id = events.id order by t.sort_order, t.price_cents, t.id limit 1)`,
      })
      .from(events)
      .where(and(eq(events.venueId, venue.id), notInArray(events.status, [...FINISHED_EVENT_STATUSES])))
      .orderBy(asc(events.startsAt));
    const addedIds = added.map((section) => section.id);
    for (const event of liveEvents) {
      if (!event.tierId) continue;
      await tx.insert(eventSections).values(
        added.map((section) => ({
          eventId: event.id,
          sectionId: section.id,
          tierId: event.tierId!,
          capacity: section.capacity,
        })),
      );
      await tx.execute(sql`
        insert into ${eventSeats} (event_id, seat_id, section_id, tier_id)
        select ${event.id}::uuid, s.id, s.section_id, ${event.tierId}::uuid from ${seats} s where s.section_id in ${addedIds}`);
    }
    const seatCount = added.reduce((sum, section) => sum + section.seats.length, 0);
    await recordLayoutEdit(tx, input, venue.id, {
      action: "venue.add_sections",
      details: {
        sections: added.map((section) => section.name),
        seats: seatCount,
        events: liveEvents.map((event) => event.name),
      },
    });
    const eventIds = liveEvents.filter((event) => event.tierId).map((event) => event.id);
    // Redis counts a standing area's free places once the event's inventory is loaded; a new area starts full.
    // Written before the commit, so no hold can see the section without its count (a count left by a rollback
    // names no section anyone can hold); HSETNX never overwrites a count a load already wrote from Postgres.
    for (const eventId of eventIds) {
      for (const section of added) {
        if (section.kind === "general_admission")
          await deps.redis.hsetnx(keys.eventInventory(eventId).gaAvailable, section.id, section.capacity);
      }
    }
    return { sectionIds: addedIds, seatCount, eventIds };
  });

  for (const eventId of result.eventIds) await deps.eventUpdates.publish(eventId, "inventory");
  return result;
}

/**
 * Removes a section and its seats from a venue and from every event on it. Refused, naming the event, when any
 * event sold a place in it or has a cancelled ticket for one (a ticket keeps its place, even voided), while fans hold
 * places in it, or when it is the last one.
 */
export async function removeVenueSection(
  deps: LockingDeps & { redis: Redis; eventUpdates: EventUpdatePublisher },
  input: AuditActor & { sectionId: string },
) {
  const removed = await lockingTransaction(deps, async (tx, locks) => {
    await locks.update("venue", tx.select({ id: venues.id }).from(venues).where(eq(venues.id, venueOfSection(input.sectionId))));
    const [section] = await locks.update("section", tx.select().from(sections).where(eq(sections.id, input.sectionId)));
    if (!section) throw new DomainError("NOT_FOUND", "This section does not exist");
    const [{ others } = { others: 0 }] = await tx
      .select({ others: sql<number>`count(*)::int` })
      .from(sections)
      .where(and(eq(sections.venueId, section.venueId), sql`${sections.id} <> ${section.id}`));
    if (others === 0)
      throw new DomainError(
        "INVALID_INPUT",
        `${section.name} is the venue's only section: add another one first`,
      );

    // Waits for a sale in flight in the section, then sees it.
    const [sold] = await locks.update(
      "eventSection",
      tx
        .select({ event: events.name, sold: eventSections.soldCount })
        .from(eventSections)
        .innerJoin(events, eq(events.id, eventSections.eventId))
        .where(and(eq(eventSections.sectionId, section.id), gt(eventSections.soldCount, 0)))
        .orderBy(asc(events.startsAt))
        .limit(1),
      eventSections,
    );
    if (sold) {
      throw new DomainError(
        "INVALID_INPUT",
        `${sold.sold} ${sold.sold === 1 ? "place" : "places"} in ${section.name} ${sold.sold === 1 ? "is" : "are"} sold for ${sold.event}: the section cannot be removed`,
      );
    }
    const [ticketed] = await tx
      .select({ event: events.name })
      .from(tickets)
      .innerJoin(events, eq(events.id, tickets.eventId))
      .where(eq(tickets.sectionId, section.id))
      .orderBy(asc(events.startsAt))
      .limit(1);
    if (ticketed) {
      throw new DomainError(
        "INVALID_INPUT",
        `${section.name} has cancelled tickets for ${ticketed.event}: orders keep their places, so the section cannot be removed`,
      );
    }

    const sectionSeatIds = (
      await tx.select({ id: seats.id }).from(seats).where(eq(seats.sectionId, section.id))
    ).map((seat) => seat.id);
    const selling = await tx
      .select({ id: events.id, name: events.name })
      .from(eventSections)
      .innerJoin(events, eq(events.id, eventSections.eventId))
      .where(
        and(eq(eventSections.sectionId, section.id), notInArray(events.status, [...FINISHED_EVENT_STATUSES])),
      );
    for (const event of selling) {
      if (await isHeldInRedis(deps.redis, event.id, section.id, sectionSeatIds)) {
        throw new DomainError(
          "INVALID_INPUT",
          `Fans are holding places in ${section.name} for ${event.name} right now: try again once their holds end`,
        );
      }
    }

    await tx.delete(eventSeats).where(eq(eventSeats.sectionId, section.id));
    await tx.delete(eventSections).where(eq(eventSections.sectionId, section.id));
    await tx.delete(seats).where(eq(seats.sectionId, section.id));
    await tx.delete(sections).where(eq(sections.id, section.id));
    await recordLayoutEdit(tx, input, section.venueId, {
      action: "venue.remove_section",
      details: { section: section.name, kind: section.kind, capacity: section.capacity },
    });
    return {
      sectionId: section.id,
      removedSeats: sectionSeatIds.length,
      eventIds: selling.map((event) => event.id),
    };
  });
  for (const eventId of removed.eventIds) await deps.eventUpdates.publish(eventId, "inventory");
  return removed;
}

/** Whether any seat of the section (or, for standing areas, any place) is held for the event right now. */
async function isHeldInRedis(
  redis: Redis,
  eventId: string,
  sectionId: string,
  seatIds: string[],
): Promise<boolean> {
  const { seats: seatsKey, gaHeld: gaHeldKey } = keys.eventInventory(eventId);
  if (Number(await redis.hget(gaHeldKey, sectionId)) > 0) return true;
  for (let i = 0; i < seatIds.length; i += BATCH) {
    const marks = await redis.hmget(seatsKey, ...seatIds.slice(i, i + BATCH));
    // Sold is "s", blocked "b"; anything else is a hold.
    if (marks.some((mark) => mark !== null && mark !== "s" && mark !== "b")) return true;
  }
  return false;
}

/** A section's venue, as a subquery: a change locks the venue before the section, with no read before that. */
export function venueOfSection(sectionId: string) {
  return sql`(select ${sections.venueId} from ${sections} where ${sections.id} = ${sectionId})`;
}
