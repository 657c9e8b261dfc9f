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

/** Where the fan stands: exact position (ZRANK) and an ETA from the configured admission rate. */
export async function getQueueStatus(
  deps: QueueDeps,
  input: { eventId: string; userId: string },
  lineStarted = false,
): Promise<QueueStatus> {
  const event = await waitingRoomRules(deps, input.eventId);
  const now = deps.clock.now();
  const [preKey, , lineKey, placeKey, , activeKey] = keys.queueKeys(input.eventId);
  const replies = await deps.redis
    .multi()
    .hget(preKey, input.userId)
    .zrank(lineKey, input.userId)
    .zscore(activeKey, input.userId)
    .hget(placeKey, input.userId)
    .exec();
  const [entryId, rank, activeUntil, place] = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [string | null, number | null, string | null, string | null];
  // A pre-queue fan after the on-sale: the shuffle happens now whether or not an admitter has ticked (or admission
  // is paused). Only this case pays the extra round trip; everyone else's status is one MULTI.
  if (!lineStarted && entryId && rank === null && !place && now >= event.onSaleAt) {
    await runQueueStart(deps.redis, { eventId: input.eventId, seed: event.fairnessSeed ?? input.eventId });
    return getQueueStatus(deps, input, true);
  }
  const base = { startsAt: event.onSaleAt, fairness: fairnessOf(event, now), ...(entryId ? { entryId } : {}) };

  if (activeUntil && Number(activeUntil) > now.getTime()) {
    const admittedUntil = new Date(Number(activeUntil));
    return {
      ...base,
      state: "admitted",
      position: place ? Number(place) : undefined,
      admittedUntil,
      accessPass: deps.passes.issue({ userId: input.userId, eventId: input.eventId, expiresAt: admittedUntil }),
    };
  }
  if (rank !== null) {
    const ahead = rank;
    return {
      ...base,
      state: "waiting",
      position: ahead + 1,
      ahead,
      etaSeconds: Math.ceil((ahead + 1) / (event.admitRatePerMinute / 60)),
    };
  }
  if (entryId && now.getTime() < event.onSaleAt.getTime()) return { ...base, state: "pre_queue" };
  if (place) return { ...base, state: "expired", position: Number(place) };
  return { ...base, state: "none" };
}
