import type { Database } from "@frontrow/db";
import { runExpireHolds, type Redis } from "@frontrow/redis";
import { startBackgroundLoop } from "../background-loop";
import type { Clock } from "../clock";
import { listSellingEventIds } from "./selling-event-ids";

export interface HoldSweeperOptions {
  intervalMs?: number;
  /** How long a hold that is checking out may outlive its expiry, so a payment in progress can finish. */
  checkoutGraceMs?: number;
  /** How often the list of events to sweep is re-read. */
  eventsRefreshMs?: number;
  onError?: (error: unknown) => void;
  onReleased?: (eventId: string, holdIds: string[]) => void;
}

/**
 * Releases expired holds. Every server instance runs one; the expireHolds script claims holds atomically, so
 * instances sweeping the same event never release a hold twice.
 */
export function startHoldSweeper(deps: { db: Database; redis: Redis; clock: Clock }, options: HoldSweeperOptions = {}) {
  const intervalMs = options.intervalMs ?? 500;
  const eventsRefreshMs = options.eventsRefreshMs ?? 5_000;
  let eventIds: string[] = [];
  let eventsReadAt = -Infinity;

  const sweep = async () => {
    if (Date.now() - eventsReadAt >= eventsRefreshMs) {
      eventIds = await listSellingEventIds(deps, deps.clock.now());
      eventsReadAt = Date.now();
    }
    for (const eventId of eventIds) {
      const { releasedHoldIds } = await runExpireHolds(deps.redis, {
        eventId,
        nowMs: deps.clock.now().getTime(),
        checkoutGraceMs: options.checkoutGraceMs ?? 60_000,
        maxHolds: 1_000,
      });
      if (releasedHoldIds.length > 0) options.onReleased?.(eventId, releasedHoldIds);
    }
  };

  return startBackgroundLoop(
    async () => {
      await sweep();
      return intervalMs;
    },
    { retryMs: intervalMs, onError: options.onError },
  );
}
