import { keys, parseStoredHold, type Redis, type StoredHold } from "@frontrow/redis";

export interface RedisInventory {
  loaded: boolean;
  /** seatId → holdId for held seats. */
  heldSeats: Map<string, string>;
  soldSeats: Set<string>;
  blockedSeats: Set<string>;
  holds: Map<string, StoredHold>;
  /** holdId → expiry (ms) from the expiry index. */
  expiry: Map<string, number>;
  /** userId → tickets held, and userId → hold ids. */
  userHeld: Map<string, number>;
  userHoldIds: Map<string, string[]>;
  /** Tickets held now per client address (fields "ip:<address>" of the user-held hash). */
  clientHeld: Map<string, number>;
  gaHeld: Map<string, number>;
}

/** One consistent read (MULTI) of an event's hold keys in Redis. */
export async function readRedisInventory(redis: Redis, eventId: string): Promise<RedisInventory> {
  const eventKeys = keys.eventInventory(eventId);
  const { seats: seatsKey, holds: holdsKey, userHeld: userHeldKey, expiry: expiryKey } = eventKeys;
  const { gaHeld: gaHeldKey, loaded: loadedKey } = eventKeys;
  const replies = await redis
    .multi()
    .exists(loadedKey)
    .hgetall(seatsKey)
    .hgetall(holdsKey)
    .zrange(expiryKey, 0, -1, "WITHSCORES")
    .hgetall(userHeldKey)
    .hgetall(gaHeldKey)
    .exec();
  if (!replies) throw new Error("MULTI aborted");
  const [loaded, seats, holds, expiry, userHeld, gaHeld] = replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [
    number,
    Record<string, string>,
    Record<string, string>,
    string[],
    Record<string, string>,
    Record<string, string>,
  ];

  const inventory: RedisInventory = {
    loaded: loaded === 1,
    heldSeats: new Map(),
    soldSeats: new Set(),
    blockedSeats: new Set(),
    holds: new Map(Object.entries(holds).map(([holdId, json]) => [holdId, parseStoredHold(json)])),
    expiry: new Map(),
    userHeld: new Map(),
    userHoldIds: new Map(),
    clientHeld: new Map(),
    gaHeld: new Map(Object.entries(gaHeld).map(([sectionId, n]) => [sectionId, Number(n)])),
  };
  for (const [seatId, value] of Object.entries(seats)) {
    if (value === "s") inventory.soldSeats.add(seatId);
    else if (value === "b") inventory.blockedSeats.add(seatId);
    else inventory.heldSeats.set(seatId, value.slice(0, value.indexOf("|")));
  }
  for (let i = 0; i + 1 < expiry.length; i += 2)
    inventory.expiry.set(expiry[i] as string, Number(expiry[i + 1]));
  for (const [field, value] of Object.entries(userHeld)) {
    if (field.endsWith("#holds"))
      inventory.userHoldIds.set(field.slice(0, -6), JSON.parse(value) as string[]);
    else if (field.startsWith("ip:")) inventory.clientHeld.set(field.slice(3), Number(value));
    else inventory.userHeld.set(field, Number(value));
  }
  return inventory;
}
