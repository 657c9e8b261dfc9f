import { randomUUID } from "node:crypto";
import { fromZonedInputValue, toZonedInputValue } from "@frontrow/validators/plain";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../client";
import { eventSearchText, newWaitingRoomColumns } from "../event-columns";
import { sectionRow } from "../section-row";
import * as schema from "../schema";
import { demoEvents, type EventBlueprint } from "./events/demo-events";
import { demoVenues, type VenueBlueprint } from "./venues";

export interface SeedOptions {
  /** An argon2 hash of the demo password ("frontrow-demo"), computed by the caller. */
  passwordHash: string;
  now?: Date;
}

export interface SeedSummary {
  users: number;
  venues: number;
  seats: number;
  events: number;
  eventSeats: number;
  ms: number;
}

/** True when nothing has been created yet: no users and no venues. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.execute<{ empty: boolean }>(
    sql`select not exists (select 1 from users) and not exists (select 1 from venues) as empty`,
  );
  return row?.empty === true;
}

/** Rows per INSERT: well under Postgres's 65,535 parameters for our widest table. */
const BATCH = 4_000;

async function insertInBatches<T extends Record<string, unknown>>(
  tx: Transaction,
  table: Parameters<Transaction["insert"]>[0],
  rows: T[],
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(table).values(rows.slice(i, i + BATCH) as never);
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The instant when it is `hour:minute` in `timeZone` on the calendar day (in that zone) of `day`. */
function atLocalTime(day: Date, timeZone: string, hour: number, minute: number): Date {
  const calendarDay = toZonedInputValue(day, timeZone).slice(0, 10);
  const clock = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return fromZonedInputValue(`${calendarDay}T${clock}`, timeZone)!;
}

/** The show's start: `days` ahead at 19:30 in the venue's time zone. */
function showTime(now: Date, days: number, timeZone: string): Date {
  return atLocalTime(new Date(now.getTime() + days * DAY), timeZone, 19, 30);
}

/** A future on-sale opens at 10:00 venue time on the day `hours` ahead; a past one is exactly `hours` ago. */
function onSaleTime(now: Date, hours: number, timeZone: string): Date {
  if (hours <= 0) return new Date(now.getTime() + hours * HOUR);
  const date = atLocalTime(new Date(now.getTime() + hours * HOUR), timeZone, 10, 0);
  return date.getTime() > now.getTime() ? date : new Date(date.getTime() + DAY);
}

interface InsertedVenue {
  blueprint: VenueBlueprint;
  id: string;
  name: string;
  city: string;
  sections: Array<{ id: string; kind: "reserved" | "general_admission"; capacity: number; zone: string }>;
  seats: Array<{ id: string; sectionId: string; zone: string }>;
}

async function insertVenue(tx: Transaction, blueprint: VenueBlueprint): Promise<InsertedVenue> {
  const venueId = randomUUID();
  await tx.insert(schema.venues).values({
    id: venueId,
    name: blueprint.name,
    city: blueprint.city,
    country: blueprint.country,
    address: blueprint.address,
    timezone: blueprint.timezone,
    width: blueprint.width,
    height: blueprint.height,
    stage: blueprint.stage,
  });
  const sections: InsertedVenue["sections"] = [];
  const sectionRows: Array<typeof schema.sections.$inferInsert> = [];
  const seatRows: Array<typeof schema.seats.$inferInsert> = [];
  const seats: InsertedVenue["seats"] = [];
  blueprint.sections.forEach((section, sortOrder) => {
    const id = randomUUID();
    if (section.kind === "general_admission") {
      sections.push({ id, kind: section.kind, capacity: section.capacity, zone: section.zone });
      sectionRows.push(sectionRow(venueId, { ...section, id, sortOrder }));
      return;
    }
    const layout = section.layout;
    sections.push({ id, kind: "reserved", capacity: layout.seats.length, zone: section.zone });
    sectionRows.push(
      sectionRow(venueId, {
        id,
        name: section.name,
        kind: "reserved",
        capacity: layout.seats.length,
        outline: layout.outline,
        label: layout.label,
        sortOrder,
      }),
    );
    for (const seat of layout.seats) {
      const seatId = randomUUID();
      seats.push({ id: seatId, sectionId: id, zone: section.seatZone?.(seat) ?? section.zone });
      seatRows.push({
        id: seatId,
        venueId,
        sectionId: id,
        row: seat.row,
        number: seat.number,
        x: Math.round(seat.x * 100) / 100,
        y: Math.round(seat.y * 100) / 100,
        accessible: seat.accessible,
        companion: seat.companion,
        restrictedView: seat.restrictedView,
      });
    }
  });
  await tx.insert(schema.sections).values(sectionRows);
  await insertInBatches(tx, schema.seats, seatRows);
  return { blueprint, id: venueId, name: blueprint.name, city: blueprint.city, sections, seats };
}

async function insertEvent(tx: Transaction, venue: InsertedVenue, event: EventBlueprint, now: Date): Promise<number> {
  const eventId = randomUUID();
  const timeZone = venue.blueprint.timezone;
  const onSaleAt = onSaleTime(now, event.onSaleInHours, timeZone);
  const startsAt = showTime(now, event.startsInDays, timeZone);
  await tx.insert(schema.events).values({
    id: eventId,
    venueId: venue.id,
    name: event.name,
    performer: event.performer,
    category: event.category,
    description: event.description,
    startsAt,
    doorsAt: new Date(startsAt.getTime() - 90 * 60_000),
    onSaleAt,
    status: event.onSaleInHours <= 0 ? "on_sale" : "scheduled",
    perFanLimit: event.perFanLimit,
    holdSeconds: event.holdSeconds,
    feeCents: event.feeCents,
    currency: "USD",
    ...newWaitingRoomColumns(
      event.waitingRoom,
      event.waitingRoom ? new Date(onSaleAt.getTime() - event.waitingRoom.preQueueHours * HOUR) : null,
    ),
    searchText: eventSearchText(event, venue),
  });

  const tierByZone = new Map<string, string>();
  const tierRows = event.tiers.map((tier, sortOrder) => {
    const id = randomUUID();
    for (const zone of tier.zones) tierByZone.set(zone, id);
    return { id, eventId, name: tier.name, priceCents: tier.priceCents, color: tier.color, sortOrder };
  });
  await tx.insert(schema.priceTiers).values(tierRows);
  const tierFor = (zone: string) => {
    const tierId = tierByZone.get(zone);
    if (!tierId) throw new Error(`${event.name}: no price tier for zone "${zone}" of ${venue.name}`);
    return tierId;
  };

  await tx.insert(schema.eventSections).values(
    venue.sections.map((section) => ({
      eventId,
      sectionId: section.id,
      tierId: tierFor(section.zone),
      capacity: section.capacity,
    })),
  );
  await insertInBatches(
    tx,
    schema.eventSeats,
    venue.seats.map((seat) => ({ eventId, seatId: seat.id, sectionId: seat.sectionId, tierId: tierFor(seat.zone) })),
  );
  return venue.seats.length;
}

/**
 * The demo data of API.md: 20 fans, an admin and a door scanner (password "frontrow-demo"), four venues drawn like real ones
 * (a 16,000-seat arena among them) and eight events across categories and on-sale states. One transaction.
 */
export async function seedDemoData(db: Database, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const users = [
      ...Array.from({ length: 20 }, (_, i) => ({
        email: `fan${i + 1}@frontrow.test`,
        name: demoFanNames[i] ?? `Fan ${i + 1}`,
        passwordHash: options.passwordHash,
        role: "fan" as const,
      })),
      { email: "admin@frontrow.test", name: "Frontrow Admin", passwordHash: options.passwordHash, role: "admin" as const },
      { email: "door@frontrow.test", name: "Door Scanner", passwordHash: options.passwordHash, role: "scanner" as const },
    ];
    await tx.insert(schema.users).values(users);

    const venues = new Map<string, InsertedVenue>();
    for (const blueprint of demoVenues()) venues.set(blueprint.key, await insertVenue(tx, blueprint));

    let eventSeats = 0;
    for (const event of demoEvents) {
      const venue = venues.get(event.venueKey);
      if (!venue) throw new Error(`${event.name}: no demo venue "${event.venueKey}"`);
      eventSeats += await insertEvent(tx, venue, event, now);
    }
    return {
      users: users.length,
      venues: venues.size,
      seats: [...venues.values()].reduce((sum, venue) => sum + venue.seats.length, 0),
      events: demoEvents.length,
      eventSeats,
      ms: Math.round(performance.now() - started),
    };
  });
}

const demoFanNames = [
  "Ava Martinez", "Liam Chen", "Sofia Rossi", "Noah Okafor", "Mia Novak", "Ethan Brooks", "Zoe Tanaka",
  "Lucas Silva", "Amara Singh", "Owen Murphy", "Isla Fischer", "Mateo Garcia", "Hana Kim", "Leo Dubois",
  "Nia Johnson", "Felix Larsen", "Priya Patel", "Jonah Weiss", "Elena Petrova", "Sam Rivera",
];
