import type { QueueHead } from "@frontrow/redis";
import type { QueueHeadBus } from "./queue-head-bus";
import { getQueueStatus, type QueueDeps, type QueueStatus } from "./queue-status";

/** Admissions per second measured over the heads of the last `windowMs`. */
function measuredRate(heads: QueueHead[]): number | undefined {
  const first = heads[0];
  const last = heads.at(-1);
  if (!first || !last || last.at - first.at < 2_000) return undefined;
  return (last.admitted - first.admitted) / ((last.at - first.at) / 1000);
}

const sameStatus = (a: QueueStatus, b: QueueStatus) =>
  a.state === b.state && a.position === b.position && a.etaSeconds === b.etaSeconds && a.accessPass === b.accessPass;

/**
 * The fan's queue status whenever it changes, pushed: the position is derived from each admission head the
 * event broadcasts (everyone admitted since was ahead of this fan), with the exact status re-read when the fan's
 * turn may have come, when the line starts, and every `resyncMs` to absorb fans who left.
 */
export async function* watchQueueStatus(
  deps: QueueDeps & { queueHeads: QueueHeadBus },
  input: { eventId: string; userId: string; signal?: AbortSignal; resyncMs?: number },
): AsyncGenerator<QueueStatus> {
  const heads: QueueHead[] = [];
  let wake: (() => void) | undefined;
  let dirty = false;
  const unsubscribe = await deps.queueHeads.subscribe(input.eventId, (head) => {
    heads.push(head);
    while (heads.length > 1 && head.at - heads[0]!.at > 30_000) heads.shift();
    dirty = true;
    wake?.();
  });
  const timers: NodeJS.Timeout[] = [];
  const resyncMs = input.resyncMs ?? 15_000;
  const ping = () => {
    dirty = true;
    wake?.();
  };
  input.signal?.addEventListener("abort", () => wake?.(), { once: true });

  try {
    // `exact` is the last status read from Redis, taken when the event had admitted `exactAdmitted` fans in all.
    let exact = await getQueueStatus(deps, input);
    let exactAdmitted = heads.at(-1)?.admitted;
    let shown = exact;
    let lastResync = Date.now();
    yield exact;
    const untilStart = exact.startsAt.getTime() - deps.clock.now().getTime();
    if (untilStart > 0) timers.push(setTimeout(ping, untilStart + 250));
    timers.push(setInterval(ping, resyncMs));

    while (!input.signal?.aborted) {
      if (!dirty) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      dirty = false;
      const latest = heads.at(-1);
      const estimatedAhead =
        exact.state === "waiting" && latest && exactAdmitted !== undefined
          ? (exact.ahead ?? 0) - (latest.admitted - exactAdmitted)
          : undefined;
      let next: QueueStatus;
      if (estimatedAhead !== undefined && estimatedAhead > 0 && Date.now() - lastResync < resyncMs) {
        const rate = measuredRate(heads);
        next = {
          ...exact,
          ahead: estimatedAhead,
          position: estimatedAhead + 1,
          etaSeconds: rate && rate > 0 ? Math.ceil((estimatedAhead + 1) / rate) : exact.etaSeconds,
        };
      } else {
        exact = await getQueueStatus(deps, input);
        exactAdmitted = latest?.admitted;
        lastResync = Date.now();
        next = exact;
      }
      if (!sameStatus(next, shown)) {
        shown = next;
        yield next;
      }
    }
  } finally {
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
  }
}
