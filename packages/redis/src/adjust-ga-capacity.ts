import type { Redis } from "./client";
import { CHANGE_STREAM_MAX_LEN, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";

export type AdjustGaCapacityResult = { ok: true; seq: number; availableNow: number } | { ok: false; reason: "NOT_LOADED" };

/** Moves a standing area's free places by `delta` after its capacity changed, and publishes it. See the Lua file. */
export async function runAdjustGaCapacity(
  redis: Redis,
  args: { eventId: string; sectionId: string; delta: number },
): Promise<AdjustGaCapacityResult> {
  const [status, seq, available] = await redis.adjustGaCapacity(
    ...keys.holdKeys(args.eventId),
    seatChangesChannel(redis, args.eventId),
    CHANGE_STREAM_MAX_LEN,
    args.sectionId,
    args.delta,
  );
  if (status === "NOT_LOADED") return { ok: false, reason: status };
  if (status !== "OK") throw new Error(`adjustGaCapacity answered ${String(status)}`);
  return { ok: true, seq: Number(seq), availableNow: Number(available) };
}
