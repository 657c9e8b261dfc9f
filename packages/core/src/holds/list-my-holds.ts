import type { Database } from "@frontrow/db";
import { keys, parseStoredHold, type Redis } from "@frontrow/redis";
import { resalePricesOf } from "../resale/resale-listings";
import type { Clock } from "../clock";
import type { EventLayoutCache } from "./event-layout";
import type { Hold } from "./hold-seats";
import { layoutVersionOf, seatIndexesOf } from "./layout-order";
import { priceHold } from "./price-hold";

/**
 * The fan's live holds on the given events (from the per-fan index, not a scan of every hold), priced as checkout
 * will charge them: a seat on resale at its listing's price.
 */
export async function listMyHolds(
  deps: { db: Database; redis: Redis; clock: Clock; layouts: EventLayoutCache },
  input: { userId: string; eventIds: string[] },
): Promise<Array<Hold & { status: "active" | "checkout" }>> {
  const now = deps.clock.now().getTime();
  const perEvent = await Promise.all(
    input.eventIds.map(async (eventId) => {
      const { holds: holdsKey, userHeld: userHeldKey } = keys.eventInventory(eventId);
      const ids: string[] = JSON.parse((await deps.redis.hget(userHeldKey, `${input.userId}#holds`)) ?? "[]");
      if (ids.length === 0) return [];
      const [stored, pausedAt, layout] = await Promise.all([
        deps.redis.hmget(holdsKey, ...ids),
        deps.redis.get(keys.salesPaused(eventId)),
        deps.layouts.get(eventId),
      ]);
      // While sales are paused, timers stand still: a hold's expiry is the one it gets if sales resume now.
      const pausedFor = pausedAt === null ? 0 : Math.max(0, now - Number(pausedAt));
      const heldSeats = stored.flatMap((json) => (json ? parseStoredHold(json).seatIds : []));
      const resalePrices = await resalePricesOf(deps.db, eventId, heldSeats);
      return ids.flatMap((holdId, i) => {
        const json = stored[i];
        if (!json) return [];
        const saved = parseStoredHold(json);
        const hold = { ...saved, expiresAtMs: saved.expiresAtMs + pausedFor };
        if (hold.expiresAtMs <= now && hold.status === "active") return [];
        return [
          {
            holdId,
            eventId,
            seatIds: hold.seatIds,
            seatIndexes: seatIndexesOf(layout, hold.seatIds),
            layoutVersion: layoutVersionOf(layout),
            sections: hold.generalAdmission,
            expiresAt: new Date(hold.expiresAtMs),
            price: priceHold(layout, hold, resalePrices),
            status: hold.status,
          },
        ];
      });
    }),
  );
  return perEvent.flat().sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}
