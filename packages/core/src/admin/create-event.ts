import { randomUUID } from "node:crypto";
import { eventSearchText, newWaitingRoomColumns, schema, type Database } from "@frontrow/db";
import type { EventSpec } from "@frontrow/validators";
import { eq } from "drizzle-orm";
import { DomainError } from "../errors";
import { eventSettingColumns } from "./event-settings";
import { assignEventTiers } from "./event-tier-assignment";
import { recordAudit } from "./record-audit";

const BATCH = 4_000;

/**
 * Creates an event on a venue: its price tiers, inventory for every section and seat (a section's tier, or a
 * seat range's), and for a waiting room a fairness seed whose hash is public from now on.
 */
export async function createEvent(deps: { db: Database }, input: { spec: EventSpec; actorId: string; requestId?: string }) {
  const { spec } = input;
  const { venues, sections, seats, events, priceTiers, eventSections, eventSeats } = schema;
  return deps.db.transaction(async (tx) => {
    const [venue] = await tx.select().from(venues).where(eq(venues.id, spec.venueId));
    if (!venue) throw new DomainError("NOT_FOUND", "This venue does not exist");
    const venueSections = await tx.select().from(sections).where(eq(sections.venueId, venue.id));

    const tiers = spec.tiers.map((tier, sortOrder) => ({ ...tier, id: randomUUID(), sortOrder }));
    const { sectionTier, tierOfSeat } = assignEventTiers(venueSections, tiers);

    const eventId = randomUUID();
    const waitingRoomColumns = newWaitingRoomColumns(spec.waitingRoom, spec.waitingRoom?.preQueueOpensAt ?? null);
    await tx.insert(events).values({
      id: eventId,
      venueId: venue.id,
      ...eventSettingColumns(spec),
      status: "scheduled",
      ...waitingRoomColumns,
      searchText: eventSearchText(spec, venue),
    });
    await tx.insert(priceTiers).values(
      tiers.map((tier) => ({ id: tier.id, eventId, name: tier.name, priceCents: tier.priceCents, color: tier.color, sortOrder: tier.sortOrder })),
    );
    const venueSeats = await tx
      .select({ id: seats.id, sectionId: seats.sectionId, row: seats.row, number: seats.number, blocked: seats.blocked })
      .from(seats)
      .where(eq(seats.venueId, venue.id));
    // Seats the venue never sells start blocked.
    const blockedPerSection = new Map<string, number>();
    for (const seat of venueSeats) {
      if (seat.blocked) blockedPerSection.set(seat.sectionId, (blockedPerSection.get(seat.sectionId) ?? 0) + 1);
    }
    await tx.insert(eventSections).values(
      venueSections.map((section) => ({
        eventId,
        sectionId: section.id,
        tierId: sectionTier.get(section.id)!,
        capacity: section.capacity,
        blockedCount: blockedPerSection.get(section.id) ?? 0,
      })),
    );
    const rows = venueSeats.map((seat) => ({
      eventId,
      seatId: seat.id,
      sectionId: seat.sectionId,
      tierId: tierOfSeat(seat),
      status: seat.blocked ? ("blocked" as const) : ("available" as const),
    }));
    for (let i = 0; i < rows.length; i += BATCH) await tx.insert(eventSeats).values(rows.slice(i, i + BATCH));

    await recordAudit(tx, {
      actorId: input.actorId,
      action: "event.create",
      subjectType: "event",
      subjectId: eventId,
      details: { name: spec.name, venue: venue.name, tiers: tiers.length, blockedSeats: venueSeats.filter((seat) => seat.blocked).length },
      requestId: input.requestId,
    });
    return { eventId, seats: rows.length, fairnessSeedHash: waitingRoomColumns.fairnessSeedHash };
  });
}
