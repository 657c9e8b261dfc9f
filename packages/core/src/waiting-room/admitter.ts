import { randomUUID } from "node:crypto";
import { schema, type Database } from "@frontrow/db";
import { runQueueAdmit, runQueueLease, type Redis } from "@frontrow/redis";
import { and, eq, gt, inArray } from "drizzle-orm";
import { startBackgroundLoop } from "../background-loop";
import type { Clock } from "../clock";
import type { EventLayoutCache } from "../holds/event-layout";
import { QUEUE_SAMPLE_INTERVAL_MS, recordQueueSample } from "../admin/queue-samples";

export interface AdmitterOptions {
  tickMs?: number;
  leaseMs?: number;
  eventsRefreshMs?: number;
  onError?: (error: unknown) => void;
  onAdmitted?: (eventId: string, admitted: number, head: number) => void;
  /** How often the lease holder records a waiting-room sample for the organizer's chart. */
  sampleEveryMs?: number;
}

async function waitingRoomEventIds(db: Database, now: Date): Promise<string[]> {
  const { events } = schema;
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.waitingRoomEnabled, true), inArray(events.status, ["scheduled", "on_sale"]), gt(events.startsAt, now)));
  return rows.map((row) => row.id);
}

export type AdmitterDeps = { db: Database; redis: Redis; clock: Clock; layouts: EventLayoutCache };

/**
 * One admission step over every waiting-room event: for each, take or renew the lease (with a fencing token) and,
 * when this instance holds it, admit the fans the configured rate allows, never past the active-shopper cap.
 */
export function createAdmitter(deps: AdmitterDeps, options: AdmitterOptions = {}) {
  const tickMs = options.tickMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 5_000;
  const holderId = `admitter:${randomUUID()}`;
  const sampledAt = new Map<string, number>();
  const sampleEveryMs = options.sampleEveryMs ?? QUEUE_SAMPLE_INTERVAL_MS;
  const sampleIfDue = async (eventId: string, now: number, event: { admitRatePerMinute: number; admissionPaused: boolean }) => {
    if (now - (sampledAt.get(eventId) ?? -Infinity) < sampleEveryMs) return;
    sampledAt.set(eventId, now);
    await recordQueueSample(deps, { eventId, nowMs: now, admitRatePerMinute: event.admitRatePerMinute, paused: event.admissionPaused });
  };
  let eventIds: string[] = [];
  let eventsReadAt = -Infinity;
  const admitFor = async (eventId: string) => {
    const fenceToken = await runQueueLease(deps.redis, { eventId, holderId, ttlMs: leaseMs });
    if (fenceToken === 0) return;
    const { event } = await deps.layouts.get(eventId);
    const now = deps.clock.now().getTime();
    // Credit accrues in Redis (queue-admit-8.lua) for the time since the previous step of whichever instance held the
    // lease, however late this tick comes. A gap longer than the lease plus a tick earns only that much: by then
    // another instance could have taken over, so the admitter was away, not late. Paused (rate 0): the line still
    // forms at the on-sale, so fans see their places, but nobody is admitted and no credit is banked.
    const result = await runQueueAdmit(deps.redis, {
      eventId,
      fenceToken,
      nowMs: now,
      ratePerMinute: event.admissionPaused ? 0 : event.admitRatePerMinute,
      maxActive: event.maxActiveShoppers,
      windowMs: event.shoppingWindowSeconds * 1000,
      seed: event.fairnessSeed ?? eventId,
      onSaleAtMs: event.onSaleAt.getTime(),
      maxCreditMs: leaseMs + tickMs,
      tickMs,
    });
    if (result.fenced) return;
    if (result.admitted > 0) options.onAdmitted?.(eventId, result.admitted, result.head);
    await sampleIfDue(eventId, now, event);
  };

  return {
    holderId,
    async tick() {
      if (Date.now() - eventsReadAt >= (options.eventsRefreshMs ?? 5_000)) {
        eventIds = await waitingRoomEventIds(deps.db, deps.clock.now());
        eventsReadAt = Date.now();
      }
      await Promise.all(eventIds.map((eventId) => admitFor(eventId).catch((error: unknown) => options.onError?.(error))));
    },
  };
}

/**
 * Runs in every instance. For each waiting-room event exactly one instance holds the lease and admits; if it
 * dies, its lease lapses and another instance takes over within `leaseMs`.
 */
export function startAdmitter(deps: AdmitterDeps, options: AdmitterOptions = {}) {
  const admitter = createAdmitter(deps, options);
  const tickMs = options.tickMs ?? 1_000;
  // Ticks keep a fixed cadence (the next is due `tickMs` after this one started, not after it ended).
  let startedAt = 0;
  const untilNextTick = () => Math.max(0, startedAt + tickMs - Date.now());
  const loop = startBackgroundLoop(
    async () => {
      startedAt = Date.now();
      await admitter.tick();
      return untilNextTick();
    },
    { retryMs: untilNextTick, onError: options.onError },
  );
  return { holderId: admitter.holderId, stop: loop.stop };
}
