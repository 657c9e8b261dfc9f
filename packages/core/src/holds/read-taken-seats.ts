import { keys, type Redis } from "@frontrow/redis";
import type { Database } from "@frontrow/db";
import type { Clock } from "../clock";
import { ensureInventoryLoaded } from "./ensure-inventory-loaded";

/** Seats that are held, sold or blocked right now, according to Redis (loaded from Postgres if needed). */
export async function readTakenSeats(
  deps: { db: Database; redis: Redis; clock: Clock },
  eventId: string,
): Promise<Set<string>> {
  const { seats: seatsKey, loaded: loadedKey } = keys.eventInventory(eventId);
  if (!(await deps.redis.exists(loadedKey))) await ensureInventoryLoaded(deps, eventId);
  return new Set(await deps.redis.hkeys(seatsKey));
}
