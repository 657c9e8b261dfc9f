import { eventUpdatesChannel, type Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { EventLayoutCache } from "../holds/event-layout";
import { createSharedSubscriptions } from "./shared-subscriptions";

/** What an organizer's change touched, so a fan's screen knows what to reload. */
export type EventUpdateReason = "status" | "details" | "prices" | "inventory" | "admission";

export interface EventUpdate {
  eventId: string;
  reason: EventUpdateReason;
  at: Date;
}

export interface EventUpdatePublisher {
  /**
   * Tells every instance, this one included, that an organizer changed the event: each drops its cached layout
   * and tells its fans watching the event. Call it after the change committed. Never throws: a lost message
   * only delays other instances until their cache refresh (see createEventLayoutCache).
   */
  publish(eventId: string, reason: EventUpdateReason): Promise<void>;
}

export interface EventUpdateBus extends EventUpdatePublisher {
  /** Resolves (to the unsubscribe function) once Redis confirmed the subscription. */
  subscribe(eventId: string, listener: (update: EventUpdate) => void): Promise<() => void>;
  close(): Promise<void>;
}

interface WireUpdate {
  eventId: string;
  reason: EventUpdateReason;
  at: string;
}

/**
 * Organizer changes over Redis pub/sub, on one channel for every event, so that every instance hears every
 * change and drops its cached layout at once, whether or not any of its fans watch that event.
 */
export function createRedisEventUpdateBus(deps: {
  redis: Redis;
  subscriber: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  onError?: (error: unknown) => void;
}): EventUpdateBus {
  const channel = eventUpdatesChannel(deps.redis);
  const subscriptions = createSharedSubscriptions(deps.subscriber, (message): EventUpdate => {
    const wire = JSON.parse(message) as WireUpdate;
    return { eventId: wire.eventId, reason: wire.reason, at: new Date(wire.at) };
  });
  const invalidating = subscriptions.subscribe(channel, (update) => deps.layouts.invalidate(update.eventId));
  invalidating.catch((error: unknown) => deps.onError?.(error));

  return {
    async publish(eventId, reason) {
      deps.layouts.invalidate(eventId);
      const wire: WireUpdate = { eventId, reason, at: deps.clock.now().toISOString() };
      await deps.redis.publish(channel, JSON.stringify(wire)).catch((error: unknown) => deps.onError?.(error));
    },
    async subscribe(eventId, listener) {
      await invalidating;
      return subscriptions.subscribe(channel, (update) => {
        if (update.eventId === eventId) listener(update);
      });
    },
    close: () => subscriptions.close(),
  };
}

/**
 * An event's organizer changes as they happen, until `signal` aborts. Subscribes before the first yield, so
 * nothing published after the subscription is confirmed is missed.
 */
export async function* watchEventUpdates(
  deps: { eventUpdates: EventUpdateBus },
  input: { eventId: string; signal?: AbortSignal },
): AsyncGenerator<EventUpdate> {
  const queue: EventUpdate[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = await deps.eventUpdates.subscribe(input.eventId, (update) => {
    queue.push(update);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => input.signal?.addEventListener("abort", () => resolve(), { once: true }));
  try {
    while (!input.signal?.aborted) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = undefined;
    }
  } finally {
    unsubscribe();
  }
}
