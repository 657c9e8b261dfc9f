/**
 * Hands values to many listeners a slice at a time, yielding to the event loop (setImmediate) between slices,
 * in the order the deliveries were queued. A tick of seat changes handed to thousands of watchers at once ran
 * every watcher's send in one turn of the loop, and a request that arrived meanwhile (a fan's hold) waited for
 * the whole burst. The first slice goes out at once, so a small audience is served as before.
 */
export interface PacedDelivery<T> {
  deliver(listeners: Iterable<(value: T) => void>, value: T): void;
  /** Drops deliveries not made yet. */
  clear(): void;
}

interface Job<T> {
  listeners: Array<(value: T) => void>;
  value: T;
  next: number;
}

export function createPacedDelivery<T>(sliceSize = 256): PacedDelivery<T> {
  const jobs: Array<Job<T>> = [];
  let scheduled = false;

  const drain = () => {
    scheduled = false;
    let budget = sliceSize;
    while (budget > 0 && jobs.length > 0) {
      const job = jobs[0]!;
      const end = Math.min(job.listeners.length, job.next + budget);
      budget -= end - job.next;
      while (job.next < end) job.listeners[job.next++]!(job.value);
      if (job.next >= job.listeners.length) jobs.shift();
    }
    if (jobs.length > 0) {
      scheduled = true;
      setImmediate(drain);
    }
  };

  return {
    deliver(listeners, value) {
      jobs.push({ listeners: [...listeners], value, next: 0 });
      if (!scheduled) drain();
    },
    clear() {
      jobs.length = 0;
    },
  };
}
