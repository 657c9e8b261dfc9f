import type { Redis } from "./client";
import { CHANGE_STREAM_MAX_LEN, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";
import { scripts, type BlockSeatsResult } from "./lua-scripts";

/**
 * Blocks free seats (refusing, by id, those held or sold) or unblocks blocked ones, atomically, and publishes
 * the changes on the event's seat-change channel. See lua/block-seats-10.lua.
 */
export function runBlockSeats(
  redis: Redis,
  args: { eventId: string; seatIds: string[]; blocked: boolean },
): Promise<BlockSeatsResult> {
  return scripts.blockSeats(redis, keys.eventInventory(args.eventId), {
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
    blocked: args.blocked,
    seatIds: args.seatIds,
  });
}
