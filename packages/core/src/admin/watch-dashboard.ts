import type { Database } from "@frontrow/db";
import type { Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { ChangeBus } from "../holds/change-bus";
import type { EventLayoutCache } from "../holds/event-layout";
import type { EventUpdateBus } from "../pubsub/event-update-bus";
import type { QueueHeadBus } from "../waiting-room/queue-head-bus";
import { getEventDashboard } from "./event-dashboard";

export type EventDashboard = Awaited<ReturnType<typeof getEventDashboard>>;
export type DashboardListener = (dashboard: EventDashboard) => void;

export interface DashboardWatchersDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  changeBus: ChangeBus;
  queueHeads: QueueHeadBus;
  /** Organizer changes (status, admission, prices, seats blocked, the venue edited), made through any instance. */
  eventUpdates: Pick<EventUpdateBus, "subscribe">;
}

export interface DashboardWatchersOptions {
  /** At most one recomputation per event per this interval, however many changes arrive. */
  minIntervalMs?: number;
  /** Recompute this often even when nothing was published (fans joining the line publish nothing). */
  heartbeatMs?: number;
  onError?: (error: unknown, eventId: string) => void;
}

/** The live organizer dashboards of this process: one computation per event, shared by every admin watching it. */
export interface DashboardWatchers {
  /**
   * Calls `listener` with the event's dashboard at once (as soon as one is computed) and after every change.
   * Resolves to the unsubscribe function once the change feeds are subscribed.
   */
  subscribe(eventId: string, listener: DashboardListener): Promise<() => void>;
  close(): void;
}

interface WatchedEvent {
  listeners: Set<DashboardListener>;
  latest: EventDashboard | undefined;
  /** A recomputation is scheduled or running. */
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  /** Something changed while a recomputation was running: run again after it. */
  dirty: boolean;
  lastStartedAt: number;
  heartbeat: NodeJS.Timeout;
  ready: Promise<void>;
  stopFeeds: Array<() => void>;
}

/**
 * Dashboards driven by the event's seat changes, its admission heads, organizer updates and a slow heartbeat, coalesced so a burst
 * of thousands of holds costs a few recomputations a second per event on this instance, not one per admin.
 */
export function createDashboardWatchers(
  deps: DashboardWatchersDeps,
  options: DashboardWatchersOptions = {},
): DashboardWatchers {
  const minIntervalMs = options.minIntervalMs ?? 400;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const watched = new Map<string, WatchedEvent>();

  const recompute = async (eventId: string, entry: WatchedEvent) => {
    entry.timer = undefined;
    entry.running = true;
    entry.dirty = false;
    entry.lastStartedAt = Date.now();
    try {
      const dashboard = await getEventDashboard(deps, { eventId });
      if (watched.get(eventId) !== entry) return;
      entry.latest = dashboard;
      for (const listener of entry.listeners) listener(dashboard);
    } catch (error) {
      options.onError?.(error, eventId);
    } finally {
      entry.running = false;
      if (entry.dirty && watched.get(eventId) === entry) schedule(eventId, entry);
    }
  };

  const schedule = (eventId: string, entry: WatchedEvent) => {
    if (entry.running) {
      entry.dirty = true;
      return;
    }
    if (entry.timer) return;
    const wait = Math.max(0, entry.lastStartedAt + minIntervalMs - Date.now());
    entry.timer = setTimeout(() => void recompute(eventId, entry), wait);
  };

  const start = (eventId: string): WatchedEvent => {
    const entry: WatchedEvent = {
      listeners: new Set(),
      latest: undefined,
      timer: undefined,
      running: false,
      dirty: false,
      lastStartedAt: -Infinity,
      heartbeat: setInterval(() => schedule(eventId, entry), heartbeatMs),
      ready: Promise.resolve(),
      stopFeeds: [],
    };
    entry.heartbeat.unref();
    const onChange = () => schedule(eventId, entry);
    entry.ready = Promise.all([
      deps.changeBus.subscribe(eventId, onChange),
      deps.queueHeads.subscribe(eventId, onChange),
      deps.eventUpdates.subscribe(eventId, onChange),
    ]).then((unsubscribes) => {
      if (watched.get(eventId) === entry) entry.stopFeeds.push(...unsubscribes);
      else for (const unsubscribe of unsubscribes) unsubscribe();
      // The first computation starts once the feeds are live, so no change after it can be missed.
      schedule(eventId, entry);
    });
    watched.set(eventId, entry);
    return entry;
  };

  const stop = (eventId: string, entry: WatchedEvent) => {
    watched.delete(eventId);
    clearInterval(entry.heartbeat);
    clearTimeout(entry.timer);
    for (const unsubscribe of entry.stopFeeds.splice(0)) unsubscribe();
  };

  return {
    async subscribe(eventId, listener) {
      const entry = watched.get(eventId) ?? start(eventId);
      entry.listeners.add(listener);
      try {
        await entry.ready;
      } catch (error) {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0 && watched.get(eventId) === entry) stop(eventId, entry);
        throw error;
      }
      if (entry.latest) listener(entry.latest);
      return () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0 && watched.get(eventId) === entry) stop(eventId, entry);
      };
    },
    close() {
      for (const [eventId, entry] of [...watched]) stop(eventId, entry);
    },
  };
}

/**
 * The event's dashboard now and whenever it changes (only the newest when several arrived meanwhile), until
 * `signal` aborts.
 */
export async function* watchEventDashboard(
  deps: { dashboards: DashboardWatchers },
  input: { eventId: string; signal?: AbortSignal },
): AsyncGenerator<EventDashboard> {
  let pending: EventDashboard | undefined;
  let wake: (() => void) | undefined;
  const unsubscribe = await deps.dashboards.subscribe(input.eventId, (dashboard) => {
    pending = dashboard;
    wake?.();
  });
  const aborted = new Promise<void>((resolve) =>
    input.signal?.addEventListener("abort", () => resolve(), { once: true }),
  );
  try {
    while (!input.signal?.aborted) {
      if (!pending) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
        continue;
      }
      const next = pending;
      pending = undefined;
      yield next;
    }
  } finally {
    unsubscribe();
  }
}
