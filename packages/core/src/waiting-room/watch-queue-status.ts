import type { QueueStatus } from "./queue-status";
import type { QueueWatchHub } from "./queue-watch-hub";

/**
 * The fan's queue status, pushed: the exact status at once, then their position at least every tick of the
 * process's watch hub (derived from the line's head, never read per fan), and every change of state.
 */
export async function* watchQueueStatus(
  deps: { queueWatch: QueueWatchHub },
  input: { eventId: string; userId: string; signal?: AbortSignal },
): AsyncGenerator<QueueStatus> {
  yield* deps.queueWatch.watch(input);
}
