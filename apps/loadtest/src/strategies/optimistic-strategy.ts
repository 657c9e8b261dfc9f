import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { STRATEGY_HOLD_MS, type HoldStrategy } from "./hold-strategy";
import { PostgresSeatTable } from "./postgres-seat-table";
import { STRATEGY_TABLES } from "./strategy-tables";

/**
 * Optimistic concurrency: read the seats and their `version` without locks, then one UPDATE conditional on the
 * versions read, in a transaction that rolls back unless every seat matched (nobody changed one meanwhile).
 */
export function createOptimisticStrategy(sql: postgres.Sql): HoldStrategy {
  const seats = new PostgresSeatTable(sql, STRATEGY_TABLES["pg-optimistic"]);
  return {
    name: "pg-optimistic",
    async hold({ userId, seatIds }) {
      const rows = await seats.read(sql, seatIds);
      if (!seats.allFree(rows, seatIds)) return PostgresSeatTable.unavailable;
      const now = Date.now();
      const holdId = randomUUID();
      return seats.transaction(async (tx) => {
        const updated = await tx.unsafe(
          `update ${seats.table} s set hold_id = $1, user_id = $2, expires_at = $3, version = s.version + 1
           from (select unnest($4::uuid[]) as seat_id, unnest($5::int[]) as version) seen
           where s.seat_id = seen.seat_id and s.version = seen.version`,
          [
            holdId,
            userId,
            new Date(now + STRATEGY_HOLD_MS),
            rows.map((row) => row.seat_id),
            rows.map((row) => row.version),
          ],
        );
        if (updated.count !== seatIds.length) seats.rollBack();
        return { ok: true, holdId, expiresAt: now + STRATEGY_HOLD_MS };
      });
    },
    release: (holdId, userId) => seats.release(holdId, userId),
    storedHolds: () => seats.storedHolds(),
  };
}
