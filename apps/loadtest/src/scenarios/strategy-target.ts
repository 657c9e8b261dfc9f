import type { FanClient } from "../client/fan-client";
import { leanErrorCode, postJson } from "../client/lean-http";
import type { SeatView } from "../client/seat-view";
import { sleep } from "../util/sleep";
import type { HoldTarget } from "./hold-race-load";

/** One strategy of the strategy servers, behind the HoldTarget shape; each fan uses "its" instance's server. */
export function strategyTarget(name: string, urls: readonly string[]): HoldTarget {
  const url = (fan: FanClient, action: string) => `${urls[fan.instanceIndex % urls.length]}/${name}/${action}`;
  return {
    name,
    async hold(fan, eventId, seatIds) {
      try {
        const { status, body } = await postJson(url(fan, "hold"), { eventId, userId: fan.userId, seatIds });
        const result = body as { holdId?: string; expiresAt?: number; code?: string };
        if (status === 200 && result.holdId) return { ok: true, holdId: result.holdId, expiresAt: result.expiresAt ?? 0 };
        return { ok: false, code: result.code ?? `HTTP_${status}` };
      } catch (error) {
        return { ok: false, code: leanErrorCode(error) };
      }
    },
    async release(fan, holdId) {
      try {
        const { status } = await postJson(url(fan, "release"), { holdId, userId: fan.userId });
        return status === 200 ? { ok: true } : { ok: false, code: `HTTP_${status}` };
      } catch (error) {
        return { ok: false, code: leanErrorCode(error) };
      }
    },
  };
}

/** The holds a strategy server stores now: hold id → seats. */
export async function storedStrategyHolds(name: string, url: string): Promise<Map<string, string[]>> {
  const response = await fetch(`${url}/${name}/holds`, { signal: AbortSignal.timeout(5_000) });
  return new Map(Object.entries((await response.json()) as Record<string, string[]>));
}

/**
 * A strategy's held seats, read from its server every 50 ms: the stand-in for a seat-map watcher where there is
 * none, about as fresh as Frontrow's (whose server sends the changes of each 50 ms tick). Polls until closed.
 */
export function pollStrategySeats(name: string, url: string): SeatView {
  let taken = new Set<string>();
  let updates = 0;
  let closed = false;
  const polling = (async () => {
    while (!closed) {
      try {
        taken = new Set([...(await storedStrategyHolds(name, url)).values()].flat());
        updates++;
      } catch {
        // The next poll tries again; a view that stopped updating shows in `updates`.
      }
      await sleep(50);
    }
  })();
  return {
    isTaken: (seatId) => taken.has(seatId),
    get updates() {
      return updates;
    },
    async close() {
      closed = true;
      await polling;
    },
  };
}
