import { schema, type Database } from "@frontrow/db";
import { runWithdrawResale, type Redis } from "@frontrow/redis";
import { eventLifecycleStatus, type EventLifecycle } from "@frontrow/validators";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import { runWithInventory } from "../holds/ensure-inventory-loaded";
import type { PaymentProvider } from "../payments/payment-provider";
import { seatLabel } from "../tickets/seat-claim";
import { assertTicketsUncommitted } from "../tickets/ticket-commitments";
import { lifecycleColumns, offerReturnedSeats } from "../waiting-list/offer-returned-seats";

const { orders, tickets, events, sections, seats, payments, resaleListings } = schema;

export interface ResaleDeps extends LockingDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
}

const ruleFields = { ...lifecycleColumns, resaleAllowed: events.resaleAllowed, resaleFeesRefunded: events.resaleFeesRefunded };

type ResaleRules = EventLifecycle & { resaleAllowed: boolean };

/** Resale is open while the organizer allows it and the event sells (not after the show starts or its sales end). */
function resaleOpen(event: ResaleRules, now: Date): boolean {
  const lifecycle = eventLifecycleStatus(event, now);
  return event.resaleAllowed && (lifecycle === "on_sale" || lifecycle === "paused");
}

function assertResaleOpen(event: ResaleRules, now: Date): void {
  if (!event.resaleAllowed) {
    throw new DomainError("RESALE_NOT_ALLOWED", "The organizer does not allow resale for this event");
  }
  if (!resaleOpen(event, now)) {
    throw new DomainError("RESALE_NOT_ALLOWED", "Resale for this event is closed: its sales are over or the show has started");
  }
}

/**
 * A fan lists some of their tickets of one order for resale at face value. Each must be a seated ticket the sale
 * issued to them (not one received by transfer), valid, not let in, in no pending transfer and not listed already.
 * It is listed at what they paid for it; once sold they get that back, plus its booking fee where the organizer
 * refunds fees. After the commit the seats go back on sale as resale seats, the waiting list's fitting fans first.
 */
export async function listForResale(
  deps: ResaleDeps,
  input: { userId: string; orderId: string; ticketIds: string[] },
): Promise<ResaleOfOrder> {
  const ticketIds = [...new Set(input.ticketIds)].sort();
  const now = deps.clock.now();
  const listed = await lockingTransaction(deps, async (tx, locks) => {
    const [order] = await locks.share(
      "order",
      tx
        .select({ id: orders.id, eventId: orders.eventId, status: orders.status, userId: orders.userId, feesCents: orders.feesCents })
        .from(orders)
        .where(eq(orders.id, input.orderId)),
    );
    if (!order || order.userId !== input.userId || order.status !== "confirmed") {
      throw new DomainError("NOT_FOUND", "This order does not exist");
    }
    const [event] = await locks.share("event", tx.select(ruleFields).from(events).where(eq(events.id, order.eventId)));
    assertResaleOpen(event!, now);
    // Locked in id order: a transfer of the same tickets waits here (or this waits for it), then sees the other.
    const chosen = await locks.update(
      "ticket",
      tx
        .select({
          id: tickets.id,
          holderId: tickets.holderId,
          status: tickets.status,
          orderId: tickets.orderId,
          seatId: tickets.seatId,
          sectionId: tickets.sectionId,
          tierId: tickets.tierId,
          priceCents: tickets.priceCents,
          issuedByTransferId: tickets.issuedByTransferId,
          admittedAt: tickets.admittedAt,
        })
        .from(tickets)
        .where(and(eq(tickets.eventId, order.eventId), inArray(tickets.id, ticketIds)))
        .orderBy(asc(tickets.id)),
    );
    const mine = chosen.filter(
      (ticket) =>
        ticket.holderId === input.userId && ticket.status === "valid" && ticket.orderId === order.id && ticket.admittedAt === null,
    );
    if (mine.length !== ticketIds.length) {
      throw new DomainError("NOT_FOUND", "Some of these tickets are not yours or are no longer valid");
    }
    if (mine.some((ticket) => ticket.issuedByTransferId !== null)) {
      throw new DomainError("INVALID_INPUT", "Tickets you received by transfer cannot be resold", { field: "ticketIds" });
    }
    if (mine.some((ticket) => ticket.seatId === null)) {
      throw new DomainError("INVALID_INPUT", "Standing (general admission) tickets cannot be resold", { field: "ticketIds" });
    }
    await assertTicketsUncommitted(tx, order.eventId, ticketIds);
    // The booking fee the seller paid per ticket: the order's fees over the tickets its sale issued.
    const [issued] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.eventId, order.eventId), eq(tickets.orderId, order.id), isNull(tickets.issuedByTransferId)));
    const feePerTicket = Math.floor(order.feesCents / Math.max(1, issued?.count ?? 1));
    await tx.insert(resaleListings).values(
      mine.map((ticket) => ({
        eventId: order.eventId,
        orderId: order.id,
        ticketId: ticket.id,
        seatId: ticket.seatId!,
        sellerId: input.userId,
        priceCents: ticket.priceCents,
        refundCents: ticket.priceCents + (event!.resaleFeesRefunded ? feePerTicket : 0),
        createdAt: now,
      })),
    );
    return {
      eventId: order.eventId,
      seats: mine.map((ticket) => ({ seatId: ticket.seatId!, sectionId: ticket.sectionId, tierId: ticket.tierId })),
    };
  });
  // The seats go back on sale as resale seats; the waiting list's first fitting fans are offered them in that step.
  await offerReturnedSeats(deps, { eventId: listed.eventId, source: { mode: "resale", seats: listed.seats } });
  return resaleOfOrder(deps, { userId: input.userId, orderId: input.orderId });
}

/**
 * The seller takes a listing back before it sells. Redis first: the seat, still free, is sold again in one step
 * (refused while anyone holds it, a buyer paying or a waiting-list offer), so no buyer can take it after this; then
 * the listing closes in Postgres. The seller's ticket never stopped being valid.
 */
export async function withdrawResale(
  deps: ResaleDeps,
  input: { userId: string; listingId: string },
): Promise<ResaleOfOrder> {
  const [listing] = await deps.db.select().from(resaleListings).where(eq(resaleListings.id, input.listingId));
  if (!listing || listing.sellerId !== input.userId) throw new DomainError("NOT_FOUND", "This listing does not exist");
  if (listing.status !== "listed") throw new DomainError("RESALE_NOT_LISTED", `This listing was already ${listing.status}`);
  const result = await runWithInventory(deps, listing.eventId, () =>
    runWithdrawResale(deps.redis, { eventId: listing.eventId, seatIds: [listing.seatId] }),
  );
  if (!result.ok && result.reason === "HELD") {
    throw new DomainError(
      "RESALE_BEING_BOUGHT",
      "Someone is buying this ticket right now. If they do not pay, you can withdraw it then.",
    );
  }
  const [closed] = await deps.db
    .update(resaleListings)
    .set({ status: "withdrawn", closedAt: deps.clock.now() })
    .where(and(eq(resaleListings.id, listing.id), eq(resaleListings.status, "listed")))
    .returning({ id: resaleListings.id });
  if (!closed) throw new DomainError("RESALE_NOT_LISTED", "This listing was sold or closed meanwhile");
  return resaleOfOrder(deps, { userId: input.userId, orderId: listing.orderId });
}

export interface ResaleOfOrder {
  orderId: string;
  /** What the organizer allows now, and what a sale refunds. */
  rules: { open: boolean; allowed: boolean; feesRefunded: boolean };
  listings: Array<{
    id: string;
    ticketId: string;
    seat: string;
    status: "listed" | "withdrawn" | "sold" | "cancelled";
    priceCents: number;
    refundCents: number;
    refundStatus: "due" | "refunded" | null;
    createdAt: Date;
    closedAt: Date | null;
  }>;
}

/** A fan's order's resale: the event's rules and every listing of its tickets, newest first. */
export async function resaleOfOrder(
  deps: Pick<ResaleDeps, "db" | "clock">,
  input: { userId: string; orderId: string },
): Promise<ResaleOfOrder> {
  // Both at once: the listings are read by seller, the fan's own, so reading them before the order is known leaks nothing.
  const [[order], rows] = await Promise.all([
    deps.db
      .select({ rules: ruleFields })
      .from(orders)
      .innerJoin(events, eq(events.id, orders.eventId))
      .where(and(eq(orders.id, input.orderId), eq(orders.userId, input.userId))),
    deps.db
      .select({ listing: resaleListings, section: sections.name, row: seats.row, number: seats.number })
      .from(resaleListings)
      .innerJoin(seats, eq(seats.id, resaleListings.seatId))
      .innerJoin(sections, eq(sections.id, seats.sectionId))
      .where(and(eq(resaleListings.orderId, input.orderId), eq(resaleListings.sellerId, input.userId)))
      .orderBy(sql`${resaleListings.createdAt} desc`, asc(resaleListings.id)),
  ]);
  if (!order) throw new DomainError("NOT_FOUND", "This order does not exist");
  return {
    orderId: input.orderId,
    rules: {
      open: resaleOpen(order.rules, deps.clock.now()),
      allowed: order.rules.resaleAllowed,
      feesRefunded: order.rules.resaleFeesRefunded,
    },
    listings: rows.map(({ listing, section, row, number }) => ({
      id: listing.id,
      ticketId: listing.ticketId,
      seat: seatLabel(section, row, number),
      status: listing.status,
      priceCents: listing.priceCents,
      refundCents: listing.refundCents,
      refundStatus: listing.refundStatus,
      createdAt: listing.createdAt,
      closedAt: listing.closedAt,
    })),
  };
}

/** The listed seats among `seatIds`, with what each costs (what its seller paid). */
export async function listedSeats(db: Database, eventId: string, seatIds: readonly string[]) {
  if (seatIds.length === 0) return [];
  return db
    .select({
      listingId: resaleListings.id,
      seatId: resaleListings.seatId,
      ticketId: resaleListings.ticketId,
      sellerId: resaleListings.sellerId,
      priceCents: resaleListings.priceCents,
    })
    .from(resaleListings)
    .where(
      and(eq(resaleListings.eventId, eventId), inArray(resaleListings.seatId, [...seatIds]), eq(resaleListings.status, "listed")),
    );
}

/** What each listed seat among `seatIds` costs, by seat id: what `priceHold` takes as its resale prices. */
export async function resalePricesOf(db: Database, eventId: string, seatIds: readonly string[]): Promise<Map<string, number>> {
  return new Map((await listedSeats(db, eventId, seatIds)).map((resale) => [resale.seatId, resale.priceCents]));
}

/**
 * Pays the sellers of the listings an order bought, once its payment is captured: each listing's refund is claimed
 * (due → refunded) and the seller's payment refunded in one transaction, so a retry (the outbox) never pays twice
 * and a gateway failure leaves it due. Before the capture it refunds nothing and answers false (the outbox retries).
 */
export async function refundResaleSellers(
  deps: { db: Database; clock: Clock; payments: PaymentProvider },
  buyerOrderId: string,
): Promise<boolean> {
  const [buyerPayment] = await deps.db
    .select({ status: payments.status })
    .from(payments)
    .where(eq(payments.orderId, buyerOrderId));
  if (buyerPayment?.status !== "captured") return false;
  const due = await deps.db
    .select({ id: resaleListings.id })
    .from(resaleListings)
    .where(and(eq(resaleListings.buyerOrderId, buyerOrderId), eq(resaleListings.refundStatus, "due")));
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(resaleListings)
        .set({ refundStatus: "refunded", refundedAt: deps.clock.now() })
        .where(and(eq(resaleListings.id, id), eq(resaleListings.refundStatus, "due")))
        .returning({ orderId: resaleListings.orderId, refundCents: resaleListings.refundCents });
      if (!claimed) return;
      const [sellerPayment] = await tx
        .select({ providerRef: payments.providerRef })
        .from(payments)
        .where(eq(payments.orderId, claimed.orderId));
      if (sellerPayment) await deps.payments.refund(sellerPayment.providerRef, claimed.refundCents);
    });
  }
  return true;
}
