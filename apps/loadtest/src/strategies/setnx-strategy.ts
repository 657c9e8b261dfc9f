import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type postgres from "postgres";
import type { HoldStrategy } from "./hold-strategy";
import { PostgresSeatTable } from "./postgres-seat-table";
import { STRATEGY_TABLES } from "./strategy-tables";

/** Compare-and-delete: only the lock's owner frees it. */
const UNLOCK = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

/**
 * Per-seat Redis locks taken in a loop (SET NX PX, one round trip per seat, in seat order), then a Postgres
 * transaction that locks the rows with SELECT … FOR UPDATE NOWAIT, checks them and records the hold; the Redis
 * locks are freed afterwards, one round trip per seat again.
 */
export function createSetNxStrategy(sql: postgres.Sql, redis: Redis): HoldStrategy {
  const seats = new PostgresSeatTable(sql, STRATEGY_TABLES["setnx-pg"]);
  const lockKey = (seatId: string) => `loadtest:lock:${seatId}`;
  return {
    name: "setnx-pg",
    async hold({ userId, seatIds }) {
      const token = randomUUID();
      const locked: string[] = [];
      try {
        for (const seatId of [...seatIds].sort()) {
          if ((await redis.set(lockKey(seatId), token, "PX", 5_000, "NX")) !== "OK")
            return PostgresSeatTable.unavailable;
          locked.push(seatId);
        }
        return await seats.transaction(async (tx) => {
          const rows = await seats.read(tx, seatIds, "for update nowait");
          if (!seats.allFree(rows, seatIds)) seats.rollBack();
          return seats.claim(tx, seatIds, userId);
        });
      } finally {
        for (const seatId of locked) await redis.eval(UNLOCK, 1, lockKey(seatId), token);
      }
    },
    release: (holdId, userId) => seats.release(holdId, userId),
    storedHolds: () => seats.storedHolds(),
  };
}
