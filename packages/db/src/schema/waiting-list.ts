import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";
import { users } from "./auth";
import { events, priceTiers } from "./events";
import { sections } from "./venues";

/**
 * waiting: in line; offered: seats are held for the fan (`holdId`) until `offerExpiresAt`; purchased: the offer
 * was bought; expired: the offer went unpaid (or its hold was lost) and moved on; left: the fan left the list.
 */
export const waitingListStatus = pgEnum("waiting_list_status", ["waiting", "offered", "purchased", "expired", "left"]);

/**
 * A sold-out event's waiting list. Postgres is its truth: first come, first served by `place` (an identity, so
 * arrival order is strict even within one millisecond). The holds of offers live in Redis like any other hold.
 */
export const waitingListEntries = pgTable(
  "waiting_list_entries",
  {
    id: uuidPrimaryKey(),
    place: bigint({ mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    eventId: uuidReference(() => events.id, "cascade").notNull(),
    userId: uuidReference(() => users.id, "cascade").notNull(),
    quantity: integer().notNull(),
    /** Only seats of this section (null: any). */
    sectionId: uuidReference(() => sections.id, "restrict"),
    /** Only seats of this price tier (null: any; a tier the organizer removes leaves the request open to any). */
    tierId: uuidReference(() => priceTiers.id, "set null"),
    status: waitingListStatus().notNull().default("waiting"),
    joinedAt: timestamptzNow(),
    holdId: text(),
    offeredAt: timestamptz(),
    offerExpiresAt: timestamptz(),
    updatedAt: timestamptzNow(),
  },
  (t) => [
    uniqueIndex("waiting_list_entries_one_open_per_fan")
      .on(t.eventId, t.userId)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    index("waiting_list_entries_line_idx").on(t.eventId, t.place).where(sql`${t.status} = 'waiting'`),
    index("waiting_list_entries_offers_idx").on(t.offerExpiresAt).where(sql`${t.status} = 'offered'`),
    uniqueIndex("waiting_list_entries_hold_id_key").on(t.holdId),
    check("waiting_list_entries_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
