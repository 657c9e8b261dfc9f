import type { Redis } from "./client";
import { keys } from "./keys";

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

export type JoinState = "pre_queue" | "waiting" | "admitted";

export async function runQueueJoin(
  redis: Redis,
  args: { eventId: string; userId: string; entryId: string; nowMs: number; onSaleAtMs: number; seed: string },
): Promise<{ state: JoinState; place: number; entryId: string; ahead: number; activeUntilMs: number }> {
  const [state, place, entryId, detail] = await redis.queueJoin(
    ...keys.queueKeys(args.eventId),
    args.userId,
    args.entryId,
    args.nowMs,
    args.onSaleAtMs,
    args.seed,
  );
  return {
    state: state as JoinState,
    place: Number(place),
    entryId,
    ahead: state === "waiting" ? Number(detail) : 0,
    activeUntilMs: state === "admitted" ? Number(detail) : 0,
  };
}

export async function runQueueStart(redis: Redis, args: { eventId: string; seed: string }): Promise<number> {
  return Number(await redis.queueStart(...keys.queueKeys(args.eventId), args.seed));
}

export async function runQueueLeave(redis: Redis, args: { eventId: string; userId: string }): Promise<boolean> {
  return (await redis.queueLeave(...keys.queueKeys(args.eventId), args.userId)) === 1;
}

export type AdmitResult = { fenced: true } | { fenced: false; admitted: number; head: number; waiting: number; active: number };

export async function runQueueAdmit(
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
  const reply = await redis.queueAdmit(
    ...keys.queueKeys(args.eventId),
    args.fenceToken,
    args.nowMs,
    args.ratePerMinute,
    args.maxActive,
    args.windowMs,
    queueChannel(redis, args.eventId),
    args.seed,
    args.onSaleAtMs,
    args.maxCreditMs,
    args.tickMs,
  );
  if (reply[0] === -1) return { fenced: true };
  const [admitted, head, waiting, active] = reply.map(Number) as [number, number, number, number];
  return { fenced: false, admitted, head, waiting, active };
}

/** Takes or renews the admitter lease; returns the fencing token, or 0 when someone else holds it. */
export async function runQueueLease(
  redis: Redis,
  args: { eventId: string; holderId: string; ttlMs: number },
): Promise<number> {
  const fence = keys.queueKeys(args.eventId)[6];
  return Number(await redis.queueLease(keys.queueLease(args.eventId), fence, args.holderId, args.ttlMs));
}
