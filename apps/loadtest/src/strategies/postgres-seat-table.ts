import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { STRATEGY_HOLD_MS, type StrategyHoldResult } from "./hold-strategy";

interface SeatRow {
  seat_id: string;
  hold_id: string | null;
  expires_at: Date | null;
  version: number;
}

const LOCK_NOT_AVAILABLE = "55P03";
const UNAVAILABLE = Symbol("unavailable");

/**
 * One strategy's table of seats (seat_id, hold_id, user_id, expires_at, version): the reads, claims and releases
 * the Postgres strategies share. A held seat is one with a hold id whose expiry is still ahead.
 */
export class PostgresSeatTable {
  static readonly unavailable: StrategyHoldResult = { ok: false, code: "SEAT_UNAVAILABLE" };

  constructor(
    readonly sql: postgres.Sql,
    readonly table: string,
  ) {}

  /** Reads the seats; `lock` adds FOR UPDATE (in seat order, so two requests cannot deadlock) or FOR UPDATE NOWAIT. */
  read(
    query: postgres.Sql | postgres.TransactionSql,
    seatIds: string[],
    lock: "" | "for update" | "for update nowait" = "",
  ) {
    return query.unsafe<SeatRow[]>(
      `select seat_id, hold_id, expires_at, version from ${this.table} where seat_id = any($1::uuid[]) order by seat_id ${lock}`,
      [seatIds],
    );
  }

  /** True when every requested seat exists and none is held. */
  allFree(rows: SeatRow[], seatIds: string[]): boolean {
    const now = Date.now();
    return (
      rows.length === seatIds.length &&
      rows.every((row) => row.hold_id === null || (row.expires_at?.getTime() ?? 0) <= now)
    );
  }

  /** Takes the seats for a new hold, inside a transaction that already locked them. */
  async claim(tx: postgres.TransactionSql, seatIds: string[], userId: string): Promise<StrategyHoldResult> {
    const now = Date.now();
    const holdId = randomUUID();
    await tx.unsafe(
      `update ${this.table} set hold_id = $1, user_id = $2, expires_at = $3, version = version + 1 where seat_id = any($4::uuid[])`,
      [holdId, userId, new Date(now + STRATEGY_HOLD_MS), seatIds],
    );
    return { ok: true, holdId, expiresAt: now + STRATEGY_HOLD_MS };
  }

  /** Call inside a transaction to roll it back and answer SEAT_UNAVAILABLE. */
  rollBack(): never {
    throw UNAVAILABLE;
  }

  /** Runs `work` in a transaction; a rollBack() or a NOWAIT lock failure becomes SEAT_UNAVAILABLE. */
  async transaction(
    work: (tx: postgres.TransactionSql) => Promise<StrategyHoldResult>,
  ): Promise<StrategyHoldResult> {
    try {
      return await this.sql.begin(work);
    } catch (error) {
      if (error === UNAVAILABLE || (error as { code?: string }).code === LOCK_NOT_AVAILABLE)
        return PostgresSeatTable.unavailable;
      throw error;
    }
  }

  async release(holdId: string, userId: string): Promise<boolean> {
    const rows = await this.sql.unsafe(
      `update ${this.table} set hold_id = null, user_id = null, expires_at = null, version = version + 1
       where hold_id = $1 and user_id = $2 returning seat_id`,
      [holdId, userId],
    );
    return rows.length > 0;
  }

  async storedHolds(): Promise<Map<string, string[]>> {
    const rows = await this.sql.unsafe<Array<{ hold_id: string; seats: string[] }>>(
      `select hold_id, array_agg(seat_id::text) as seats from ${this.table}
       where hold_id is not null and expires_at > now() group by hold_id`,
    );
    return new Map(rows.map((row) => [row.hold_id, row.seats]));
  }
}
