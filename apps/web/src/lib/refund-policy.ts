/** An event's refund policy as the API sends it with the event and with each order. */
export interface RefundPolicy {
  selfCancel: boolean;
  /** Until when fans may cancel their own orders; null when they may not at all. */
  cancelUntil: Date | null;
  feesRefundable: boolean;
}

/** "Dec 20, 2026, 7:30 PM EST": a moment on the venue's clock, with its zone. */
function venueTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** Whether the fan may cancel their order themselves right now. */
export function fanMayCancel(policy: RefundPolicy, now: Date): boolean {
  return policy.cancelUntil !== null && now < policy.cancelUntil;
}

/** What a fan's own cancellation refunds under the policy. */
export function selfRefundCents(policy: RefundPolicy, order: { subtotalCents: number; totalCents: number }): number {
  return policy.feesRefundable ? order.totalCents : order.subtotalCents;
}

/** The policy in plain words, as the fan reads it before paying and on the order. */
export function refundPolicyWords(policy: RefundPolicy, timeZone: string, now: Date): string {
  const what = policy.feesRefundable ? "a full refund, fees included" : "a refund of the ticket prices (booking fees are not refunded)";
  if (policy.cancelUntil === null) {
    return "Orders for this event cannot be cancelled online: only the organizer can cancel and refund them.";
  }
  const until = venueTime(policy.cancelUntil, timeZone);
  if (now >= policy.cancelUntil) {
    return `Online cancellation for this event closed ${until}. Contact the organizer for a refund.`;
  }
  return `You can cancel online until ${until} for ${what}.`;
}
