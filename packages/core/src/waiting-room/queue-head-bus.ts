import { queueChannel, type QueueHead, type Redis } from "@frontrow/redis";

export type QueueHeadListener = (head: QueueHead) => void;

/** Admission heads of events, from Redis pub/sub, shared by every waiter on this instance. */
export interface QueueHeadBus {
  subscribe(eventId: string, listener: QueueHeadListener): () => void;
  close(): Promise<void>;
}

export function createRedisQueueHeadBus(deps: { redis: Redis; subscriber: Redis }): QueueHeadBus {
  const listeners = new Map<string, Set<QueueHeadListener>>();
  const channelToEvent = new Map<string, string>();
  deps.subscriber.on("message", (channel: string, message: string) => {
    const eventId = channelToEvent.get(channel);
    if (!eventId) return;
    const head = JSON.parse(message) as QueueHead;
    for (const listener of listeners.get(eventId) ?? []) listener(head);
  });
  return {
    subscribe(eventId, listener) {
      let set = listeners.get(eventId);
      if (!set) {
        set = new Set();
        listeners.set(eventId, set);
        const channel = queueChannel(deps.redis, eventId);
        channelToEvent.set(channel, eventId);
        void deps.subscriber.subscribe(channel);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(eventId) === set) {
          listeners.delete(eventId);
          const channel = queueChannel(deps.redis, eventId);
          channelToEvent.delete(channel);
          void deps.subscriber.unsubscribe(channel);
        }
      };
    },
    async close() {
      listeners.clear();
      await deps.subscriber.quit().catch(() => undefined);
    },
  };
}
