import { keys } from "@frontrow/redis";
import { fairnessOf, waitingRoomRules, type QueueDeps } from "./queue-status";

/**
 * What anyone needs to check the pre-queue shuffle: the seed's hash (public before the pre-queue opened) and,
 * once the on-sale started, the seed and every pre-queue entry id in arrival order. Sorting the entries by
 * sha1(seed + ":" + entryId) gives the order in which they were given places.
 */
export async function getQueueFairness(deps: Pick<QueueDeps, "redis" | "clock" | "layouts">, input: { eventId: string }) {
  const event = await waitingRoomRules(deps, input.eventId);
  const fairness = fairnessOf(event, deps.clock.now());
  if (!fairness?.seed) return { seedHash: fairness?.seedHash ?? null, seed: null, entries: null };
  const { preOrder: preOrderKey } = keys.waitingRoom(input.eventId);
  const entries = await deps.redis.zrange(preOrderKey, 0, -1);
  return { seedHash: fairness.seedHash, seed: fairness.seed, entries };
}
