import type { Redis } from "@frontrow/redis";

/**
 * Reference-counted subscriptions over one dedicated Redis connection: one SUBSCRIBE per channel however many
 * listeners this process has on it. `subscribe` resolves once Redis confirmed the subscription, so nothing
 * published after that is missed.
 *
 * `sharded` channels (an event's seat changes and admission heads, published with SPUBLISH) use SSUBSCRIBE: on a
 * Redis Cluster a message then travels only within the shard of its event. The others (organizer changes, session
 * revocations) use SUBSCRIBE, which a cluster broadcasts to every node, because every instance must hear them.
 */
export function createSharedSubscriptions<T>(subscriber: Redis, parse: (message: string) => T, options: { sharded?: boolean } = {}) {
  const listeners = new Map<string, Set<(value: T) => void>>();
  const confirmed = new Map<string, Promise<unknown>>();
  subscriber.on(options.sharded ? "smessage" : "message", (channel: string, message: string) => {
    const set = listeners.get(channel);
    if (!set) return;
    const value = parse(message);
    for (const listener of set) listener(value);
  });
  const subscribeTo = (channel: string) => (options.sharded ? subscriber.ssubscribe(channel) : subscriber.subscribe(channel));
  const unsubscribeFrom = (channel: string) =>
    options.sharded ? subscriber.sunsubscribe(channel) : subscriber.unsubscribe(channel);
  return {
    async subscribe(channel: string, listener: (value: T) => void): Promise<() => void> {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        confirmed.set(channel, subscribeTo(channel));
      }
      set.add(listener);
      const listenersOfChannel = set;
      await confirmed.get(channel);
      return () => {
        listenersOfChannel.delete(listener);
        if (listenersOfChannel.size === 0 && listeners.get(channel) === listenersOfChannel) {
          listeners.delete(channel);
          confirmed.delete(channel);
          unsubscribeFrom(channel).catch(() => undefined);
        }
      };
    },
    async close(): Promise<void> {
      listeners.clear();
      await subscriber.quit().catch(() => undefined);
    },
  };
}
