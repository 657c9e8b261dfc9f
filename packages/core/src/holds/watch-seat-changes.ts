import type { ChangeBatch, SeatChange, SectionChange } from "@frontrow/redis";
import type { ChangeBus } from "./change-bus";
import type { EventLayout, EventLayoutCache } from "./event-layout";
import { layoutVersionOf, seatOrderOf } from "./layout-order";

/** A seat's change with its index in the layout `version` of the message (clients without seat ids use it). */
export type IndexedSeatChange = SeatChange & { index?: number };

export interface SeatChangeMessage {
  seq: number;
  /** The layout version the seat changes' `index` point into. */
  version?: string;
  changes: Array<IndexedSeatChange | SectionChange>;
  /** The client is too far behind for a replay: load the seat map again and resume from its seq. */
  refetch?: true;
}

/**
 * Folds batches into one message: the last state of each seat or section wins. Seat changes carry their layout
 * index when the layout is at hand.
 */
function merge(batches: ChangeBatch[], layout: EventLayout | undefined): SeatChangeMessage {
  const latest = new Map<string, SeatChange | SectionChange>();
  for (const batch of batches) {
    for (const change of batch.changes)
      latest.set("seatId" in change ? change.seatId : `s:${change.sectionId}`, change);
  }
  const seq = batches.at(-1)!.seq;
  if (!layout) return { seq, changes: [...latest.values()] };
  const { indexOf } = seatOrderOf(layout);
  const changes = [...latest.values()].map((change) => {
    const index = "seatId" in change ? indexOf.get(change.seatId) : undefined;
    return index === undefined ? change : { ...change, index };
  });
  return { seq, version: layoutVersionOf(layout), changes };
}

const RETRY_MS = [100, 250, 500, 1_000, 2_000];

/** Waits before retry number `attempt` (0 first), with backoff; less if `signal` aborts first. */
export function waitBeforeRetry(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * The stream's changes after `from`, asked again with backoff while Redis does not answer (restarting, a failover):
 * a watcher's subscription waits through a blip instead of ending with an error. Undefined once `signal` aborts.
 */
async function readSinceUntilAnswered(
  changeBus: ChangeBus,
  eventId: string,
  from: number,
  signal: AbortSignal | undefined,
): Promise<Awaited<ReturnType<ChangeBus["readSince"]>> | undefined> {
  for (let attempt = 0; !signal?.aborted; attempt++) {
    try {
      return await changeBus.readSince(eventId, from);
    } catch {
      await waitBeforeRetry(attempt, signal);
    }
  }
  return undefined;
}

/**
 * The changes after `from` as one message (or a refetch notice when the stream no longer reaches back that far), or
 * undefined when there are none (or `signal` aborted while Redis did not answer).
 */
export async function backlogMessage(
  deps: { changeBus: ChangeBus },
  input: { eventId: string; from: number; signal?: AbortSignal; currentLayout: () => Promise<EventLayout | undefined> },
): Promise<SeatChangeMessage | undefined> {
  const backlog = await readSinceUntilAnswered(deps.changeBus, input.eventId, input.from, input.signal);
  if (!backlog) return undefined;
  if (!backlog.complete) return { seq: backlog.currentSeq, changes: [], refetch: true };
  return backlog.batches.length > 0 ? merge(backlog.batches, await input.currentLayout()) : undefined;
}

/**
 * Every change of an event's seats after `afterSeq`, in order, with no gaps: subscribes first, replays the
 * backlog from the stream, then yields live batches; a gap in the live feed (a lost message) is filled from the
 * stream. Ends when `signal` aborts. Each message is yielded as `present` makes it (the API wraps it for resuming).
 *
 * Over WebSockets one runs per event and process (the seat-change hub's feed); in-process callers run their own.
 * An idle one keeps one generator and one pending promise, no promise races (each would leave a reaction on a
 * long-lived promise per tick).
 */
export async function* watchSeatChanges<T = SeatChangeMessage>(
  deps: { changeBus: ChangeBus; layouts: EventLayoutCache },
  input: {
    eventId: string;
    afterSeq: number | undefined;
    signal?: AbortSignal;
    /** `from` is the seq the message follows on from: it holds every change after `from` up to its `seq`. */
    present?: (message: SeatChangeMessage, from: number) => T;
    /** Called once Redis confirmed the subscription: every change published after it will be yielded. */
    onSubscribed?: () => void;
  },
): AsyncGenerator<T> {
  const { signal } = input;
  const present = input.present ?? ((message: SeatChangeMessage) => message as T);
  let layout: EventLayout | undefined;
  // The layout of the moment (an organizer may change it mid-sale); the one in hand if Postgres does not answer.
  const currentLayout = async () => (layout = await deps.layouts.get(input.eventId).catch(() => layout));
  const queue: ChangeBatch[][] = [];
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    wake?.();
    wake = undefined;
  };
  const unsubscribe = await deps.changeBus.subscribe(input.eventId, (batches) => {
    queue.push(batches);
    wakeUp();
  });
  input.onSubscribed?.();
  signal?.addEventListener("abort", wakeUp, { once: true });

  try {
    let last = input.afterSeq;
    const catchUp = (from: number) => backlogMessage(deps, { eventId: input.eventId, from, signal, currentLayout });
    let pending = last === undefined ? undefined : await catchUp(last);
    // What `pending` follows on from: the last seq yielded, or before the first batch of a watcher with none yet.
    let from = last ?? 0;

    while (!signal?.aborted) {
      if (pending) {
        last = pending.seq;
        const message = present(pending, from);
        from = last;
        pending = undefined;
        yield message;
        continue;
      }
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      // A process's watchers share one feed per event (the seat-change hub), so this runs once per tick there.
      const batches = queue.splice(0).flat().sort((a, b) => a.seq - b.seq);
      const fresh = last === undefined ? batches : batches.filter((batch) => batch.seq > last!);
      if (fresh.length === 0) continue;
      from = last ?? fresh[0]!.seq - 1;
      pending =
        last !== undefined && fresh[0]!.seq > last + 1 ? await catchUp(last) : merge(fresh, await currentLayout());
    }
  } finally {
    signal?.removeEventListener("abort", wakeUp);
    unsubscribe();
  }
}
