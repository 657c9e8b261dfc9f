import { schema, type Database } from "@frontrow/db";
import type { Redis } from "@frontrow/redis";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { cancelOrder } from "../orders/cancel-order";
import type { PaymentProvider } from "../payments/payment-provider";
import type { TicketSigner } from "../tickets/ticket-signer";
import { recordAudit } from "./record-audit";

/** An organizer cancels any fan's order and refunds it in full, whatever the event's refund policy says. */
export async function cancelAnyOrder(
  deps: { db: Database; redis: Redis; clock: Clock; payments: PaymentProvider; tickets: TicketSigner },
  input: { orderId: string; actorId: string; requestId?: string },
) {
  const { orders } = schema;
  const [order] = await deps.db
    .select({ userId: orders.userId, eventId: orders.eventId, status: orders.status })
    .from(orders)
    .where(eq(orders.id, input.orderId));
  if (!order) throw new DomainError("NOT_FOUND", "This order does not exist");
  const cancelled = await cancelOrder(deps, { orderId: input.orderId, userId: order.userId, by: "organizer", requestId: input.requestId });
  if (order.status !== "cancelled") {
    // After the cancellation's own transaction: the refund is certain by now, and a retry finds it cancelled.
    await recordAudit(deps.db, {
      actorId: input.actorId,
      action: "order.cancel",
      subjectType: "event",
      subjectId: order.eventId,
      details: { orderId: input.orderId, refundedCents: cancelled.refundedCents },
      requestId: input.requestId,
    });
  }
  return cancelled;
}
