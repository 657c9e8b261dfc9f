import { schema, type Database } from "@frontrow/db";
import { keys, type Redis } from "@frontrow/redis";
import { eventLifecycleStatus } from "@frontrow/validators";
import { and, eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import type { EventLayoutCache } from "../holds/event-layout";
import { getQueueStats } from "../waiting-room/queue-stats";
import { getWaitingListSummary } from "../waiting-list/waiting-list-status";
import { readQueueSamples } from "./queue-samples";

/**
 * The organizer's live numbers for one event. The sales chart counts what the "Tickets sold" card counts (valid
 * tickets of confirmed orders), so a cancellation takes its tickets off both.
 */
export async function getEventDashboard(
  deps: { db: Database; redis: Redis; clock: Clock; layouts: EventLayoutCache },
  input: { eventId: string },
) {
  const { orders, tickets, eventSections } = schema;
  const layout = await deps.layouts.get(input.eventId);
  const since = new Date(deps.clock.now().getTime() - 60 * 60_000).toISOString();
  const [[sales], [inventory], perMinute, seatValues, gaHeld, waitingList] = await Promise.all([
    deps.db
      .select({
        orders: sql<number>`count(distinct ${orders.id})::int`,
        ticketsSold: sql<number>`count(${tickets.id})::int`,
        revenueCents: sql<number>`coalesce(sum(${tickets.priceCents}), 0)::int`,
      })
      .from(orders)
      .innerJoin(tickets, eq(tickets.orderId, orders.id))
      .where(and(eq(orders.eventId, input.eventId), eq(orders.status, "confirmed"), eq(tickets.status, "valid"))),
    deps.db
      .select({
        capacity: sql<number>`coalesce(sum(${eventSections.capacity}), 0)::int`,
        sold: sql<number>`coalesce(sum(${eventSections.soldCount}), 0)::int`,
        blocked: sql<number>`coalesce(sum(${eventSections.blockedCount}), 0)::int`,
      })
      .from(eventSections)
      .where(eq(eventSections.eventId, input.eventId)),
    deps.db.execute<{ minute: string; tickets: number }>(sql`
      select date_trunc('minute', o.created_at) as minute, count(t.id)::int as tickets
      from orders o join tickets t on t.order_id = o.id
      where o.event_id = ${input.eventId} and o.created_at >= ${since} and o.status = 'confirmed' and t.status = 'valid'
      group by 1 order by 1`),
    deps.redis.hvals(keys.eventInventory(input.eventId).seats),
    deps.redis.hvals(keys.eventInventory(input.eventId).gaHeld),
    getWaitingListSummary(deps, input),
  ]);
  const held = seatValues.filter((value) => value !== "s" && value !== "b").length + gaHeld.reduce((sum, n) => sum + Number(n), 0);
  return {
    eventId: input.eventId,
    status: eventLifecycleStatus(layout.event, deps.clock.now()),
    currency: layout.event.currency,
    orders: sales?.orders ?? 0,
    ticketsSold: sales?.ticketsSold ?? 0,
    revenueCents: sales?.revenueCents ?? 0,
    capacity: inventory?.capacity ?? 0,
    available: Math.max(0, (inventory?.capacity ?? 0) - (inventory?.sold ?? 0) - (inventory?.blocked ?? 0) - held),
    heldNow: held,
    waitingList,
    salesPerMinute: [...perMinute].map((row) => ({ minute: new Date(row.minute), tickets: row.tickets })),
    waitingRoom: layout.event.waitingRoomEnabled
      ? {
          ...(await getQueueStats(deps, input)),
          admissionPaused: layout.event.admissionPaused,
          samples: await readQueueSamples(deps, input),
        }
      : null,
  };
}
