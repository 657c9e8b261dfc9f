import type { Redis } from "./client";
import { CHANGE_STREAM_MAX_LEN, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";

export type BlockSeatsResult =
  | { ok: true; seq: number; changedIds: string[]; refusedIds: string[] }
  | { ok: false; reason: "NOT_LOADED" };

/**
 * Blocks free seats (refusing, by id, those held or sold) or unblocks blocked ones, atomically, and publishes
 * the changes on the event's seat-change channel. See lua/block-seats-10.lua.
 */
export async function runBlockSeats(
  redis: Redis,
  args: { eventId: string; seatIds: string[]; blocked: boolean },
): Promise<BlockSeatsResult> {
  const [status, ...rest] = await redis.blockSeats(
    ...keys.holdKeys(args.eventId),
    seatChangesChannel(redis, args.eventId),
    CHANGE_STREAM_MAX_LEN,
    args.blocked ? 1 : 0,
    args.seatIds.length,
    ...args.seatIds,
  );
  if (status === "NOT_LOADED") return { ok: false, reason: status };
  if (status !== "OK") throw new Error(`blockSeats answered ${String(status)}`);
  const [seq, changedCount, ...ids] = rest;
  const changed = Number(changedCount);
  return { ok: true, seq: Number(seq), changedIds: ids.slice(0, changed).map(String), refusedIds: ids.slice(changed).map(String) };
}
