import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";
import { users } from "./auth";
import { events, priceTiers } from "./events";
import { seats, sections } from "./venues";

export const orderStatus = pgEnum("order_status", ["confirmed", "cancelled"]);

/*
 * The sales tables (orders, tickets, payments, with event_seats and event_sections) are keyed by event first: their
 * primary keys, their unique keys and the references between them all start with event_id, so each can be
 * partitioned by event natively, or sharded on event_id by a distributed Postgres (docs/scaling.md).
 */

export const orders = pgTable(
  "orders",
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuidReference(() => users.id, "restrict").notNull(),
    eventId: uuidReference(() => events.id, "restrict").notNull(),
    status: orderStatus().notNull().default("confirmed"),
    /** The Redis hold this order was bought from. */
    holdId: text().notNull(),
    subtotalCents: integer().notNull(),
    feesCents: integer().notNull(),
    totalCents: integer().notNull(),
    currency: text().notNull(),
    createdAt: timestamptzNow(),
    cancelledAt: timestamptz(),
    /** What the cancellation refunded: the total, or the ticket prices alone under a no-fee-refund policy. */
    refundedCents: integer(),
  },
  (t) => [
    primaryKey({ name: "orders_pkey", columns: [t.eventId, t.id] }),
    // Orders are looked up by id alone (a fan's order page, the outbox): unique in practice (random), indexed here.
    index("orders_id_idx").on(t.id),
    index("orders_user_id_created_at_idx").on(t.userId, t.createdAt),
    uniqueIndex("orders_event_id_hold_id_key").on(t.eventId, t.holdId),
    check("orders_total_is_sum", sql`${t.totalCents} = ${t.subtotalCents} + ${t.feesCents}`),
  ],
);

export const ticketStatus = pgEnum("ticket_status", ["valid", "void"]);

export const tickets = pgTable(
  "tickets",
  {
    id: uuid().notNull().defaultRandom(),
    orderId: uuid().notNull(),
    eventId: uuidReference(() => events.id, "restrict").notNull(),
    sectionId: uuidReference(() => sections.id, "restrict").notNull(),
    /** Null for general admission. */
    seatId: uuidReference(() => seats.id, "restrict"),
    tierId: uuidReference(() => priceTiers.id, "restrict").notNull(),
    priceCents: integer().notNull(),
    /** Short human-readable code printed on the ticket. */
    code: text().notNull(),
    /** Ed25519 signature over ticket id, event and seat, for offline scanning. */
    signature: text().notNull(),
    status: ticketStatus().notNull().default("valid"),
    /**
     * Who holds the ticket: the buyer, or the fan it was transferred to. The per-fan limit counts valid tickets by
     * holder. (A transfer voids the sender's ticket and issues the recipient a new one, in the same order.)
     */
    holderId: uuidReference(() => users.id, "restrict").notNull(),
    /** The accepted transfer that issued this ticket; null for a ticket issued by the sale. */
    issuedByTransferId: uuid(),
    /** When a door scanner let the ticket in: set once, by the first scan (tickets.admit). */
    admittedAt: timestamptz(),
    /** The scanner's account that let it in. */
    admittedBy: uuidReference(() => users.id, "set null"),
    createdAt: timestamptzNow(),
  },
  (t) => [
    primaryKey({ name: "tickets_pkey", columns: [t.eventId, t.id] }),
    index("tickets_event_id_holder_id_valid_idx")
      .on(t.eventId, t.holderId)
      .where(sql`${t.status} = 'valid'`),
    foreignKey({ name: "tickets_order_fk", columns: [t.eventId, t.orderId], foreignColumns: [orders.eventId, orders.id] }).onDelete(
      "cascade",
    ),
    index("tickets_order_id_idx").on(t.orderId),
    uniqueIndex("tickets_event_id_code_key").on(t.eventId, t.code),
    // A seat has at most one valid ticket per event: the database-level backstop against a double sale.
    uniqueIndex("tickets_event_id_seat_id_valid_key")
      .on(t.eventId, t.seatId)
      .where(sql`${t.status} = 'valid' and ${t.seatId} is not null`),
  ],
);

export const transferStatus = pgEnum("transfer_status", ["pending", "accepted", "declined", "cancelled", "expired"]);

/**
 * A fan sending some of their tickets of one order to another account, by email. Pending until the recipient (an
 * account with that email, now or later) accepts or declines, the sender cancels, or the event's transfer cut-off
 * passes. Accepting voids the sent tickets and issues the recipient new ones (new ids, codes and signatures).
 */
export const ticketTransfers = pgTable(
  "ticket_transfers",
  {
    id: uuidPrimaryKey(),
    eventId: uuidReference(() => events.id, "restrict").notNull(),
    /** The order the tickets belong to (a transfer never spans orders). */
    orderId: uuid().notNull(),
    fromUserId: uuidReference(() => users.id, "restrict").notNull(),
    /** Lower-cased, as accounts store it. */
    toEmail: text().notNull(),
    /** Set when the recipient accepts or declines. */
    toUserId: uuidReference(() => users.id, "restrict"),
    status: transferStatus().notNull().default("pending"),
    ticketCount: integer().notNull(),
    createdAt: timestamptzNow(),
    /** When it stopped being pending. */
    closedAt: timestamptz(),
  },
  (t) => [
    foreignKey({ name: "ticket_transfers_order_fk", columns: [t.eventId, t.orderId], foreignColumns: [orders.eventId, orders.id] }),
    index("ticket_transfers_to_email_idx").on(t.toEmail, t.createdAt),
    index("ticket_transfers_from_user_id_idx").on(t.fromUserId, t.createdAt),
    index("ticket_transfers_order_id_idx").on(t.orderId),
    check("ticket_transfers_ticket_count_positive", sql`${t.ticketCount} > 0`),
  ],
);

/** The tickets of a transfer: the one sent and, once accepted, the one issued in its place. */
export const ticketTransferTickets = pgTable(
  "ticket_transfer_tickets",
  {
    transferId: uuidReference(() => ticketTransfers.id, "cascade").notNull(),
    eventId: uuid().notNull(),
    ticketId: uuid().notNull(),
    newTicketId: uuid(),
  },
  (t) => [
    primaryKey({ name: "ticket_transfer_tickets_pkey", columns: [t.transferId, t.ticketId] }),
    foreignKey({ name: "ticket_transfer_tickets_ticket_fk", columns: [t.eventId, t.ticketId], foreignColumns: [tickets.eventId, tickets.id] }),
    index("ticket_transfer_tickets_ticket_id_idx").on(t.eventId, t.ticketId),
  ],
);

export const paymentStatus = pgEnum("payment_status", ["authorized", "captured", "voided", "refunded"]);

export const payments = pgTable(
  "payments",
  {
    id: uuid().notNull().defaultRandom(),
    userId: uuidReference(() => users.id, "restrict").notNull(),
    eventId: uuidReference(() => events.id, "restrict").notNull(),
    orderId: uuid(),
    provider: text().notNull(),
    /** The provider's id for the authorization. */
    providerRef: text().notNull(),
    amountCents: integer().notNull(),
    currency: text().notNull(),
    status: paymentStatus().notNull(),
    cardLast4: text().notNull(),
    createdAt: timestamptzNow(),
    updatedAt: timestamptzNow(),
  },
  (t) => [
    primaryKey({ name: "payments_pkey", columns: [t.eventId, t.id] }),
    // Orders are never deleted (a cancelled order keeps its row), so a payment always keeps its order.
    foreignKey({ name: "payments_order_fk", columns: [t.eventId, t.orderId], foreignColumns: [orders.eventId, orders.id] }),
    index("payments_order_id_idx").on(t.orderId),
    uniqueIndex("payments_provider_provider_ref_key").on(t.provider, t.providerRef),
  ],
);

export const idempotencyStatus = pgEnum("idempotency_status", ["in_progress", "completed"]);

/** One row per (fan, key): a retried checkout finds it and returns the same order. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuidReference(() => users.id, "cascade").notNull(),
    key: text().notNull(),
    /** Hash of the request body, so a reused key with a different request is refused. */
    requestHash: text().notNull(),
    status: idempotencyStatus().notNull().default("in_progress"),
    /** Set with the order: the key is claimed before anything else, by fan, not by event. */
    eventId: uuid(),
    orderId: uuid(),
    createdAt: timestamptzNow(),
    /**
     * The server process running the claim (the application_name of its connections): a retry can tell that
     * process died even when its lease never reached Redis.
     */
    owner: text(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.userId, t.key] }),
    foreignKey({
      name: "idempotency_keys_order_fk",
      columns: [t.eventId, t.orderId],
      foreignColumns: [orders.eventId, orders.id],
    }).onDelete("set null"),
    index("idempotency_keys_created_at_idx").on(t.createdAt),
  ],
);

/** Transactional outbox: written in the same transaction as the change it announces, delivered by a worker. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    topic: text().notNull(),
    payload: jsonb().notNull(),
    /** The request that wrote the row, so the worker's log lines join the request's. */
    requestId: text(),
    attempts: integer().notNull().default(0),
    availableAt: timestamptzNow(),
    deliveredAt: timestamptz(),
    lastError: text(),
    createdAt: timestamptzNow(),
  },
  (t) => [
    index("outbox_pending_available_at_idx")
      .on(t.availableAt)
      .where(sql`${t.deliveredAt} is null`),
  ],
);

export const resaleStatus = pgEnum("resale_status", ["listed", "withdrawn", "sold", "cancelled"]);
export const resaleRefundStatus = pgEnum("resale_refund_status", ["due", "refunded"]);

/**
 * A fan's ticket offered to other fans at face value: its seat is back on sale (the waiting list first) at the price
 * the seller paid. The sale that buys it voids the seller's ticket, issues the buyer's, and marks the listing sold with
 * the seller's refund due, in one transaction; the refund is paid once the buyer's payment is captured.
 */
export const resaleListings = pgTable(
  "resale_listings",
  {
    id: uuidPrimaryKey(),
    eventId: uuidReference(() => events.id, "restrict").notNull(),
    /** The seller's order and ticket. */
    orderId: uuid().notNull(),
    ticketId: uuid().notNull(),
    seatId: uuidReference(() => seats.id, "restrict").notNull(),
    sellerId: uuidReference(() => users.id, "restrict").notNull(),
    /** What the buyer pays for the ticket: what the seller paid for it, never more. */
    priceCents: integer().notNull(),
    /** What the seller gets back once sold: the price, and the ticket's booking fee if the organizer refunds fees. */
    refundCents: integer().notNull(),
    status: resaleStatus().notNull().default("listed"),
    buyerOrderId: uuid(),
    /** The ticket the sale issued to the buyer. */
    newTicketId: uuid(),
    refundStatus: resaleRefundStatus(),
    createdAt: timestamptzNow(),
    closedAt: timestamptz(),
    refundedAt: timestamptz(),
  },
  (t) => [
    foreignKey({ name: "resale_listings_ticket_fk", columns: [t.eventId, t.ticketId], foreignColumns: [tickets.eventId, tickets.id] }),
    foreignKey({ name: "resale_listings_order_fk", columns: [t.eventId, t.orderId], foreignColumns: [orders.eventId, orders.id] }),
    // A ticket (and so a seat) is in at most one open listing.
    uniqueIndex("resale_listings_ticket_listed_key")
      .on(t.eventId, t.ticketId)
      .where(sql`${t.status} = 'listed'`),
    uniqueIndex("resale_listings_seat_listed_key")
      .on(t.eventId, t.seatId)
      .where(sql`${t.status} = 'listed'`),
    index("resale_listings_order_id_idx").on(t.orderId),
    index("resale_listings_buyer_order_id_idx").on(t.buyerOrderId),
    check("resale_listings_refund_within_paid", sql`${t.refundCents} >= ${t.priceCents}`),
  ],
);
