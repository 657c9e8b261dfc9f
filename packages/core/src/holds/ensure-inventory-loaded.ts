import { schema, type Database } from "@frontrow/db";
import { runLoadInventory, type Redis } from "@frontrow/redis";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { readResaleSeats, readUnavailableInventory } from "./unavailable-inventory";

/**
 * Runs one of the event's inventory scripts; if Redis has not loaded the event (the script answers NOT_LOADED, e.g.
 * after Redis lost its data), loads it from Postgres and runs the script once more.
 */
export async function runWithInventory<R extends { ok: boolean }>(
  deps: { db: Database; redis: Redis; clock: Clock },
  eventId: string,
  run: () => Promise<R>,
): Promise<R> {
  const result = await run();
  if (result.ok || !("reason" in result) || result.reason !== "NOT_LOADED") return result;
  await ensureInventoryLoaded(deps, eventId);
  return run();
}

/** Loads under way, per Redis connection and event: a process reads Postgres once however many requests ask. */
const loading = new WeakMap<Redis, Map<string, Promise<void>>>();

/**
 * Copies Postgres's sold and blocked inventory, each fan's bought tickets and the seats listed for resale into Redis
 * unless they are there.
 * Postgres stays the source of truth: after Redis loses its keys, the next hold or map reload rebuilds them from here.
 * Callers that arrive while a load of the event is under way in this process share it: after Redis lost its data,
 * every fan's next request lands here at once, and a read of Postgres each would queue them all behind one another.
 */
export function ensureInventoryLoaded(deps: { db: Database; redis: Redis; clock: Clock }, eventId: string): Promise<void> {
  let ofRedis = loading.get(deps.redis);
  if (!ofRedis) {
    ofRedis = new Map();
    loading.set(deps.redis, ofRedis);
  }
  const running = ofRedis.get(eventId);
  if (running) return running;
  const load = loadInventory(deps, eventId).finally(() => ofRedis.delete(eventId));
  ofRedis.set(eventId, load);
  return load;
}

async function loadInventory(deps: { db: Database; redis: Redis; clock: Clock }, eventId: string): Promise<void> {
  const { orders, tickets, ticketTransfers, resaleListings } = schema;
  const [[unavailableSeats, generalAdmission], boughtOrders, transfers, resales, listed] = await Promise.all([
    readUnavailableInventory(deps.db, eventId),
    // Each live order counts the tickets its sale issued to its buyer; its accepted transfers then move them on,
    // replayed in the order they were accepted, so each fan's count is the valid tickets they hold.
    deps.db
      .select({ orderId: orders.id, userId: orders.userId, tickets: sql<number>`count(*)::int` })
      .from(orders)
      .innerJoin(tickets, and(eq(tickets.eventId, orders.eventId), eq(tickets.orderId, orders.id)))
      .where(and(eq(orders.eventId, eventId), eq(orders.status, "confirmed"), isNull(tickets.issuedByTransferId)))
      // An order's key is (event_id, id): grouping by both lets user_id be selected.
      .groupBy(orders.eventId, orders.id),
    deps.db
      .select({
        transferId: ticketTransfers.id,
        fromUserId: ticketTransfers.fromUserId,
        toUserId: sql<string>`${ticketTransfers.toUserId}`,
        tickets: ticketTransfers.ticketCount,
      })
      .from(ticketTransfers)
      .innerJoin(orders, and(eq(orders.eventId, ticketTransfers.eventId), eq(orders.id, ticketTransfers.orderId)))
      .where(
        and(eq(ticketTransfers.eventId, eventId), eq(ticketTransfers.status, "accepted"), eq(orders.status, "confirmed")),
      )
      .orderBy(asc(ticketTransfers.closedAt), asc(ticketTransfers.id)),
    // A resold ticket leaves its seller's count (the buyer's order counts it).
    deps.db
      .select({ listingId: resaleListings.id, sellerId: resaleListings.sellerId })
      .from(resaleListings)
      .innerJoin(orders, and(eq(orders.eventId, resaleListings.eventId), eq(orders.id, resaleListings.orderId)))
      .where(and(eq(resaleListings.eventId, eventId), eq(resaleListings.status, "sold"), eq(orders.status, "confirmed"))),
    readResaleSeats(deps.db, eventId),
  ]);
  await runLoadInventory(deps.redis, {
    eventId,
    nowMs: deps.clock.now().getTime(),
    unavailableSeats,
    generalAdmission,
    orders: boughtOrders,
    transfers,
    resales,
    listedSeatIds: listed.map(({ seatId }) => seatId),
  });
}
