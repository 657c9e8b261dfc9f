import type { Redis } from "./client";
import { keys } from "./keys";
import { scripts, type AdmitResult, type JoinResult } from "./lua-scripts";

/** The admission head as broadcast to every instance: one message per tick serves every waiter. */
export interface QueueHead {
  head: number;
  admitted: number;
  waiting: number;
  active: number;
  at: number;
}

export function queueChannel(redis: Redis, eventId: string): string {
  return `${redis.options.keyPrefix ?? ""}${keys.queueChannel(eventId)}`;
}

export function runQueueJoin(
  redis: Redis,
  args: { eventId: string; userId: string; entryId: string; nowMs: number; onSaleAtMs: number; seed: string },
): Promise<JoinResult> {
  return scripts.queueJoin(redis, keys.waitingRoom(args.eventId), args);
}

export function runQueueStart(redis: Redis, args: { eventId: string; seed: string }): Promise<number> {
  return scripts.queueStart(redis, keys.waitingRoom(args.eventId), { seed: args.seed });
}

export function runQueueLeave(redis: Redis, args: { eventId: string; userId: string }): Promise<boolean> {
  return scripts.queueLeave(redis, keys.waitingRoom(args.eventId), { userId: args.userId });
}

export function runQueueAdmit(
  redis: Redis,
  args: {
    eventId: string;
    fenceToken: number;
    nowMs: number;
    /** Fans a minute; 0 while admission is paused (nobody admitted, no credit banked). */
    ratePerMinute: number;
    maxActive: number;
    windowMs: number;
    seed: string;
    onSaleAtMs: number;
    /** The longest time since the previous step that earns credit. */
    maxCreditMs: number;
    /** The admitter's tick: unused credit carried over is at most one tick's worth. */
    tickMs: number;
  },
): Promise<AdmitResult> {
  const { eventId, ...admit } = args;
  return scripts.queueAdmit(redis, keys.waitingRoom(eventId), {
    ...admit,
    channel: queueChannel(redis, eventId),
  });
}

/** Takes or renews the admitter lease; returns the fencing token, or 0 when someone else holds it. */
export function runQueueLease(
  redis: Redis,
  args: { eventId: string; holderId: string; ttlMs: number },
): Promise<number> {
  return scripts.queueLease(
    redis,
    { lease: keys.queueLease(args.eventId), fence: keys.waitingRoom(args.eventId).fence },
    { holderId: args.holderId, ttlMs: args.ttlMs },
  );
}
