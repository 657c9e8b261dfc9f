import type { Redis } from "@frontrow/redis";

/**
 * Reference-counted subscriptions over one dedicated Redis connection: one SUBSCRIBE per channel however many
 * listeners this process has on it. `subscribe` resolves once Redis confirmed the subscription, so nothing
 * published after that is missed.
 */
export function createSharedSubscriptions<T>(subscriber: Redis, parse: (message: string) => T) {
  const listeners = new Map<string, Set<(value: T) => void>>();
  const confirmed = new Map<string, Promise<unknown>>();
  subscriber.on("message", (channel: string, message: string) => {
    const set = listeners.get(channel);
    if (!set) return;
    const value = parse(message);
    for (const listener of set) listener(value);
  });
  return {
    async subscribe(channel: string, listener: (value: T) => void): Promise<() => void> {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        confirmed.set(channel, subscriber.subscribe(channel));
      }
      set.add(listener);
      const listenersOfChannel = set;
      await confirmed.get(channel);
      return () => {
        listenersOfChannel.delete(listener);
        if (listenersOfChannel.size === 0 && listeners.get(channel) === listenersOfChannel) {
          listeners.delete(channel);
          confirmed.delete(channel);
          subscriber.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async close(): Promise<void> {
      listeners.clear();
      await subscriber.quit().catch(() => undefined);
    },
  };
}
