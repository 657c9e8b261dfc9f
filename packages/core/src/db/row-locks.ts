import type { Database, Transaction } from "@frontrow/db";
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { DomainError } from "../errors";

/**
 * The one order in which a transaction takes row locks, coarse to fine. A transaction may skip any step but never
 * go back to an earlier one, so no two transactions can each hold a row the other waits for (a deadlock):
 *
 * 1. `idempotencyKey` - the checkout's claim of its key, the row a sale starts from;
 * 2. `order` - the order a cancellation, or a ticket transfer's accept, acts on;
 * 3. `transfer` - a ticket transfer (accepting, declining or cancelling it);
 * 4. `venue` - serializes every change to a venue's layout (sections and seats);
 * 5. `event` - serializes an organizer's changes to one event; a sale and a transfer share it;
 * 6. `ticket` - tickets being transferred (a cancellation updates its order's tickets after the order);
 * 6b. `listing` - resale listings (a sale buying them, a cancellation closing them), after their tickets;
 * 7. `section` - a venue's section (its capacity, its existence);
 * 8. `seat` - an event's seats (event_seats) and the venue's seats they stand for;
 * 9. `eventSection` - an event's section counters (sold, blocked), which every sale in the section updates, so
 *    taken last and held shortest.
 *
 * The same order holds for the locks UPDATE and DELETE take: a venue's layout change locks the venue before it
 * touches sections or seats, and seats (event_seats) are updated before the section counters they change. Several
 * rows of one kind are locked in id order: one statement ordered by id, or one statement per row sorted with
 * `byLockOrder`.
 */
export const LOCK_ORDER = [
  "idempotencyKey",
  "order",
  "transfer",
  "venue",
  "event",
  "ticket",
  "listing",
  "section",
  "seat",
  "eventSection",
] as const;
export type LockedRow = (typeof LOCK_ORDER)[number];

/** How long a statement of a locking transaction waits for a row lock before giving up with BUSY. */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

/** What a BUSY refusal tells the client to wait before retrying. */
const RETRY_AFTER_MS = 1_000;

/** Postgres's lock_not_available: lock_timeout ran out (or NOWAIT found the row locked). */
const LOCK_NOT_AVAILABLE = "55P03";

export interface LockingDeps {
  db: Database;
  /** Overrides DEFAULT_LOCK_TIMEOUT_MS (tests make it short). */
  lockTimeoutMs?: number;
}

/** A drizzle select not yet locked: `tx.select(…).from(…).where(…)`. */
interface Lockable<T> {
  for(strength: "update" | "share", config?: { of?: PgTable | PgTable[] }): PromiseLike<T>;
}

export interface RowLocks {
  /** Runs `query` with FOR UPDATE (of the tables in `of`, when given); `row` is what it locks, in LOCK_ORDER. */
  update<T>(row: LockedRow, query: Lockable<T>, of?: PgTable | PgTable[]): Promise<T>;
  /** Runs `query` with FOR SHARE: writers wait, other sharers do not. */
  share<T>(row: LockedRow, query: Lockable<T>): Promise<T>;
}

/** Sorts ids (uuids) the way Postgres orders them: rows of one kind are locked in this order. */
export const byLockOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Runs `work` in a transaction whose row locks go through `locks`, in LOCK_ORDER (taking one out of order is a
 * defect and throws). The first lock also sets the transaction's lock_timeout, sent together with that lock's
 * query (pipelined on the transaction's connection: no extra round trip). A lock wait that runs out anywhere in
 * the transaction, by this helper or by an UPDATE, is refused as BUSY (retryable) and everything rolls back.
 */
export async function lockingTransaction<T>(
  deps: LockingDeps,
  work: (tx: Transaction, locks: RowLocks) => Promise<T>,
): Promise<T> {
  const timeoutMs = deps.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new Error(`lockTimeoutMs must be a positive integer, not ${timeoutMs}`);
  try {
    return await deps.db.transaction((tx) => work(tx, rowLocks(tx, timeoutMs)));
  } catch (error) {
    if (sqlStateOf(error) === LOCK_NOT_AVAILABLE) {
      throw new DomainError(
        "BUSY",
        "Someone else is changing this right now. Please try again in a moment.",
        {
          retryAfterMs: RETRY_AFTER_MS,
        },
      );
    }
    throw error;
  }
}

function rowLocks(tx: Transaction, timeoutMs: number): RowLocks {
  let highest = -1;
  let timeoutSet = false;
  const take = async <T>(row: LockedRow, locked: () => PromiseLike<T>): Promise<T> => {
    const rank = LOCK_ORDER.indexOf(row);
    if (rank < highest) {
      throw new Error(`Row lock out of order: ${row} after ${LOCK_ORDER[highest]} (see LOCK_ORDER)`);
    }
    highest = rank;
    if (timeoutSet) return locked();
    timeoutSet = true;
    // Both are issued before either is awaited, so postgres.js writes them to the connection together. The setting
    // is a literal, not a parameter: a statement with parameters waits for its description before anything after it
    // is sent, which would cost the round trip this saves.
    const [, rows] = await Promise.all([
      tx.execute(sql.raw(`set local lock_timeout = ${timeoutMs}`)),
      locked(),
    ]);
    return rows;
  };
  return {
    update: (row, query, of) => take(row, () => query.for("update", of ? { of } : undefined)),
    share: (row, query) => take(row, () => query.for("share")),
  };
}

/** The SQLSTATE of a Postgres error, however deep drizzle wrapped it. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ("code" in cause && typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code))
      return cause.code;
  }
  return undefined;
}
