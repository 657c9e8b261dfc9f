import { queueChannel, type QueueHead, type Redis } from "@frontrow/redis";
import { createSharedSubscriptions } from "../pubsub/shared-subscriptions";

export type QueueHeadListener = (head: QueueHead) => void;

/** Admission heads of events, from Redis pub/sub, shared by every waiter on this instance. */
export interface QueueHeadBus {
  /** Resolves (to the unsubscribe function) once Redis confirmed the subscription. */
  subscribe(eventId: string, listener: QueueHeadListener): Promise<() => void>;
  close(): Promise<void>;
}

export function createRedisQueueHeadBus(deps: { redis: Redis; subscriber: Redis }): QueueHeadBus {
  const subscriptions = createSharedSubscriptions(deps.subscriber, (message) => JSON.parse(message) as QueueHead, {
    sharded: true,
  });
  return {
    subscribe: (eventId, listener) => subscriptions.subscribe(queueChannel(deps.redis, eventId), listener),
    close: () => subscriptions.close(),
  };
}
