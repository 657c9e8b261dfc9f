import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { eventSearchText } from "./event-columns";
import * as schema from "./schema";

type Category = (typeof schema.eventCategory.enumValues)[number];

export interface VenueSpec {
  name?: string;
  city?: string;
  /** Reserved sections as rows × seats per row, and general-admission sections by capacity. */
  sections?: Array<
    { name: string; rows: number; seatsPerRow: number } | { name: string; generalAdmission: number }
  >;
}

/** A small venue for tests: reserved sections laid out on a grid, GA sections with a capacity. */
export async function createTestVenue(db: Database, spec: VenueSpec = {}) {
  const venueId = randomUUID();
  const sectionSpecs = spec.sections ?? [{ name: "A", rows: 2, seatsPerRow: 5 }];
  await db.insert(schema.venues).values({
    id: venueId,
    name: spec.name ?? "Test Hall",
    city: spec.city ?? "Springfield",
    width: 100,
    height: 100,
  });
  const sections = sectionSpecs.map((section, index) => ({
    id: randomUUID(),
    venueId,
    name: section.name,
    kind: "generalAdmission" in section ? ("general_admission" as const) : ("reserved" as const),
    capacity: "generalAdmission" in section ? section.generalAdmission : section.rows * section.seatsPerRow,
    sortOrder: index,
  }));
  await db.insert(schema.sections).values(sections);
  const seats = sectionSpecs.flatMap((section, s) =>
    "generalAdmission" in section
      ? []
      : Array.from({ length: section.rows * section.seatsPerRow }, (_, i) => ({
          id: randomUUID(),
          venueId,
          sectionId: sections[s]!.id,
          row: String.fromCharCode(65 + Math.floor(i / section.seatsPerRow)),
          number: (i % section.seatsPerRow) + 1,
          x: s * 20 + (i % section.seatsPerRow) * 2,
          y: Math.floor(i / section.seatsPerRow) * 2,
        })),
  );
  if (seats.length > 0) await db.insert(schema.seats).values(seats);
  return { venueId, sections, seats };
}

export interface EventSpec {
  venueId: string;
  name?: string;
  performer?: string;
  category?: Category;
  startsAt?: Date;
  onSaleAt?: Date;
  status?: (typeof schema.eventStatus.enumValues)[number];
  waitingRoomEnabled?: boolean;
  priceCents?: number;
  /**
   * The single-seat rule for hand-picked holds. Off unless a test asks for it: tests about other things hold
   * whichever seats suit them (events created by organizers have it on by default).
   */
  singleSeatRule?: boolean;
  /** The waiting list for a sold-out event (off unless asked), and the minutes an offer gives to pay. */
  waitingListEnabled?: boolean;
  waitingListOfferMinutes?: number;
}

/** An event on a venue with one price tier and inventory rows for every section and seat. */
export async function createTestEvent(db: Database, spec: EventSpec) {
  const [venue] = await db.select().from(schema.venues).where(eq(schema.venues.id, spec.venueId));
  if (!venue) throw new Error(`no venue ${spec.venueId}`);
  const eventId = randomUUID();
  const name = spec.name ?? "Test Event";
  const performer = spec.performer ?? "The Testers";
  const category = spec.category ?? "concert";
  const startsAt = spec.startsAt ?? new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await db.insert(schema.events).values({
    id: eventId,
    venueId: venue.id,
    name,
    performer,
    category,
    startsAt,
    onSaleAt: spec.onSaleAt ?? new Date(Date.now() - 3600 * 1000),
    status: spec.status ?? "on_sale",
    waitingRoomEnabled: spec.waitingRoomEnabled ?? false,
    singleSeatRule: spec.singleSeatRule ?? false,
    waitingListEnabled: spec.waitingListEnabled ?? false,
    waitingListOfferMinutes: spec.waitingListOfferMinutes ?? 15,
    searchText: eventSearchText({ name, performer, category }, venue),
  });
  const tierId = randomUUID();
  await db
    .insert(schema.priceTiers)
    .values({ id: tierId, eventId, name: "Standard", priceCents: spec.priceCents ?? 5_000, color: "#3366ff" });
  const sections = await db.select().from(schema.sections).where(eq(schema.sections.venueId, venue.id));
  if (sections.length > 0) {
    await db
      .insert(schema.eventSections)
      .values(sections.map((s) => ({ eventId, sectionId: s.id, tierId, capacity: s.capacity })));
  }
  const seats = await db.select().from(schema.seats).where(eq(schema.seats.venueId, venue.id));
  if (seats.length > 0) {
    await db
      .insert(schema.eventSeats)
      .values(seats.map((seat) => ({ eventId, seatId: seat.id, sectionId: seat.sectionId, tierId })));
  }
  return { eventId, tierId };
}

