import { randomUUID } from "node:crypto";
import { runQueueJoin, runQueueLeave } from "@frontrow/redis";
import { eventDisplayStatus } from "../catalog/event-display-status";
import { DomainError } from "../errors";
import { admittedStatus, fairnessOf, waitingRoomRules, waitingStatus, type QueueDeps, type QueueStatus } from "./queue-status";

/**
 * Joins the event's waiting room (idempotent: another tab or device keeps the same place). One round trip: the
 * script answers with everything the status needs.
 */
export async function joinQueue(deps: QueueDeps, input: { eventId: string; userId: string }): Promise<QueueStatus> {
  const event = await waitingRoomRules(deps, input.eventId);
  const now = deps.clock.now();
  const status = eventDisplayStatus(event, 1, now);
  if (status === "ended" || status === "cancelled") throw new DomainError("NOT_ON_SALE", "This event is no longer on sale");
  if (event.preQueueOpensAt && now < event.preQueueOpensAt) {
    throw new DomainError("NOT_ON_SALE", "The waiting room is not open yet");
  }
  const joined = await runQueueJoin(deps.redis, {
    eventId: input.eventId,
    userId: input.userId,
    entryId: randomUUID(),
    nowMs: now.getTime(),
    onSaleAtMs: event.onSaleAt.getTime(),
    seed: event.fairnessSeed ?? input.eventId,
  });
  const base = { startsAt: event.onSaleAt, fairness: fairnessOf(event, now), ...(joined.entryId ? { entryId: joined.entryId } : {}) };
  if (joined.state === "admitted") {
    return admittedStatus(deps, input, base, new Date(joined.activeUntilMs), joined.place || undefined);
  }
  if (joined.state === "waiting") return waitingStatus(event, base, joined.ahead);
  return { ...base, state: "pre_queue" };
}

/** Gives the fan's place up (or ends their shopping window, freeing a slot for the next fan). */
export async function leaveQueue(deps: Pick<QueueDeps, "redis">, input: { eventId: string; userId: string }): Promise<void> {
  await runQueueLeave(deps.redis, input);
}
