import { randomUUID } from "node:crypto";
import {
  keys,
  parseStoredHold,
  runHoldSeats,
  runLoadInventory,
  runReleaseHold,
  type Redis,
} from "@frontrow/redis";
import { STRATEGY_HOLD_MS, type HoldStrategy } from "./hold-strategy";

/**
 * Frontrow's own hold: the holdSeats Lua script (one round trip, all seats checked then taken), called directly
 * with the same arguments core's holdSeats passes, on a Redis connection with its own key prefix.
 */
export async function createLuaStrategy(redis: Redis, eventId: string): Promise<HoldStrategy> {
  await runLoadInventory(redis, { eventId, nowMs: Date.now(), unavailableSeats: [], generalAdmission: [], orders: [] });
  return {
    name: "lua",
    async hold({ eventId: event, userId, seatIds }) {
      const now = Date.now();
      const holdId = `${event}.${randomUUID()}`;
      const result = await runHoldSeats(redis, {
        eventId: event,
        holdId,
        userId,
        nowMs: now,
        expiresAtMs: now + STRATEGY_HOLD_MS,
        perFanLimit: 8,
        seatIds,
        generalAdmission: [],
        orphanGuards: [],
      });
      if (result.ok) return { ok: true, holdId, expiresAt: now + STRATEGY_HOLD_MS };
      return { ok: false, code: result.reason === "LIMIT_EXCEEDED" ? "LIMIT_EXCEEDED" : "SEAT_UNAVAILABLE" };
    },
    async release(holdId, userId) {
      return (await runReleaseHold(redis, { eventId: holdId.slice(0, 36), holdId, userId })).ok;
    },
    async storedHolds() {
      const { holds: holdsKey } = keys.eventInventory(eventId);
      const stored = await redis.hgetall(holdsKey);
      return new Map(Object.entries(stored).map(([holdId, json]) => [holdId, parseStoredHold(json).seatIds]));
    },
  };
}
