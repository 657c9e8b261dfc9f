import { CHANGE_STREAM_MAX_LEN, keys, seatChangesChannel, type ChangeBatch, type Redis } from "@frontrow/redis";

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
 * grouped per event per tick, so a burst of thousands of holds reaches each client as a few messages.
 */
export function createRedisChangeBus(deps: { redis: Redis; subscriber: Redis; tickMs?: number }): ChangeBus {
  const tickMs = deps.tickMs ?? 50;
  const listeners = new Map<string, Set<ChangeListener>>();
  const channelToEvent = new Map<string, string>();
  const subscribed = new Map<string, Promise<unknown>>();
  const pending = new Map<string, ChangeBatch[]>();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    for (const [eventId, batches] of pending) {
      batches.sort((a, b) => a.seq - b.seq);
      for (const listener of listeners.get(eventId) ?? []) listener(batches);
    }
    pending.clear();
  };

  deps.subscriber.on("message", (channel: string, message: string) => {
    const eventId = channelToEvent.get(channel);
    if (!eventId) return;
    const batch = JSON.parse(message) as ChangeBatch;
    const queue = pending.get(eventId);
    if (queue) queue.push(batch);
    else pending.set(eventId, [batch]);
    timer ??= setTimeout(flush, tickMs);
  });

  return {
    async subscribe(eventId, listener) {
      const channel = seatChangesChannel(deps.redis, eventId);
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

    async readSince(eventId, afterSeq) {
      const [, , , , , , seqKey, changesKey] = keys.holdKeys(eventId);
      const [currentRaw, entries] = await Promise.all([
        deps.redis.get(seqKey),
        deps.redis.xrange(changesKey, `${afterSeq + 1}-0`, "+", "COUNT", CHANGE_STREAM_MAX_LEN),
      ]);
      const currentSeq = Number(currentRaw ?? 0);
      const batches = entries.map(([, fields]) => JSON.parse(fields[1]!) as ChangeBatch);
      const firstSeq = batches[0]?.seq;
      // Complete when nothing happened since, or the stream still holds the very next change.
      const complete =
        currentSeq >= afterSeq && (currentSeq === afterSeq || firstSeq === afterSeq + 1);
      return { complete, batches, currentSeq };
    },

    async close() {
      if (timer) clearTimeout(timer);
      listeners.clear();
      await deps.subscriber.quit().catch(() => undefined);
    },
  };
}
