import { schema } from "@frontrow/db";
import { runReturnSeats, type Redis } from "@frontrow/redis";
import { and, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { byLockOrder, lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { PaymentProvider } from "../payments/payment-provider";
import type { TicketSigner } from "../tickets/ticket-signer";
import { offerReturnedSeats } from "../waiting-list/offer-returned-seats";
import { getOrder, type Order } from "./get-order";
import { assertFanMayCancel, refundCents, refundPolicyFields, refundPolicyOf } from "./refund-policy";

const { orders, tickets, eventSeats, eventSections, payments, outbox, sections, events, venues, ticketTransfers, resaleListings } =
  schema;

/**
 * Cancels an order: refunds the payment, voids the tickets and puts the seats back on sale, in one transaction;
 * then every open seat map is told. Cancelling twice is harmless. A fan's own cancellation (`by: "fan"`) follows
 * the event's refund policy (refused past its deadline or when not allowed; fees kept if not refundable); an
 * organizer's cancels and fully refunds any order.
 */
export async function cancelOrder(
  deps: LockingDeps & { redis: Redis; clock: Clock; payments: PaymentProvider; tickets: TicketSigner },
  input: { orderId: string; userId: string; by: "fan" | "organizer"; requestId?: string },
): Promise<Order> {
  const returned = await lockingTransaction(deps, async (tx, locks) => {
    const [order] = await locks.update(
      "order",
      tx.select().from(orders).where(and(eq(orders.id, input.orderId), eq(orders.userId, input.userId))),
    );
    if (!order) throw new DomainError("NOT_FOUND", "This order does not exist");
    if (order.status === "cancelled") return null;
    const [event] = await tx
      .select({
        ...refundPolicyFields,
        startsAt: events.startsAt,
        timezone: venues.timezone,
        waitingList: events.waitingListEnabled,
      })
      .from(events)
      .innerJoin(venues, eq(venues.id, events.venueId))
      .where(eq(events.id, order.eventId));
    const policy = refundPolicyOf(event!);
    if (input.by === "fan") assertFanMayCancel(policy, deps.clock.now(), event!.timezone);
    const refunded = refundCents(order, policy, input.by);
    // Tickets transferred to someone else are theirs now: the buyer cannot take them back with a refund. The
    // organizer can (a full refund voids every ticket of the order, whoever holds it).
    const transfers = await tx
      .select({
        transferId: ticketTransfers.id,
        fromUserId: ticketTransfers.fromUserId,
        toUserId: ticketTransfers.toUserId,
      })
      .from(ticketTransfers)
      .where(
        and(eq(ticketTransfers.eventId, order.eventId), eq(ticketTransfers.orderId, order.id), eq(ticketTransfers.status, "accepted")),
      )
      .orderBy(ticketTransfers.closedAt, ticketTransfers.id);
    if (input.by === "fan" && transfers.length > 0) {
      throw new DomainError(
        "CANCELLATION_NOT_ALLOWED",
        "Some tickets of this order were transferred to someone else, so it cannot be cancelled online. Contact the organizer.",
      );
    }
    // Resold tickets are their buyers' now, and tickets on sale may be bought at any moment: the fan cannot cancel
    // the order online. The organizer can: open listings close with it, and what resales refunded is not refunded twice.
    const resales = await tx
      .select({ status: resaleListings.status, refundCents: resaleListings.refundCents })
      .from(resaleListings)
      .where(and(eq(resaleListings.eventId, order.eventId), eq(resaleListings.orderId, order.id)));
    if (input.by === "fan" && resales.some((resale) => resale.status === "listed" || resale.status === "sold")) {
      throw new DomainError(
        "CANCELLATION_NOT_ALLOWED",
        "Some tickets of this order are listed for resale or were resold, so it cannot be cancelled online. Withdraw the listings, or contact the organizer.",
      );
    }
    const resoldCents = resales.reduce((sum, resale) => sum + (resale.status === "sold" ? resale.refundCents : 0), 0);
    // Pending transfers of the order end with it (in LOCK_ORDER: the order is locked, then its transfers).
    await tx
      .update(ticketTransfers)
      .set({ status: "cancelled", closedAt: deps.clock.now() })
      .where(
        and(eq(ticketTransfers.eventId, order.eventId), eq(ticketTransfers.orderId, order.id), eq(ticketTransfers.status, "pending")),
      );

    const orderTickets = await tx
      .select({ seatId: tickets.seatId, sectionId: tickets.sectionId, tierId: tickets.tierId, kind: sections.kind })
      .from(tickets)
      .innerJoin(sections, eq(sections.id, tickets.sectionId))
      .where(and(eq(tickets.orderId, order.id), eq(tickets.status, "valid")));
    const now = deps.clock.now();
    await tx
      .update(orders)
      .set({ status: "cancelled", cancelledAt: now, refundedCents: refunded })
      .where(eq(orders.id, order.id));
    await tx.update(tickets).set({ status: "void" }).where(eq(tickets.orderId, order.id));
    await tx
      .update(resaleListings)
      .set({ status: "cancelled", closedAt: now })
      .where(and(eq(resaleListings.eventId, order.eventId), eq(resaleListings.orderId, order.id), eq(resaleListings.status, "listed")));
    await tx
      .update(eventSeats)
      .set({ status: "available", orderId: null, soldAt: null })
      .where(and(eq(eventSeats.eventId, order.eventId), eq(eventSeats.orderId, order.id)));
    const perSection = new Map<string, number>();
    for (const ticket of orderTickets) perSection.set(ticket.sectionId, (perSection.get(ticket.sectionId) ?? 0) + 1);
    // In the order a checkout updates them, so the two cannot deadlock over sections they share.
    for (const [sectionId, count] of [...perSection].sort(([a], [b]) => byLockOrder(a, b))) {
      await tx
        .update(eventSections)
        .set({ soldCount: sql`${eventSections.soldCount} - ${count}` })
        .where(and(eq(eventSections.eventId, order.eventId), eq(eventSections.sectionId, sectionId)));
    }
    const [payment] = await tx.select().from(payments).where(eq(payments.orderId, order.id));
    if (payment && payment.status !== "refunded") {
      await tx.update(payments).set({ status: "refunded", updatedAt: now }).where(eq(payments.id, payment.id));
    }
    await tx
      .insert(outbox)
      .values({ topic: "order.cancelled", payload: { orderId: order.id }, requestId: input.requestId ?? null, availableAt: now });
    // Standing places per section, with the tier they were sold at (the section's).
    const ga = new Map<string, { quantity: number; tierId: string }>();
    for (const ticket of orderTickets) {
      if (ticket.kind !== "general_admission") continue;
      ga.set(ticket.sectionId, { quantity: (ga.get(ticket.sectionId)?.quantity ?? 0) + 1, tierId: ticket.tierId });
    }
    return {
      refund:
        payment && payment.status !== "refunded"
          ? { providerRef: payment.providerRef, amountCents: Math.max(0, Math.min(refunded, payment.amountCents - resoldCents)) }
          : undefined,
      eventId: order.eventId,
      orderId: order.id,
      userId: order.userId,
      transfers: transfers.map((transfer) => ({ ...transfer, toUserId: transfer.toUserId! })),
      waitingList: event!.waitingList,
      seats: orderTickets.flatMap((ticket) =>
        ticket.seatId ? [{ seatId: ticket.seatId, sectionId: ticket.sectionId, tierId: ticket.tierId }] : [],
      ),
      generalAdmission: [...ga].map(([sectionId, { quantity, tierId }]) => ({ sectionId, quantity, tierId })),
    };
  });
  if (returned) {
    // After the commit: the provider is asked only once the cancellation is certain.
    if (returned.refund && returned.refund.amountCents > 0) {
      await deps.payments.refund(returned.refund.providerRef, returned.refund.amountCents);
    }
    if (returned.waitingList) {
      // The seats go to the waiting list's first fitting fans in the step that returns them (and undoes the order's
      // accepted transfers in the bought counts).
      await offerReturnedSeats(deps, { eventId: returned.eventId, source: { mode: "order", ...returned } });
    } else {
      await runReturnSeats(deps.redis, { ...returned, seatIds: returned.seats.map((seat) => seat.seatId) });
    }
  }
  return getOrder(deps, input);
}
