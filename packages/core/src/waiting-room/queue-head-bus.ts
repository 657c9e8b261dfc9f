import { queueChannel, type QueueHead, type Redis } from "@frontrow/redis";

export type QueueHeadListener = (head: QueueHead) => void;

/** Admission heads of events, from Redis pub/sub, shared by every waiter on this instance. */
export interface QueueHeadBus {
  /** Resolves (to the unsubscribe function) once Redis confirmed the subscription. */
  subscribe(eventId: string, listener: QueueHeadListener): Promise<() => void>;
  close(): Promise<void>;
}

export function createRedisQueueHeadBus(deps: { redis: Redis; subscriber: Redis }): QueueHeadBus {
  const listeners = new Map<string, Set<QueueHeadListener>>();
  const channelToEvent = new Map<string, string>();
  const subscribed = new Map<string, Promise<unknown>>();
  deps.subscriber.on("message", (channel: string, message: string) => {
    const eventId = channelToEvent.get(channel);
    if (!eventId) return;
    const head = JSON.parse(message) as QueueHead;
    for (const listener of listeners.get(eventId) ?? []) listener(head);
  });
  return {
    async subscribe(eventId, listener) {
      const channel = queueChannel(deps.redis, eventId);
      let set = listeners.get(eventId);
      if (!set) {
        set = new Set();
        listeners.set(eventId, set);
        channelToEvent.set(channel, eventId);
        subscribed.set(eventId, deps.subscriber.subscribe(channel));
      }
      set.add(listener);
      const listenersOfEvent = set;
      await subscribed.get(eventId);
      return () => {
        listenersOfEvent.delete(listener);
        if (listenersOfEvent.size === 0 && listeners.get(eventId) === listenersOfEvent) {
          listeners.delete(eventId);
          subscribed.delete(eventId);
          channelToEvent.delete(channel);
          deps.subscriber.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async close() {
      listeners.clear();
      await deps.subscriber.quit().catch(() => undefined);
    },
  };
}
