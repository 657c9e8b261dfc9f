import { CHANGE_STREAM_MAX_LEN, keys, seatChangesChannel, type ChangeBatch, type Redis } from "@frontrow/redis";
import { createSharedSubscriptions } from "../pubsub/shared-subscriptions";

export type ChangeListener = (batches: ChangeBatch[]) => void;

export interface Backlog {
  /** False when the stream no longer reaches back to the requested sequence: refetch the snapshot. */
  complete: boolean;
  batches: ChangeBatch[];
  currentSeq: number;
}

/** Seat changes of events, live and replayed. Core owns the interface; Redis pub/sub + streams implement it. */
export interface ChangeBus {
  /**
   * Calls `listener` once per tick with every batch that arrived in it, in sequence order. Resolves (to the
   * unsubscribe function) once Redis confirmed the subscription, so nothing published after that is missed.
   */
  subscribe(eventId: string, listener: ChangeListener): Promise<() => void>;
  /** Changes with a sequence above `afterSeq`, from the event's capped stream. */
  readSince(eventId: string, afterSeq: number): Promise<Backlog>;
  close(): Promise<void>;
}

/**
 * One Redis subscriber connection per process, shared by every subscription of every event on it. Messages are
 * grouped per event per tick, so a burst of thousands of holds reaches each client as a few messages. A tick starts
 * with its first batch: after a quiet tick a change goes out at once (with whatever arrived in the same read), and
 * only the changes that follow it within `tickMs` wait for the tick's end. Waiting out a whole tick before the first
 * one put up to 50 ms on every change of a quiet moment, where seat maps are most often watched.
 */
export function createRedisChangeBus(deps: { redis: Redis; subscriber: Redis; tickMs?: number }): ChangeBus {
  const tickMs = deps.tickMs ?? 50;
  const subscriptions = createSharedSubscriptions(deps.subscriber, (message) => JSON.parse(message) as ChangeBatch, {
    sharded: true,
  });
  /** Per event: this process's listeners, and its one subscription to the event's channel. */
  const events = new Map<string, { listeners: Set<ChangeListener>; subscribed: Promise<() => void> }>();
  const pending = new Map<string, ChangeBatch[]>();
  let timer: NodeJS.Timeout | undefined;
  let lastFlushAt = -Infinity;

  const flush = () => {
    timer = undefined;
    lastFlushAt = performance.now();
    for (const [eventId, batches] of pending) {
      batches.sort((a, b) => a.seq - b.seq);
      for (const listener of events.get(eventId)?.listeners ?? []) listener(batches);
    }
    pending.clear();
  };

  return {
    async subscribe(eventId, listener) {
      let entry = events.get(eventId);
      if (!entry) {
        // Batches of the event are collected per tick and handed to all its listeners at once.
        const subscribed = subscriptions.subscribe(seatChangesChannel(deps.redis, eventId), (batch) => {
          const queue = pending.get(eventId);
          if (queue) queue.push(batch);
          else pending.set(eventId, [batch]);
          timer ??= setTimeout(flush, Math.max(0, lastFlushAt + tickMs - performance.now()));
        });
        entry = { listeners: new Set(), subscribed };
        events.set(eventId, entry);
      }
      const current = entry;
      current.listeners.add(listener);
      await current.subscribed;
      return () => {
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && events.get(eventId) === current) {
          events.delete(eventId);
          void current.subscribed.then((unsubscribe) => unsubscribe());
        }
      };
    },

    async readSince(eventId, afterSeq) {
      const { seq: seqKey, changes: changesKey } = keys.eventInventory(eventId);
      const [currentRaw, entries] = await Promise.all([
        deps.redis.get(seqKey),
        deps.redis.xrange(changesKey, `${afterSeq + 1}-0`, "+", "COUNT", CHANGE_STREAM_MAX_LEN),
      ]);
      const currentSeq = Number(currentRaw ?? 0);
      const batches = entries.map(([, fields]) => JSON.parse(fields[1]!) as ChangeBatch);
      const firstSeq = batches[0]?.seq;
      // Complete when nothing happened since, or the stream still holds the very next change.
      const complete = currentSeq >= afterSeq && (currentSeq === afterSeq || firstSeq === afterSeq + 1);
      return { complete, batches, currentSeq };
    },

    async close() {
      if (timer) clearTimeout(timer);
      events.clear();
      await subscriptions.close();
    },
  };
}
