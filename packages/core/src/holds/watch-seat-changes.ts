import type { ChangeBatch, InventoryChange } from "@frontrow/redis";
import type { ChangeBus } from "./change-bus";

export interface SeatChangeMessage {
  seq: number;
  changes: InventoryChange[];
  /** The client is too far behind for a replay: load the seat map again and resume from its seq. */
  refetch?: true;
}

/**
 * The message of one tick's batches, made once per process and shared by every watcher that is up to date: the
 * same object for all of them, so its encoding can be shared too (see the api's transformer).
 */
const tickMessages = new WeakMap<ChangeBatch[], SeatChangeMessage>();

function sharedMerge(batches: ChangeBatch[]): SeatChangeMessage {
  let message = tickMessages.get(batches);
  if (!message) {
    message = merge(batches);
    tickMessages.set(batches, message);
  }
  return message;
}

/** Folds batches into one message: the last state of each seat or section wins. */
function merge(batches: ChangeBatch[]): SeatChangeMessage {
  const latest = new Map<string, InventoryChange>();
  for (const batch of batches) {
    for (const change of batch.changes)
      latest.set("seatId" in change ? change.seatId : `s:${change.sectionId}`, change);
  }
  return { seq: batches.at(-1)!.seq, changes: [...latest.values()] };
}

const RETRY_MS = [100, 250, 500, 1_000, 2_000];

/**
 * The stream's changes after `from`, asked again with backoff while Redis does not answer (restarting, a failover):
 * a watcher's subscription waits through a blip instead of ending with an error. Undefined once `aborted` settles.
 */
async function readSinceUntilAnswered(
  changeBus: ChangeBus,
  eventId: string,
  from: number,
  aborted: Promise<void>,
): Promise<Awaited<ReturnType<ChangeBus["readSince"]>> | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await changeBus.readSince(eventId, from);
    } catch {
      const wait = new Promise<"retry">((resolve) =>
        setTimeout(() => resolve("retry"), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]),
      );
      if ((await Promise.race([wait, aborted])) !== "retry") return undefined;
    }
  }
}

/**
 * Every change of an event's seats after `afterSeq`, in order, with no gaps: subscribes first, replays the
 * backlog from the stream, then yields live batches; a gap in the live feed (a lost message) is filled from the
 * stream. Ends when `signal` aborts.
 */
export async function* watchSeatChanges(
  deps: { changeBus: ChangeBus },
  input: { eventId: string; afterSeq: number | undefined; signal?: AbortSignal },
): AsyncGenerator<SeatChangeMessage> {
  const queue: ChangeBatch[][] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = await deps.changeBus.subscribe(input.eventId, (batches) => {
    queue.push(batches);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) =>
    input.signal?.addEventListener("abort", () => resolve(), { once: true }),
  );

  try {
    let last = input.afterSeq;
    const catchUp = async function* (from: number): AsyncGenerator<SeatChangeMessage> {
      const backlog = await readSinceUntilAnswered(deps.changeBus, input.eventId, from, aborted);
      if (!backlog) return;
      if (!backlog.complete) {
        last = backlog.currentSeq;
        yield { seq: backlog.currentSeq, changes: [], refetch: true };
      } else if (backlog.batches.length > 0) {
        const message = merge(backlog.batches);
        last = message.seq;
        yield message;
      }
    };
    if (last !== undefined) yield* catchUp(last);

    while (!input.signal?.aborted) {
      if (queue.length === 0) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
        continue;
      }
      const ticks = queue.splice(0);
      // The usual case: one tick arrived and it follows on from what this watcher has seen.
      const tick = ticks.length === 1 ? ticks[0]! : undefined;
      if (tick && (last === undefined || tick[0]!.seq === last + 1)) {
        const message = sharedMerge(tick);
        last = message.seq;
        yield message;
        continue;
      }
      const batches = ticks.flat().sort((a, b) => a.seq - b.seq);
      const fresh = last === undefined ? batches : batches.filter((batch) => batch.seq > last!);
      if (fresh.length === 0) continue;
      if (last !== undefined && fresh[0]!.seq > last + 1) {
        yield* catchUp(last);
        continue;
      }
      const message = merge(fresh);
      last = message.seq;
      yield message;
    }
  } finally {
    unsubscribe();
  }
}
