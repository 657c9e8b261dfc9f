import type { ClientLedger } from "./client-ledger";
import { invariant, type InvariantResult } from "./invariant-result";

/**
 * Once the load has stopped and the holds still open were let go: every hold a fan was told about was released
 * (the release was answered with success) and none of them is still in the store.
 */
export function everyHoldReleased(
  ledger: ClientLedger,
  eventId: string,
  storedHoldIds: Iterable<string>,
): InvariantResult {
  const stored = new Set(storedHoldIds);
  const holds = ledger.holdsOf(eventId);
  const unreleased = holds.filter((hold) => hold.releasedAt === undefined);
  const left = holds.filter((hold) => stored.has(hold.holdId));
  const broken = new Set([...unreleased, ...left].map((hold) => hold.holdId));
  return invariant(
    "Every hold was released",
    holds.length,
    broken.size,
    `${holds.length.toLocaleString("en-US")} holds granted; ${unreleased.length} never released successfully, ` +
      `${left.length} still stored after the releases`,
  );
}
