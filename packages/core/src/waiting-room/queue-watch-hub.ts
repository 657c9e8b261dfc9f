import { keys } from "@frontrow/redis";
import type { EventRules } from "../holds/event-layout";
import type { QueueHeadBus } from "./queue-head-bus";
import {
  fairnessOf,
  readFanQueue,
  waitingRoomRules,
  waitingStatus,
  type FanQueueRead,
  type QueueDeps,
  type QueueStatus,
} from "./queue-status";

export interface QueueWatchHubOptions {
  /** Every waiting fan is sent their position at least this often, whether or not the line moved. */
  tickMs?: number;
}

/** One subscriber (a tab): handed the fan's status on every change and every tick, synchronously. */
export interface QueueWatcher {
  deliver(status: QueueStatus): void;
}

interface Fan {
  userId: string;
  watchers: Set<QueueWatcher>;
  status: QueueStatus;
  /** The fan's place in line (1 = first ever given) while waiting: their position is derived from it each tick. */
  place: number | undefined;
  /** An exact read is under way (or due): derived pushes wait for it. */
  reading: boolean;
  /** The first exact read failed: the next tick reads the fan again. */
  unread: boolean;
  /** The place `status` was about, when it says waiting. */
  statusPlace: number | undefined;
}

/** How many fans are pushed their status before the process turns to other work (joins, new subscriptions)… */
const PUSH_SLICE = 512;
/**
 * …but a tick turns to other work at most this often: on a saturated process every turn of the event loop is long
 * (it handles everything that arrived meanwhile), so 19 slices of 512 for 9,500 fans stretched a tick past 2 s.
 */
const MAX_YIELDS_PER_TICK = 4;

/**
 * A fan's position never goes up while they keep their place. An exact read and a tick's derived positions can
 * cross (the tick read the head before the exact read did, and its pushes go out slice by slice): the later push
 * keeps the better of the two.
 */
export function neverBack(
  last: { status: QueueStatus; place: number | undefined },
  next: { status: QueueStatus; place: number | undefined },
): QueueStatus {
  const before = last.status;
  const status = next.status;
  if (status.state !== "waiting" || before.state !== "waiting" || last.place !== next.place) return status;
  if (status.ahead === undefined || before.ahead === undefined || status.ahead <= before.ahead) return status;
  const etaSeconds =
    status.etaSeconds === undefined ? undefined : Math.ceil((status.etaSeconds * (before.ahead + 1)) / (status.ahead + 1));
  return { ...status, position: before.position, ahead: before.ahead, etaSeconds };
}

/** Binary search: how many of the sorted `values` are < `limit`. */
function countBelow(values: number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The waiting room's live positions for every fan subscribed on this process. Per event and tick it reads the
 * line's state once (head = highest place admitted, the admitted count, and the places given up since the last
 * read) in one round trip, whatever the number of fans; each fan's position is then derived locally from their own
 * place: `place − head − places given up between the head and theirs`. A tick runs when the admitter publishes a
 * head (so an admitted fan hears at once) and at least every `tickMs`; every waiting fan gets their position on
 * every tick. Only the fans whose turn may have come (their place reached by the head, or given up elsewhere), and
 * pre-queue fans once at the start, are read one by one.
 */
export function createQueueWatchHub(
  deps: QueueDeps & { queueHeads: QueueHeadBus },
  options: QueueWatchHubOptions = {},
) {
  const tickMs = options.tickMs ?? 1_000;
  const rooms = new Map<string, ReturnType<typeof openRoom>>();

  function openRoom(eventId: string) {
    const { place: placeKey, state: stateKey, left: leftKey } = keys.waitingRoom(eventId);
    const fans = new Map<string, Fan>();
    /** Waiting fans by their place, to notice a fan who gave their place up from another tab. */
    const byPlace = new Map<number, Fan>();
    /** Places given up, sorted, above the head (those at or below it no longer matter). */
    let left: number[] = [];
    let leftRead = 0;
    let head = 0;
    let started = false;
    /** (time, admitted in all) of recent ticks: the measured admission rate for the ETA. */
    const samples: Array<{ at: number; admitted: number }> = [];
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    let closed = false;
    // Resolves once Redis confirmed the subscription (to the function that ends it).
    const subscribed = deps.queueHeads.subscribe(eventId, () => runSoon());

    const send = (fan: Fan, next: QueueStatus) => {
      const status = neverBack({ status: fan.status, place: fan.statusPlace }, { status: next, place: fan.place });
      fan.status = status;
      fan.statusPlace = fan.place;
      for (const watcher of fan.watchers) watcher.deliver(status);
    };

    const adopt = (fan: Fan, read: FanQueueRead) => {
      if (fan.place !== undefined && byPlace.get(fan.place) === fan) byPlace.delete(fan.place);
      fan.place = read.status.state === "waiting" ? read.place : undefined;
      if (fan.place !== undefined) byPlace.set(fan.place, fan);
      fan.reading = false;
      fan.unread = false;
      send(fan, read.status);
    };

    const readExactly = async (batch: Fan[]) => {
      for (const fan of batch) fan.reading = true;
      await Promise.all(
        batch.map(async (fan) => {
          try {
            if (fans.get(fan.userId) === fan) adopt(fan, await readFanQueue(deps, { eventId, userId: fan.userId }));
          } catch {
            fan.reading = false; // tried again next tick
          }
        }),
      );
    };

    /** A new fan's status, read exactly once heads published from now on reach this room; else the next tick's. */
    const firstRead = async (fan: Fan) => {
      try {
        await subscribed;
        if (fans.get(fan.userId) === fan) adopt(fan, await readFanQueue(deps, { eventId, userId: fan.userId }));
      } catch {
        fan.reading = false;
        fan.unread = true;
      }
    };

    /** At the start, every pre-queue fan of this process got a place: one HMGET for all of them. */
    const placePreQueue = async (event: EventRules) => {
      const waiting = [...fans.values()].filter((fan) => fan.status.state === "pre_queue" && !fan.reading);
      if (waiting.length === 0) return;
      const places = await deps.redis.hmget(placeKey, ...waiting.map((fan) => fan.userId));
      const now = deps.clock.now();
      const unplaced: Fan[] = [];
      waiting.forEach((fan, i) => {
        const place = places[i] ? Number(places[i]) : undefined;
        if (place === undefined || place <= head) unplaced.push(fan);
        else {
          const entry = fan.status.entryId ? { entryId: fan.status.entryId } : {};
          const base = { startsAt: event.onSaleAt, fairness: fairnessOf(event, now), ...entry };
          adopt(fan, { place, status: waitingStatus(event, base, aheadOf(place)) });
        }
      });
      await readExactly(unplaced);
    };

    /** Fans still in line ahead of `place`: every place between the head and it, less those given up. */
    const aheadOf = (place: number) => Math.max(0, place - head - 1 - (countBelow(left, place) - countBelow(left, head + 1)));

    const measuredRate = (): number | undefined => {
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last.at - first.at < 2_000) return undefined;
      return (last.admitted - first.admitted) / ((last.at - first.at) / 1000);
    };

    const tick = async () => {
      const replies = await deps.redis.multi().hmget(stateKey, "started", "head", "admitted").lrange(leftKey, leftRead, -1).exec();
      const [[stateError, state], [leftError, newlyLeft]] = replies as [[Error | null, Array<string | null>], [Error | null, string[]]];
      if (stateError) throw stateError;
      if (leftError) throw leftError;
      const event = await waitingRoomRules(deps, eventId);
      const now = Date.now();
      const justStarted = !started && state[0] === "1";
      started = state[0] === "1";
      head = Number(state[1] ?? 0);
      samples.push({ at: now, admitted: Number(state[2] ?? 0) });
      while (samples.length > 1 && now - samples[0]!.at > 30_000) samples.shift();

      const due: Fan[] = [];
      leftRead += newlyLeft.length;
      for (const text of newlyLeft) {
        const place = Number(text);
        const fan = byPlace.get(place);
        if (fan) due.push(fan); // left from another tab or device
        if (place > head) left.splice(countBelow(left, place), 0, place);
      }
      if (left.length > 0 && left[0]! <= head) left = left.slice(countBelow(left, head + 1));

      if (justStarted) await placePreQueue(event);

      const clockNow = deps.clock.now();
      const rate = measuredRate();
      const base = { startsAt: event.onSaleAt, fairness: fairnessOf(event, clockNow) };
      let pushed = 0;
      const slice = Math.max(PUSH_SLICE, Math.ceil(fans.size / MAX_YIELDS_PER_TICK));
      for (const fan of fans.values()) {
        if (fan.unread && !fan.reading) due.push(fan);
        if (fan.reading || fan.unread) continue;
        const { status, place } = fan;
        if (status.state === "admitted") {
          if (status.admittedUntil && status.admittedUntil <= clockNow) due.push(fan);
          continue;
        }
        if (status.state === "pre_queue" && started) {
          due.push(fan); // not placed at the start (joined on another instance meanwhile): read once
          continue;
        }
        if (status.state !== "waiting" || place === undefined) continue;
        if (place <= head) {
          due.push(fan); // the head reached this fan: admitted (or gave up the place meanwhile)
          continue;
        }
        const entry = status.entryId ? { entryId: status.entryId } : {};
        send(fan, waitingStatus(event, { ...base, ...entry }, aheadOf(place), rate));
        // Thousands of pushes are one long turn of the event loop: joins and new subscribers are served between
        // slices (fans added meanwhile are still being read; fans removed are skipped by the iteration).
        if (++pushed % slice === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await readExactly([...new Set(due)].filter((fan) => !fan.reading));
    };

    const cycle = async () => {
      clearTimeout(timer);
      const startedAt = Date.now();
      try {
        do {
          again = false;
          await tick();
        } while (again && !closed);
      } catch {
        // Redis away for a moment: the next tick tries again, fans keep their last status meanwhile.
      } finally {
        running = undefined;
        // A steady cadence from tick start to tick start: a tick that took 800 ms on a busy process used to push
        // its fans again 1.8 s later. A tick longer than the period still leaves the process a quarter of one.
        if (!closed) timer = setTimeout(runSoon, Math.max(tickMs / 4, tickMs - (Date.now() - startedAt)));
      }
    };

    function runSoon() {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = cycle();
    }
    timer = setTimeout(runSoon, tickMs);

    return {
      /**
       * Adds a subscriber at once (so the room cannot close meanwhile). A fan already watched here is handed their
       * current status; a new one gets it from an exact read, after the room's head subscription is confirmed.
       */
      add(userId: string, watcher: QueueWatcher): void {
        const known = fans.get(userId);
        if (known) {
          known.watchers.add(watcher);
          if (!known.reading && !known.unread) watcher.deliver(known.status);
          return;
        }
        const fan: Fan = {
          userId,
          watchers: new Set([watcher]),
          status: { state: "none", startsAt: new Date(0) },
          place: undefined,
          reading: true,
          unread: false,
          statusPlace: undefined,
        };
        fans.set(userId, fan);
        void firstRead(fan);
      },
      remove(userId: string, watcher: QueueWatcher): boolean {
        const fan = fans.get(userId);
        if (!fan) return fans.size === 0;
        fan.watchers.delete(watcher);
        if (fan.watchers.size === 0) {
          fans.delete(userId);
          if (fan.place !== undefined && byPlace.get(fan.place) === fan) byPlace.delete(fan.place);
        }
        return fans.size === 0;
      },
      async close(): Promise<void> {
        closed = true;
        clearTimeout(timer);
        (await subscribed.catch(() => () => undefined))();
        await running;
      },
      get fanCount() {
        return fans.size;
      },
    };
  }

  /** The event's room, opened on its first subscriber. */
  function roomOf(eventId: string) {
    let room = rooms.get(eventId);
    if (!room) {
      room = openRoom(eventId);
      rooms.set(eventId, room);
    }
    return room;
  }

  function remove(input: { eventId: string; userId: string }, watcher: QueueWatcher): Promise<void> {
    const room = rooms.get(input.eventId);
    if (!room?.remove(input.userId, watcher)) return Promise.resolve();
    rooms.delete(input.eventId);
    return room.close();
  }

  return {
    /**
     * Hands `watcher` the fan's status: the current one as soon as it is known, then every change and, while the fan
     * waits, their position every tick. The caller has checked the event has a waiting room (`waitingRoomRules`).
     */
    add(input: { eventId: string; userId: string }, watcher: QueueWatcher): void {
      roomOf(input.eventId).add(input.userId, watcher);
    },
    /** Stops handing `watcher` statuses; resolves once the room closed if it was its event's last subscriber here. */
    remove,
    /** The fan's status as a stream (tRPC's subscription): the current one at once, then as `add` hands them. */
    async *watch(input: { eventId: string; userId: string; signal?: AbortSignal }): AsyncGenerator<QueueStatus> {
      await waitingRoomRules(deps, input.eventId); // NOT_FOUND before anything is opened
      let pending: QueueStatus | undefined;
      let wake: (() => void) | undefined;
      const watcher: QueueWatcher = {
        deliver(status) {
          pending = status;
          wake?.();
        },
      };
      const stop = () => wake?.();
      input.signal?.addEventListener("abort", stop, { once: true });
      try {
        roomOf(input.eventId).add(input.userId, watcher);
        while (!input.signal?.aborted) {
          const next = pending;
          if (next) {
            pending = undefined;
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        input.signal?.removeEventListener("abort", stop);
        await remove(input, watcher);
      }
    },
    /** Fans subscribed on this process, per event (for tests and metrics). */
    fansOf(eventId: string): number {
      return rooms.get(eventId)?.fanCount ?? 0;
    },
    async close(): Promise<void> {
      const open = [...rooms.values()];
      rooms.clear();
      await Promise.all(open.map((room) => room.close()));
    },
  };
}

export type QueueWatchHub = ReturnType<typeof createQueueWatchHub>;
