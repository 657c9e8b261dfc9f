import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { events, priceTiers } from "./events";
import { seats, sections } from "./venues";

export const orderStatus = pgEnum("order_status", ["confirmed", "cancelled"]);

export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: "restrict" }),
    status: orderStatus().notNull().default("confirmed"),
    /** The Redis hold this order was bought from. */
    holdId: text().notNull(),
    subtotalCents: integer().notNull(),
    feesCents: integer().notNull(),
    totalCents: integer().notNull(),
    currency: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("orders_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("orders_event_id_idx").on(t.eventId),
    uniqueIndex("orders_hold_id_key").on(t.holdId),
    check("orders_total_is_sum", sql`${t.totalCents} = ${t.subtotalCents} + ${t.feesCents}`),
  ],
);

export const ticketStatus = pgEnum("ticket_status", ["valid", "void"]);

export const tickets = pgTable(
  "tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: "restrict" }),
    sectionId: uuid()
      .notNull()
      .references(() => sections.id, { onDelete: "restrict" }),
    /** Null for general admission. */
    seatId: uuid().references(() => seats.id, { onDelete: "restrict" }),
    tierId: uuid()
      .notNull()
      .references(() => priceTiers.id, { onDelete: "restrict" }),
    priceCents: integer().notNull(),
    /** Short human-readable code printed on the ticket. */
    code: text().notNull(),
    /** Ed25519 signature over ticket id, event and seat, for offline scanning. */
    signature: text().notNull(),
    status: ticketStatus().notNull().default("valid"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tickets_order_id_idx").on(t.orderId),
    uniqueIndex("tickets_code_key").on(t.code),
    // A seat has at most one valid ticket per event: the database-level backstop against a double sale.
    uniqueIndex("tickets_event_id_seat_id_valid_key")
      .on(t.eventId, t.seatId)
      .where(sql`${t.status} = 'valid' and ${t.seatId} is not null`),
  ],
);

export const paymentStatus = pgEnum("payment_status", ["authorized", "captured", "voided", "refunded"]);

export const payments = pgTable(
  "payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    provider: text().notNull(),
    /** The provider's id for the authorization. */
    providerRef: text().notNull(),
    amountCents: integer().notNull(),
    currency: text().notNull(),
    status: paymentStatus().notNull(),
    cardLast4: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_order_id_idx").on(t.orderId),
    uniqueIndex("payments_provider_provider_ref_key").on(t.provider, t.providerRef),
  ],
);

export const idempotencyStatus = pgEnum("idempotency_status", ["in_progress", "completed"]);

/** One row per (fan, key): a retried checkout finds it and returns the same order. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** Hash of the request body, so a reused key with a different request is refused. */
    requestHash: text().notNull(),
    status: idempotencyStatus().notNull().default("in_progress"),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.userId, t.key] }),
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
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("outbox_pending_available_at_idx")
      .on(t.availableAt)
      .where(sql`${t.deliveredAt} is null`),
  ],
);
