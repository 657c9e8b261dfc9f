import { eventLifecycleStatus, type EventLifecycle } from "@frontrow/validators";

export type EventDisplayStatus = "scheduled" | "on_sale" | "paused" | "sold_out" | "ended" | "cancelled";
export type { EventLifecycle };

/** What a fan is shown: the event's one lifecycle status, with an on-sale event that has nothing left sold out. */
export function eventDisplayStatus(event: EventLifecycle, available: number, now: Date): EventDisplayStatus {
  const status = eventLifecycleStatus(event, now);
  return status === "on_sale" && available <= 0 ? "sold_out" : status;
}
