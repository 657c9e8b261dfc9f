import type { Redis } from "@frontrow/redis";
import type postgres from "postgres";
import type { ClientLedger } from "./client-ledger";
import { readRedisInventory } from "./read-redis-inventory";

export interface LiveHoldCheck {
  checked: number;
  missing: string[];
  wrongSeats: string[];
  /** Holds in Redis that no fan was told about (a request that timed out after the hold was made). */
  unacknowledged: number;
  /**
   * Holds a fan was told about that are gone from Redis because they were bought: the checkout went through but
   * its answer never reached the fan (timed out or the instance died), so the ledger does not know the order.
   */
  boughtUnawares: number;
}

/**
 * Run the moment the load stops, before anything is released: every hold a fan was told about that it has not
 * released, bought or outlived must be in Redis with exactly the seats the fan was given, or (checked in
 * Postgres) have become an order whose answer the fan never got.
 */
export async function checkLiveHolds(deps: {
  redis: Redis;
  sql: postgres.Sql;
  ledger: ClientLedger;
  eventIds: string[];
}): Promise<LiveHoldCheck> {
  const { redis, sql, ledger, eventIds } = deps;
  const result: LiveHoldCheck = {
    checked: 0,
    missing: [],
    wrongSeats: [],
    unacknowledged: 0,
    boughtUnawares: 0,
  };
  const now = Date.now();
  for (const eventId of eventIds) {
    const inventory = await readRedisInventory(redis, eventId);
    for (const hold of ledger.holdsOf(eventId)) {
      if (hold.releasedAt !== undefined || hold.orderId || hold.expiresAt <= now + 500) continue;
      if (ledger.possiblyLost(hold)) continue;
      result.checked++;
      const stored = inventory.holds.get(hold.holdId);
      if (!stored) result.missing.push(hold.holdId);
      else if ([...stored.seatIds].sort().join() !== [...hold.seatIds].sort().join())
        result.wrongSeats.push(hold.holdId);
    }
    for (const holdId of inventory.holds.keys()) if (!ledger.holds.has(holdId)) result.unacknowledged++;
  }
  if (result.missing.length > 0) {
    const bought = new Set(
      (
        await sql<Array<{ holdId: string }>>`
          select hold_id as "holdId" from orders where hold_id = any(${result.missing}) and status = 'confirmed'`
      ).map((row) => row.holdId),
    );
    result.boughtUnawares = bought.size;
    result.missing = result.missing.filter((holdId) => !bought.has(holdId));
  }
  return result;
}
