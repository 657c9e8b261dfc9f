export type EventDisplayStatus = "scheduled" | "on_sale" | "paused" | "sold_out" | "ended" | "cancelled";

export interface EventLifecycle {
  status: "scheduled" | "on_sale" | "paused" | "ended" | "cancelled";
  onSaleAt: Date;
  startsAt: Date;
  salesEndAt: Date | null;
}

/**
 * What a fan is shown. A scheduled event goes on sale by itself at its on-sale time; one that has started or
 * passed its sales end has ended; an on-sale event with nothing left is sold out.
 */
export function eventDisplayStatus(event: EventLifecycle, available: number, now: Date): EventDisplayStatus {
  if (event.status === "cancelled") return "cancelled";
  const time = now.getTime();
  if (
    event.status === "ended" ||
    event.startsAt.getTime() <= time ||
    (event.salesEndAt !== null && event.salesEndAt.getTime() <= time)
  ) {
    return "ended";
  }
  if (event.status === "paused") return "paused";
  if (event.status === "on_sale" || event.onSaleAt.getTime() <= time) {
    return available > 0 ? "on_sale" : "sold_out";
  }
  return "scheduled";
}
