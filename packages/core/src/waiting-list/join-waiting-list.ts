import { schema } from "@frontrow/db";
import { eventLifecycleStatus } from "@frontrow/validators";
import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "../errors";
import { lifecycleColumns, offerReturnedSeats, type OfferDeps } from "./offer-returned-seats";
import { getWaitingListStatus, type WaitingListStatus } from "./waiting-list-status";

const { events, eventSections, priceTiers, waitingListEntries, orders, tickets } = schema;

/**
 * Puts a fan on an event's waiting list, at the back: first come, first served. The fan asks for a quantity (up
 * to the event's per-fan limit, counting the tickets they bought already) and optionally one section or price tier (or both). If seats that fit are back on sale already (the pool
 * of returned seats no earlier request fitted), they are offered at once.
 */
export async function joinWaitingList(
  deps: OfferDeps,
  input: { eventId: string; userId: string; quantity: number; sectionId?: string | null; tierId?: string | null },
): Promise<WaitingListStatus> {
  const [event] = await deps.db
    .select({
      ...lifecycleColumns,
      enabled: events.waitingListEnabled,
      perFanLimit: events.perFanLimit,
    })
    .from(events)
    .where(eq(events.id, input.eventId));
  if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
  if (!event.enabled) throw new DomainError("WAITING_LIST_CLOSED", "This event has no waiting list");
  const lifecycle = eventLifecycleStatus(event, deps.clock.now());
  if (lifecycle !== "on_sale" && lifecycle !== "paused") {
    throw new DomainError("WAITING_LIST_CLOSED", "The waiting list is open only while the event is on sale");
  }
  const [owned] = await deps.db
    .select({ tickets: sql<number>`count(*)::int` })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .where(and(eq(orders.userId, input.userId), eq(orders.eventId, input.eventId), eq(tickets.status, "valid")));
  const bought = Number(owned?.tickets ?? 0);
  if (bought + input.quantity > event.perFanLimit) {
    const message =
      bought === 0
        ? `You can ask for at most ${event.perFanLimit} tickets for this event`
        : `You can ask for at most ${Math.max(0, event.perFanLimit - bought)} more tickets for this event (you have ${bought} of ${event.perFanLimit})`;
    throw new DomainError("LIMIT_EXCEEDED", message, { field: "quantity" });
  }
  if (input.sectionId) {
    const [section] = await deps.db
      .select({ sectionId: eventSections.sectionId })
      .from(eventSections)
      .where(and(eq(eventSections.eventId, input.eventId), eq(eventSections.sectionId, input.sectionId)));
    if (!section) throw new DomainError("NOT_FOUND", "This section is not part of this event", { field: "sectionId" });
  }
  if (input.tierId) {
    const [tier] = await deps.db
      .select({ id: priceTiers.id })
      .from(priceTiers)
      .where(and(eq(priceTiers.eventId, input.eventId), eq(priceTiers.id, input.tierId)));
    if (!tier) throw new DomainError("NOT_FOUND", "This price tier is not part of this event", { field: "tierId" });
  }
  const inserted = await deps.db
    .insert(waitingListEntries)
    .values({
      eventId: input.eventId,
      userId: input.userId,
      quantity: input.quantity,
      sectionId: input.sectionId ?? null,
      tierId: input.tierId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: waitingListEntries.id });
  if (inserted.length === 0) {
    throw new DomainError("ALREADY_ON_WAITING_LIST", "You are on this event's waiting list already");
  }
  await offerReturnedSeats(deps, { eventId: input.eventId, source: { mode: "none" } });
  return getWaitingListStatus(deps, input);
}
