import { keys } from "@frontrow/redis";
import { waitingRoomRules, type QueueDeps } from "./queue-status";

/** Organizer view of an event's waiting room. */
export async function getQueueStats(deps: Omit<QueueDeps, "passes">, input: { eventId: string }) {
  const event = await waitingRoomRules(deps, input.eventId);
  const { pre: preKey, line: lineKey, state: stateKey, active: activeKey } = keys.waitingRoom(input.eventId);
  const now = deps.clock.now().getTime();
  const replies = await deps.redis
    .multi()
    .hlen(preKey)
    .zcard(lineKey)
    .zcount(activeKey, `(${now}`, "+inf")
    .hgetall(stateKey)
    .exec();
  const [preQueue, waiting, activeShoppers, state] = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [number, number, number, Record<string, string>];
  return {
    started: state.started === "1",
    preQueue: state.started === "1" ? 0 : preQueue,
    waiting,
    admitted: Number(state.admitted ?? 0),
    activeShoppers,
    head: Number(state.head ?? 0),
    admitRatePerMinute: event.admitRatePerMinute,
    maxActiveShoppers: event.maxActiveShoppers,
    shoppingWindowSeconds: event.shoppingWindowSeconds,
  };
}
