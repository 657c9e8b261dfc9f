export type EventLifecycleStatus = "scheduled" | "on_sale" | "paused" | "ended" | "cancelled";

export interface EventLifecycle {
  /** What is stored: the organizer's last lifecycle action. */
  status: EventLifecycleStatus;
  onSaleAt: Date;
  startsAt: Date;
  salesEndAt: Date | null;
}

/**
 * The one status of an event, for fans, organizers and every rule alike. A scheduled event goes on sale by itself
 * at its on-sale time (nothing rewrites the stored status then), and one whose show has started or whose sales end
 * has passed has ended. Shared by the server and the web app so both always agree.
 */
export function eventLifecycleStatus(event: EventLifecycle, now: Date): EventLifecycleStatus {
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
  if (event.status === "on_sale" || event.onSaleAt.getTime() <= time) return "on_sale";
  return "scheduled";
}

/** When the status of an event will next change by itself (its on-sale, sales end or show), or null. */
export function nextLifecycleChangeAt(event: EventLifecycle, now: Date): Date | null {
  const status = eventLifecycleStatus(event, now);
  if (status === "ended" || status === "cancelled") return null;
  const candidates = [event.startsAt, event.salesEndAt, status === "scheduled" ? event.onSaleAt : null];
  const future = candidates.filter((date): date is Date => date !== null && date.getTime() > now.getTime());
  return future.length === 0 ? null : new Date(Math.min(...future.map((date) => date.getTime())));
}
