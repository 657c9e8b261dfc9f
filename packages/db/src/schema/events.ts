import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";
import { orders } from "./orders";
import { seats, sections, venues } from "./venues";

export const eventCategory = pgEnum("event_category", [
  "concert",
  "sports",
  "theatre",
  "comedy",
  "family",
  "festival",
]);

/**
 * The organizer-controlled lifecycle. What fans see ('on_sale', 'sold_out', …) is derived from this, the
 * on-sale time and availability; see eventDisplayStatus in core.
 */
export const eventStatus = pgEnum("event_status", ["scheduled", "on_sale", "paused", "ended", "cancelled"]);

export const events = pgTable(
  "events",
  {
    id: uuidPrimaryKey(),
    venueId: uuidReference(() => venues.id, "restrict").notNull(),
    name: text().notNull(),
    performer: text().notNull(),
    category: eventCategory().notNull(),
    description: text().notNull().default(""),
    imageUrl: text(),
    startsAt: timestamptz().notNull(),
    doorsAt: timestamptz(),
    onSaleAt: timestamptz().notNull(),
    salesEndAt: timestamptz(),
    status: eventStatus().notNull().default("scheduled"),
    perFanLimit: integer().notNull().default(8),
    holdSeconds: integer().notNull().default(600),
    /** Booking fee charged per ticket, in cents. */
    feeCents: integer().notNull().default(0),
    currency: text().notNull().default("USD"),
    waitingRoomEnabled: boolean().notNull().default(false),
    preQueueOpensAt: timestamptz(),
    admitRatePerMinute: integer().notNull().default(600),
    maxActiveShoppers: integer().notNull().default(1000),
    shoppingWindowSeconds: integer().notNull().default(600),
    /** High demand: joining the waiting room needs a proof-of-work (ALTCHA) solved by the fan's browser. */
    highDemand: boolean().notNull().default(false),
    /** Seats and GA places held at once from one client address (IP), across its fans; bots share an address. */
    heldSeatsPerIp: integer().notNull().default(12),
    /** An organizer paused admission: the line keeps its order, nobody new is let in. */
    admissionPaused: boolean().notNull().default(false),
    /**
     * No hand-picked hold may leave one free seat alone between taken seats (or at a row end), unless the fan's
     * choice cannot avoid it (see hold-seats-14.lua). Best available always avoids it.
     */
    singleSeatRule: boolean().notNull().default(true),
    /**
     * Tickets may be printed: the PDF carries a static QR code that the door accepts. Off, only the rotating code on
     * the fan's ticket page gets in (a screenshot stops working within a minute) and the PDF says to use the app.
     */
    allowPrintedTickets: boolean().notNull().default(true),
    /** Refund policy: fans may cancel their own orders (until `selfCancelUntil`, or the show when unset). */
    selfCancel: boolean().notNull().default(true),
    selfCancelUntil: timestamptz(),
    /** Refund policy: a cancellation refunds the booking fees too (the ticket price is always refunded). */
    feesRefundable: boolean().notNull().default(true),
    /** Fans may send their tickets to another account (ticket transfer). */
    transfersAllowed: boolean().notNull().default(true),
    /** Transfers close this many hours before the show starts (0: until the show starts). */
    transferCutoffHours: integer().notNull().default(0),
    /** Fans may sell tickets they cannot use to other fans at face value (resale), until the show starts. */
    resaleAllowed: boolean().notNull().default(true),
    /** A resold ticket's seller is refunded its booking fee as well as its price. */
    resaleFeesRefunded: boolean().notNull().default(true),
    /** Fans may join a waiting list once the event is sold out; returned seats are offered to them in turn. */
    waitingListEnabled: boolean().notNull().default(false),
    /** How long a fan offered seats from the waiting list has to pay for them, in minutes. */
    waitingListOfferMinutes: integer().notNull().default(15),
    /** SHA-256 (hex) of the pre-queue shuffle seed, published before the pre-queue opens. */
    fairnessSeedHash: text(),
    /** The seed itself, stored from creation but revealed only once the on-sale starts. */
    fairnessSeed: text(),
    /** Lower-cased name, performer, venue name, city and category, for substring search (trigram index). */
    searchText: text().notNull().default(""),
    createdAt: timestamptzNow(),
    updatedAt: timestamptzNow(),
  },
  (t) => [
    index("events_starts_at_id_idx").on(t.startsAt, t.id),
    index("events_category_starts_at_idx").on(t.category, t.startsAt),
    index("events_venue_id_starts_at_idx").on(t.venueId, t.startsAt),
    index("events_search_text_trgm_idx").using("gin", sql`${t.searchText} gin_trgm_ops`),
    check("events_per_fan_limit_positive", sql`${t.perFanLimit} > 0`),
    check("events_hold_seconds_positive", sql`${t.holdSeconds} > 0`),
    check("events_held_seats_per_ip_positive", sql`${t.heldSeatsPerIp} > 0`),
    check("events_transfer_cutoff_hours_non_negative", sql`${t.transferCutoffHours} >= 0`),
    check("events_waiting_list_offer_minutes_positive", sql`${t.waitingListOfferMinutes} > 0`),
  ],
);

export const priceTiers = pgTable(
  "price_tiers",
  {
    id: uuidPrimaryKey(),
    eventId: uuidReference(() => events.id, "cascade").notNull(),
    name: text().notNull(),
    priceCents: integer().notNull(),
    /** Hex colour used on the seat map and legend. */
    color: text().notNull(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    index("price_tiers_event_id_idx").on(t.eventId),
    check("price_tiers_price_non_negative", sql`${t.priceCents} >= 0`),
  ],
);

/**
 * Per-event, per-section inventory. For general admission, `soldCount <= capacity` is the oversell guard.
 * For reserved sections the counters mirror event_seats, so catalog availability is a cheap read.
 */
export const eventSections = pgTable(
  "event_sections",
  {
    eventId: uuidReference(() => events.id, "cascade").notNull(),
    sectionId: uuidReference(() => sections.id, "restrict").notNull(),
    /** The section's default tier; reserved seats may override it per seat. */
    tierId: uuidReference(() => priceTiers.id, "restrict").notNull(),
    capacity: integer().notNull(),
    soldCount: integer().notNull().default(0),
    blockedCount: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "event_sections_pkey", columns: [t.eventId, t.sectionId] }),
    check("event_sections_within_capacity", sql`${t.soldCount} + ${t.blockedCount} <= ${t.capacity}`),
    check("event_sections_counts_non_negative", sql`${t.soldCount} >= 0 and ${t.blockedCount} >= 0`),
  ],
);

export const seatStatus = pgEnum("seat_status", ["available", "sold", "blocked"]);

/** Per-event seat inventory: one row per event and physical seat. A sale flips available → sold. */
export const eventSeats = pgTable(
  "event_seats",
  {
    eventId: uuidReference(() => events.id, "cascade").notNull(),
    seatId: uuidReference(() => seats.id, "restrict").notNull(),
    sectionId: uuidReference(() => sections.id, "restrict").notNull(),
    tierId: uuidReference(() => priceTiers.id, "restrict").notNull(),
    status: seatStatus().notNull().default("available"),
    orderId: uuid(),
    soldAt: timestamptz(),
  },
  (t) => [
    primaryKey({ name: "event_seats_pkey", columns: [t.eventId, t.seatId] }),
    // By event and order, as orders are keyed (orders are never deleted: a cancelled order keeps its row).
    foreignKey({ name: "event_seats_order_fk", columns: [t.eventId, t.orderId], foreignColumns: [orders.eventId, orders.id] }),
    index("event_seats_event_id_section_id_idx").on(t.eventId, t.sectionId),
    index("event_seats_order_id_idx").on(t.orderId),
    check(
      "event_seats_sold_has_order",
      sql`(${t.status} = 'sold') = (${t.orderId} is not null)`,
    ),
  ],
);
