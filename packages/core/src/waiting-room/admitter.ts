import { randomUUID } from "node:crypto";
import { schema, type Database } from "@frontrow/db";
import { runQueueAdmit, runQueueLease, runQueueStart, type Redis } from "@frontrow/redis";
import { and, eq, gt, inArray } from "drizzle-orm";
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
  const credit = new Map<string, { at: number; carry: number }>();
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
    if (fenceToken === 0) {
      credit.delete(eventId);
      return;
    }
    const { event } = await deps.layouts.get(eventId);
    const now = deps.clock.now().getTime();
    // Paused by the organizer: keep the lease and the line, admit nobody, and bank no credit meanwhile.
    if (event.admissionPaused) {
      credit.set(eventId, { at: now, carry: 0 });
      // The line still forms at the on-sale, so fans see their places while admission is paused.
      if (now >= event.onSaleAt.getTime()) await runQueueStart(deps.redis, { eventId, seed: event.fairnessSeed ?? eventId });
      await sampleIfDue(eventId, now, event);
      return;
    }
    // Admission credit accrues at the configured rate for the time since the previous tick, however late this tick
    // comes (an event-loop stall must not lower the rate); whole fans are admitted and the fraction carries over.
    // Unused credit is capped at one tick's worth, and none is kept while nobody waits, so a quiet spell (or the wait
    // before the on-sale) can never be released as a burst. A gap longer than the lease counts as the lease: the
    // lease may have lapsed meanwhile.
    const perTick = Math.max(1, (event.admitRatePerMinute * tickMs) / 60_000);
    const last = credit.get(eventId) ?? { at: now - tickMs, carry: 0 };
    const elapsed = Math.min(Math.max(0, now - last.at), leaseMs);
    const earned = last.carry + (elapsed / 60_000) * event.admitRatePerMinute;
    const budget = Math.floor(earned);
    const result = await runQueueAdmit(deps.redis, {
      eventId,
      fenceToken,
      nowMs: now,
      budget,
      maxActive: event.maxActiveShoppers,
      windowMs: event.shoppingWindowSeconds * 1000,
      seed: event.fairnessSeed ?? eventId,
      onSaleAtMs: event.onSaleAt.getTime(),
    });
    if (result.fenced) {
      credit.delete(eventId);
      return;
    }
    // Credit carries over only while fans are waiting; with an empty line (or none yet) there is nobody to owe.
    credit.set(eventId, { at: now, carry: result.waiting > 0 ? Math.min(earned - result.admitted, perTick) : 0 });
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
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => admitter.tick();
  // Ticks keep a fixed cadence (the next is due `tickMs` after this one started, not after it ended).
  const loop = () => {
    const startedAt = Date.now();
    running = tick()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, Math.max(0, startedAt + tickMs - Date.now()));
      });
  };
  loop();
  return {
    holderId: admitter.holderId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
