import { schema, type Database } from "@frontrow/db";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { DomainError } from "../errors";
import { perDatabase } from "../prepared";
import { seatClaim, seatLabel } from "../tickets/seat-claim";
import type { TicketSigner } from "../tickets/ticket-signer";
import { selectTicketsWithPlace } from "../tickets/ticket-place";
import { refundPolicyFields, refundPolicyOf } from "./refund-policy";

const { orders, tickets, events, venues, sections, seats, payments } = schema;

const orderFields = {
  id: orders.id,
  userId: orders.userId,
  eventId: orders.eventId,
  holdId: orders.holdId,
  status: orders.status,
  subtotalCents: orders.subtotalCents,
  feesCents: orders.feesCents,
  totalCents: orders.totalCents,
  currency: orders.currency,
  createdAt: orders.createdAt,
  cancelledAt: orders.cancelledAt,
  refundedCents: orders.refundedCents,
  policy: refundPolicyFields,
  event: {
    id: events.id,
    name: events.name,
    performer: events.performer,
    startsAt: events.startsAt,
    venueName: venues.name,
    venueCity: venues.city,
    timezone: venues.timezone,
  },
};

const statements = perDatabase((db) => ({
  order: db
    .select(orderFields)
    .from(orders)
    .innerJoin(events, eq(events.id, orders.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(eq(orders.id, sql.placeholder("orderId")), eq(orders.userId, sql.placeholder("userId"))))
    .prepare("orders_get"),
  ordersOfUser: db
    .select(orderFields)
    .from(orders)
    .innerJoin(events, eq(events.id, orders.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(orders.userId, sql.placeholder("userId")))
    .orderBy(desc(orders.createdAt))
    .limit(200)
    .prepare("orders_of_user"),
  // One array parameter (`= any($1)`) instead of one parameter per order, so one statement serves any count.
  tickets: selectTicketsWithPlace(db, {
    id: tickets.id,
    orderId: tickets.orderId,
    eventId: tickets.eventId,
    code: tickets.code,
    signature: tickets.signature,
    status: tickets.status,
    admittedAt: tickets.admittedAt,
    allowPrinted: events.allowPrintedTickets,
    priceCents: tickets.priceCents,
  })
    .innerJoin(events, eq(events.id, tickets.eventId))
    // Only the tickets the fan holds or held: a ticket they transferred shows as void, the recipient's new one not.
    .where(sql`${tickets.orderId} = any(${sql.placeholder("orderIds")}) and ${tickets.holderId} = ${sql.placeholder("holderId")}`)
    .orderBy(asc(sections.name), asc(seats.row), asc(seats.number), asc(tickets.code))
    .prepare("orders_tickets"),
  payment: db
    .select({ cardLast4: payments.cardLast4, status: payments.status })
    .from(payments)
    .where(eq(payments.orderId, sql.placeholder("orderId")))
    .limit(1)
    .prepare("orders_payment"),
}));

/**
 * The tickets of some orders. `qr` is the static (printable) code, only where the event allows printed tickets;
 * `rotatingKey` (the owner's ticket page alone asks for it) lets the browser show the code that changes every 30 s.
 */
async function ticketsOf(db: Database, signer: OrderDeps["tickets"], orderIds: string[], holderId: string, withKeys: boolean) {
  if (orderIds.length === 0) return [];
  const rows = await statements(db).tickets.execute({ orderIds, holderId });
  return rows.map(({ signature, allowPrinted, ...ticket }) => {
    const claims = { ticketId: ticket.id, eventId: ticket.eventId, seat: seatClaim(ticket.section, ticket.row, ticket.number) };
    const valid = ticket.status === "valid";
    return {
      ...ticket,
      seat: seatLabel(ticket.section, ticket.row, ticket.number),
      qr: allowPrinted ? signer.qrPayload(claims, signature) : null,
      rotatingKey: withKeys && valid ? signer.rotatingKey(claims) : null,
    };
  });
}

export interface OrderDeps {
  db: Database;
  tickets: Pick<TicketSigner, "qrPayload" | "rotatingKey">;
}

/**
 * One of the fan's orders with its tickets (QR payloads and each valid ticket's rotating key included: only its
 * owner may see them; `rotatingKeys: false` leaves them out, for the PDF). Another fan's order is NOT_FOUND.
 */
export async function getOrder(deps: OrderDeps, input: { orderId: string; userId: string; rotatingKeys?: boolean }) {
  const prepared = statements(deps.db);
  // All three at once (one round trip, not two): the tickets and payment of an order that turns out not to be the
  // fan's are read and dropped (its rotating keys with them: they never leave this function).
  const [[order], orderTickets, [payment]] = await Promise.all([
    prepared.order.execute({ orderId: input.orderId, userId: input.userId }),
    ticketsOf(deps.db, deps.tickets, [input.orderId], input.userId, input.rotatingKeys ?? true),
    prepared.payment.execute({ orderId: input.orderId }),
  ]);
  if (!order) throw new DomainError("NOT_FOUND", "This order does not exist");
  const { userId: _userId, policy, ...rest } = order;
  return {
    ...rest,
    refundPolicy: refundPolicyOf({ ...policy, startsAt: order.event.startsAt }),
    payment: payment ?? null,
    tickets: orderTickets,
  };
}

export type Order = Awaited<ReturnType<typeof getOrder>>;

/** The fan's orders, newest first, with their tickets. */
export async function listOrders(deps: OrderDeps, input: { userId: string }) {
  const rows = await statements(deps.db).ordersOfUser.execute({ userId: input.userId });
  const allTickets = await ticketsOf(deps.db, deps.tickets, rows.map((row) => row.id), input.userId, false);
  return rows.map(({ userId: _userId, policy, ...order }) => ({
    ...order,
    refundPolicy: refundPolicyOf({ ...policy, startsAt: order.event.startsAt }),
    tickets: allTickets.filter((ticket) => ticket.orderId === order.id),
  }));
}
