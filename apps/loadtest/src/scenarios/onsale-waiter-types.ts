/** The contract between the on-sale scenario and its waiter processes (see onsale-waiter-worker.ts). */

/** What the scenario gives a waiter worker: its share of the watch-only fans. */
export interface WaiterWorkerInput {
  eventId: string;
  /** Epoch ms: when to start joining. */
  joinAt: number;
  /** Epoch ms: when to stop watching and report… */
  stopAt: number;
  /** …but not before every socket has watched this long (joins can take longer than the shoppers). */
  watchMs: number;
  /** Joins in flight at once (this worker). */
  concurrency: number;
  waiters: Array<{ userId: string; token: string; base: string }>;
}

/** What a worker reports back. Times are epoch ms. */
export interface WaiterWorkerResult {
  joins: number;
  joinErrors: Record<string, number>;
  joinLatencies: number[];
  joinStartedAt: number;
  joinEndedAt: number;
  /** Per waiter still in line at the end: the gaps between position pushes while watching (ms). */
  intervals: number[];
  /** Per waiter still in line at the end: the longest gap between its subscription, its pushes and the end. */
  longestGaps: number[];
  pushes: number;
  /** Waiters told "admitted": their place and when they were told. */
  admitted: Array<{ place: number; at: number }>;
  /** Pushes whose position was larger than the waiter's previous one (a fan moved back). */
  movedBack: number;
  socketErrors: number;
  subscribeErrors: Record<string, number>;
  /** Subscription sent → first push (ms), per waiter that got one. */
  firstPushLatencies: number[];
  /** Per waiter still in line at the end with two pushes or more: the p95 of its gaps between pushes (ms). */
  fanP95Intervals: number[];
  /** Waiters still in line at the end that never got a push. */
  neverPushed: number;
  /** Sockets closed while their waiter was still in line, by close code, whether the socket had opened and its first error. */
  closedWhileWaiting: Record<string, number>;
}

/** A result with nothing seen yet. */
export function emptyWaiterResult(): WaiterWorkerResult {
  return {
    joins: 0,
    joinErrors: {},
    joinLatencies: [],
    joinStartedAt: 0,
    joinEndedAt: 0,
    intervals: [],
    longestGaps: [],
    pushes: 0,
    admitted: [],
    movedBack: 0,
    socketErrors: 0,
    subscribeErrors: {},
    firstPushLatencies: [],
    fanP95Intervals: [],
    neverPushed: 0,
    closedWhileWaiting: {},
  };
}
