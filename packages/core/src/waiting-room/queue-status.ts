import { keys, runQueueStart, type Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { EventLayoutCache, EventRules } from "../holds/event-layout";
import type { AccessPassSigner } from "./access-pass";

export interface QueueStatus {
  state: "none" | "pre_queue" | "waiting" | "admitted" | "expired";
  position?: number;
  ahead?: number;
  etaSeconds?: number;
  accessPass?: string;
  admittedUntil?: Date;
  /** The fan's pre-queue entry, to find in the published shuffle. */
  entryId?: string;
  /** When the line starts (the on-sale). */
  startsAt: Date;
  fairness?: { seedHash: string; seed?: string };
}

export interface QueueDeps {
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  passes: AccessPassSigner;
}

export async function waitingRoomRules(deps: Pick<QueueDeps, "layouts">, eventId: string): Promise<EventRules> {
  const { event } = await deps.layouts.get(eventId);
  if (!event.waitingRoomEnabled) {
    throw new DomainError("NOT_FOUND", "This event has no waiting room: go straight to the seat map");
  }
  return event;
}

/** The seed is revealed only once the on-sale has started; its hash is public from the start. */
export function fairnessOf(event: EventRules, now: Date): QueueStatus["fairness"] {
  if (!event.fairnessSeedHash) return undefined;
  const revealed = now.getTime() >= event.onSaleAt.getTime();
  return { seedHash: event.fairnessSeedHash, ...(revealed && event.fairnessSeed ? { seed: event.fairnessSeed } : {}) };
}

/** A fan's standing as read from Redis, with their place in line (kept after admission) when they have one. */
export interface FanQueueRead {
  status: QueueStatus;
  place: number | undefined;
}

/** The status of a waiting fan with `ahead` fans before them, the ETA from `ratePerSecond` (else the configured rate). */
export function waitingStatus(
  event: EventRules,
  base: Pick<QueueStatus, "startsAt" | "fairness" | "entryId">,
  ahead: number,
  ratePerSecond?: number,
): QueueStatus {
  const rate = ratePerSecond && ratePerSecond > 0 ? ratePerSecond : event.admitRatePerMinute / 60;
  return { ...base, state: "waiting", position: ahead + 1, ahead, etaSeconds: Math.ceil((ahead + 1) / rate) };
}

/** The status of an admitted fan, with a fresh access pass that lasts as long as their shopping window. */
export function admittedStatus(
  deps: Pick<QueueDeps, "passes">,
  input: { eventId: string; userId: string },
  base: Pick<QueueStatus, "startsAt" | "fairness" | "entryId">,
  admittedUntil: Date,
  place: number | undefined,
): QueueStatus {
  return {
    ...base,
    state: "admitted",
    position: place,
    admittedUntil,
    accessPass: deps.passes.issue({ userId: input.userId, eventId: input.eventId, expiresAt: admittedUntil }),
  };
}

/** Where the fan stands: exact position (ZRANK), their place, and an ETA from the configured admission rate. */
export async function readFanQueue(
  deps: QueueDeps,
  input: { eventId: string; userId: string },
  lineStarted = false,
): Promise<FanQueueRead> {
  const event = await waitingRoomRules(deps, input.eventId);
  const now = deps.clock.now();
  const { pre: preKey, line: lineKey, place: placeKey, active: activeKey } = keys.waitingRoom(input.eventId);
  const replies = await deps.redis
    .multi()
    .hget(preKey, input.userId)
    .zrank(lineKey, input.userId)
    .zscore(activeKey, input.userId)
    .hget(placeKey, input.userId)
    .exec();
  const [entryId, rank, activeUntil, placeText] = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [string | null, number | null, string | null, string | null];
  // A pre-queue fan after the on-sale: the shuffle happens now whether or not an admitter has ticked (or admission
  // is paused). Only this case pays the extra round trip; everyone else's status is one MULTI.
  if (!lineStarted && entryId && rank === null && !placeText && now >= event.onSaleAt) {
    await runQueueStart(deps.redis, { eventId: input.eventId, seed: event.fairnessSeed ?? input.eventId });
    return readFanQueue(deps, input, true);
  }
  const place = placeText ? Number(placeText) : undefined;
  const base = { startsAt: event.onSaleAt, fairness: fairnessOf(event, now), ...(entryId ? { entryId } : {}) };

  if (activeUntil && Number(activeUntil) > now.getTime()) {
    return { place, status: admittedStatus(deps, input, base, new Date(Number(activeUntil)), place) };
  }
  if (rank !== null) return { place, status: waitingStatus(event, base, rank) };
  if (entryId && now.getTime() < event.onSaleAt.getTime()) return { place, status: { ...base, state: "pre_queue" } };
  if (place !== undefined) return { place, status: { ...base, state: "expired", position: place } };
  return { place, status: { ...base, state: "none" } };
}

export async function getQueueStatus(deps: QueueDeps, input: { eventId: string; userId: string }): Promise<QueueStatus> {
  return (await readFanQueue(deps, input)).status;
}
