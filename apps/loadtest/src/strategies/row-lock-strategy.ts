import type postgres from "postgres";
import type { HoldStrategy } from "./hold-strategy";
import { PostgresSeatTable } from "./postgres-seat-table";
import { STRATEGY_TABLES } from "./strategy-tables";

/**
 * A plain row-lock transaction: SELECT … FOR UPDATE (waiting behind other holders), check every seat is free,
 * update them, commit.
 */
export function createRowLockStrategy(sql: postgres.Sql): HoldStrategy {
  const seats = new PostgresSeatTable(sql, STRATEGY_TABLES["pg-row-lock"]);
  return {
    name: "pg-row-lock",
    hold: ({ userId, seatIds }) =>
      seats.transaction(async (tx) => {
        const rows = await seats.read(tx, seatIds, "for update");
        if (!seats.allFree(rows, seatIds)) seats.rollBack();
        return seats.claim(tx, seatIds, userId);
      }),
    release: (holdId, userId) => seats.release(holdId, userId),
    storedHolds: () => seats.storedHolds(),
  };
}
