/** Confirmed / Cancelled, as a badge. */
export function OrderStatusBadge({ status }: { status: "confirmed" | "cancelled" }) {
  return status === "confirmed" ? (
    <span className="badge badge--green">
      <span className="badge__dot" aria-hidden="true" />
      Confirmed
    </span>
  ) : (
    <span className="badge badge--neutral">Cancelled</span>
  );
}
