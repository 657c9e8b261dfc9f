import type { Database } from "@frontrow/db";
import { isDeepStrictEqual } from "node:util";
import type { ChangeBus } from "../holds/change-bus";
import { getWaitingListStatus, type WaitingListStatus } from "./waiting-list-status";

/**
 * The fan's waiting-list status, pushed: once at the start, then whenever it changed. Every offer made or ended
 * changes seats, so the event's seat changes wake the watcher (read at most once per `minGapMs`); positions that
 * move because fans ahead left are caught by a read every `idleMs`.
 */
export async function* watchWaitingListStatus(
  deps: { db: Database; changeBus: ChangeBus },
  input: { eventId: string; userId: string; signal?: AbortSignal; minGapMs?: number; idleMs?: number },
): AsyncGenerator<WaitingListStatus> {
  const minGapMs = input.minGapMs ?? 1_000;
  const idleMs = input.idleMs ?? 5_000;
  let wake: (() => void) | undefined;
  let changed = false;
  const unsubscribe = await deps.changeBus.subscribe(input.eventId, () => {
    changed = true;
    wake?.();
  });
  const stop = () => wake?.();
  input.signal?.addEventListener("abort", stop);
  try {
    let last: WaitingListStatus | undefined;
    while (!input.signal?.aborted) {
      changed = false;
      const status = await getWaitingListStatus(deps, input);
      if (!last || !isDeepStrictEqual(status, last)) {
        last = status;
        yield status;
      }
      await new Promise((resolve) => setTimeout(resolve, minGapMs));
      if (changed || input.signal?.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs - minGapMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    input.signal?.removeEventListener("abort", stop);
    unsubscribe();
  }
}
