import { randomUUID } from "node:crypto";
import { runQueueJoin, runQueueLeave } from "@frontrow/redis";
import { eventDisplayStatus } from "../catalog/event-display-status";
import { DomainError } from "../errors";
import { getQueueStatus, waitingRoomRules, type QueueDeps, type QueueStatus } from "./queue-status";

/** Joins the event's waiting room (idempotent: another tab or device keeps the same place). */
export async function joinQueue(deps: QueueDeps, input: { eventId: string; userId: string }): Promise<QueueStatus> {
  const event = await waitingRoomRules(deps, input.eventId);
  const now = deps.clock.now();
  const status = eventDisplayStatus(event, 1, now);
  if (status === "ended" || status === "cancelled") throw new DomainError("NOT_ON_SALE", "This event is no longer on sale");
  if (event.preQueueOpensAt && now < event.preQueueOpensAt) {
    throw new DomainError("NOT_ON_SALE", "The waiting room is not open yet");
  }
  await runQueueJoin(deps.redis, {
    eventId: input.eventId,
    userId: input.userId,
    entryId: randomUUID(),
    nowMs: now.getTime(),
    onSaleAtMs: event.onSaleAt.getTime(),
    seed: event.fairnessSeed ?? input.eventId,
  });
  return getQueueStatus(deps, input);
}

/** Gives the fan's place up (or ends their shopping window, freeing a slot for the next fan). */
export async function leaveQueue(deps: Pick<QueueDeps, "redis">, input: { eventId: string; userId: string }): Promise<void> {
  await runQueueLeave(deps.redis, input);
}
