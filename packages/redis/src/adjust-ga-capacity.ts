import type { Redis } from "./client";
import { CHANGE_STREAM_MAX_LEN, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";
import { scripts, type AdjustGaCapacityResult } from "./lua-scripts";

/** Moves a standing area's free places by `delta` after its capacity changed, and publishes it. See the Lua file. */
export function runAdjustGaCapacity(
  redis: Redis,
  args: { eventId: string; sectionId: string; delta: number },
): Promise<AdjustGaCapacityResult> {
  return scripts.adjustGaCapacity(redis, keys.eventInventory(args.eventId), {
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
    sectionId: args.sectionId,
    delta: args.delta,
  });
}
