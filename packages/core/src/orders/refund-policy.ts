import { schema } from "@frontrow/db";
import { formatVenueFullDateTime } from "@frontrow/validators";
import { DomainError } from "../errors";

const { events } = schema;

/** The event columns a refund policy is read from (selected with the order or the event). */
export const refundPolicyFields = {
  selfCancel: events.selfCancel,
  selfCancelUntil: events.selfCancelUntil,
  feesRefundable: events.feesRefundable,
};

/**
 * An event's refund policy as fans are shown it: whether they may cancel their own orders and until when (the
 * organizer's deadline, else the show's start; null when they may not at all), and whether fees come back too.
 * Organizers can cancel and fully refund any order whatever the policy.
 */
export interface RefundPolicy {
  selfCancel: boolean;
  cancelUntil: Date | null;
  feesRefundable: boolean;
}

export function refundPolicyOf(event: {
  selfCancel: boolean;
  selfCancelUntil: Date | null;
  feesRefundable: boolean;
  startsAt: Date;
}): RefundPolicy {
  return {
    selfCancel: event.selfCancel,
    cancelUntil: event.selfCancel ? (event.selfCancelUntil ?? event.startsAt) : null,
    feesRefundable: event.feesRefundable,
  };
}

/** Refuses a fan's own cancellation the policy does not allow (now), in words that say what to do instead. */
export function assertFanMayCancel(policy: RefundPolicy, now: Date, timeZone: string): void {
  if (policy.cancelUntil === null) {
    throw new DomainError(
      "CANCELLATION_NOT_ALLOWED",
      "The organizer of this event does not let fans cancel their own orders: contact the organizer for a refund",
    );
  }
  if (now >= policy.cancelUntil) {
    throw new DomainError(
      "CANCELLATION_NOT_ALLOWED",
      `Cancellations for this event closed ${formatVenueFullDateTime(policy.cancelUntil, timeZone, "en-US")}: contact the organizer for a refund`,
    );
  }
}

/** What a cancellation refunds: everything when the organizer cancels, the tickets alone when fees are kept. */
export function refundCents(
  order: { totalCents: number; subtotalCents: number },
  policy: RefundPolicy,
  by: "fan" | "organizer",
): number {
  return by === "organizer" || policy.feesRefundable ? order.totalCents : order.subtotalCents;
}
