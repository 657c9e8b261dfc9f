import { keys, type Redis } from "@frontrow/redis";

/** How often the admitter records a waiting-room sample, and how many are kept: one hour of history. */
export const QUEUE_SAMPLE_INTERVAL_MS = 10_000;
export const QUEUE_SAMPLES_KEPT = 360;

/** The waiting room at one moment, for the organizer's queue chart. */
export interface QueueSample {
  at: Date;
  /** Fans in line (before the on-sale: in the pre-queue). */
  waiting: number;
  /** Fans admitted since the line started, in all. */
  admitted: number;
  activeShoppers: number;
  admitRatePerMinute: number;
  paused: boolean;
}

interface StoredSample {
  at: number;
  waiting: number;
  admitted: number;
  activeShoppers: number;
  admitRatePerMinute: number;
  paused: boolean;
}

/**
 * Reads the waiting room's counts and appends them to the event's capped sample list. Called by the admitter that
 * holds the event's lease, so one instance writes each event's history.
 */
export async function recordQueueSample(
  deps: { redis: Redis },
  input: { eventId: string; nowMs: number; admitRatePerMinute: number; paused: boolean },
): Promise<QueueSample> {
  const { pre: preKey, line: lineKey, state: stateKey, active: activeKey } = keys.waitingRoom(input.eventId);
  const replies = await deps.redis
    .multi()
    .hlen(preKey)
    .zcard(lineKey)
    .zcount(activeKey, `(${input.nowMs}`, "+inf")
    .hmget(stateKey, "started", "admitted")
    .exec();
  const [preQueue, inLine, activeShoppers, [started, admitted]] = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [number, number, number, [string | null, string | null]];
  const stored: StoredSample = {
    at: input.nowMs,
    waiting: started === "1" ? inLine : preQueue,
    admitted: Number(admitted ?? 0),
    activeShoppers,
    admitRatePerMinute: input.admitRatePerMinute,
    paused: input.paused,
  };
  const samplesKey = keys.queueSamples(input.eventId);
  await deps.redis
    .multi()
    .rpush(samplesKey, JSON.stringify(stored))
    .ltrim(samplesKey, -QUEUE_SAMPLES_KEPT, -1)
    .exec();
  return { ...stored, at: new Date(stored.at) };
}

/** The event's recorded waiting-room samples, oldest first. */
export async function readQueueSamples(
  deps: { redis: Redis },
  input: { eventId: string },
): Promise<QueueSample[]> {
  const raw = await deps.redis.lrange(keys.queueSamples(input.eventId), 0, -1);
  return raw.map((json) => {
    const stored = JSON.parse(json) as StoredSample;
    return { ...stored, at: new Date(stored.at) };
  });
}
