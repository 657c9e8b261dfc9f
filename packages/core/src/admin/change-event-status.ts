import { schema } from "@frontrow/db";
import { runPauseHolds, runResumeHolds, type Redis } from "@frontrow/redis";
import { eventLifecycleStatus } from "@frontrow/validators";
import { and, eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { EventLayoutCache } from "../holds/event-layout";
import type { EventUpdatePublisher } from "../pubsub/event-update-bus";
import { cancelOrder } from "../orders/cancel-order";
import type { PaymentProvider } from "../payments/payment-provider";
import type { TicketSigner } from "../tickets/ticket-signer";
import { recordAudit } from "./record-audit";

export type EventStatusAction = "put_on_sale" | "pause" | "resume" | "end" | "cancel";

type Lifecycle = (typeof schema.eventStatus.enumValues)[number];

/** Which lifecycle states each action may start from, and where it leads. */
const transitions: Record<EventStatusAction, { from: Lifecycle[]; to: Lifecycle }> = {
  put_on_sale: { from: ["scheduled", "paused"], to: "on_sale" },
  pause: { from: ["on_sale", "scheduled"], to: "paused" },
  resume: { from: ["paused"], to: "on_sale" },
  end: { from: ["scheduled", "on_sale", "paused"], to: "ended" },
  cancel: { from: ["scheduled", "on_sale", "paused", "ended"], to: "cancelled" },
};

export interface ChangeEventStatusDeps extends LockingDeps {
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  eventUpdates: EventUpdatePublisher;
  payments: PaymentProvider;
  tickets: TicketSigner;
}

/**
 * An organizer's lifecycle control. "Put on sale now" also moves the on-sale time to now; a pause freezes every
 * hold's timer until sales resume (see runResumeHolds); "cancel" refunds every
 * confirmed order (each through the same path as a fan's own cancellation, so seats and payments stay consistent).
 */
export async function changeEventStatus(
  deps: ChangeEventStatusDeps,
  input: { eventId: string; action: EventStatusAction; actorId: string; requestId?: string },
) {
  const { events, orders } = schema;
  const rule = transitions[input.action];
  const now = deps.clock.now();
  const updated = await lockingTransaction(deps, async (tx, locks) => {
    const [event] = await locks.update("event", tx.select().from(events).where(eq(events.id, input.eventId)));
    if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
    // The rule reads the event's one status: a scheduled event past its on-sale time is on sale already.
    const current = eventLifecycleStatus(event, now);
    if (!rule.from.includes(current)) {
      const words = current.replace("_", " ");
      throw new DomainError("INVALID_INPUT", `${/^[aeiou]/.test(words) ? "An" : "A"} ${words} event cannot be ${describe(input.action)}`);
    }
    const [row] = await tx
      .update(events)
      .set({
        status: rule.to,
        updatedAt: now,
        ...(input.action === "put_on_sale" && event.onSaleAt > now ? { onSaleAt: now } : {}),
      })
      .where(eq(events.id, input.eventId))
      .returning({ id: events.id, status: events.status, onSaleAt: events.onSaleAt });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: `event.${input.action}`,
      subjectType: "event",
      subjectId: input.eventId,
      details: { from: current, to: rule.to },
      requestId: input.requestId,
    });
    return { ...row!, from: event.status };
  });
  // Holds stop counting down while sales are paused, and get the pause's length back when they end (however).
  if (input.action === "pause") await runPauseHolds(deps.redis, { eventId: input.eventId, nowMs: now.getTime() });
  else if (updated.from === "paused") await runResumeHolds(deps.redis, { eventId: input.eventId, nowMs: now.getTime() });
  deps.layouts.invalidate(input.eventId);
  await deps.eventUpdates.publish(input.eventId, "status");

  let refunded = 0;
  if (input.action === "cancel") {
    const toRefund = await deps.db
      .select({ id: orders.id, userId: orders.userId })
      .from(orders)
      .where(and(eq(orders.eventId, input.eventId), eq(orders.status, "confirmed")));
    for (const order of toRefund) {
      await cancelOrder(deps, { orderId: order.id, userId: order.userId, by: "organizer", requestId: input.requestId });
      refunded++;
    }
  }
  const { from: _from, ...result } = updated;
  return { ...result, refundedOrders: refunded };
}

function describe(action: EventStatusAction): string {
  return { put_on_sale: "put on sale", pause: "paused", resume: "resumed", end: "ended", cancel: "cancelled" }[action];
}
