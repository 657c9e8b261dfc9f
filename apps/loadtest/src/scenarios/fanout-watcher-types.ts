/** The contract between the fan-out scenario and its watcher processes (see fanout-watcher-worker.ts). */

/** Sent first: which watchers this process opens. */
export interface WatcherStart {
  type: "start";
  eventId: string;
  /** Watcher i connects to urls[i % urls.length], counting from `firstIndex` over every process. */
  urls: string[];
  firstIndex: number;
  count: number;
  /** The sequence of the seat map the watchers start from. */
  fromSeq: number;
}

/** Sent after the load: when each held seat's hold response reached its holder (epoch ms). */
export interface WatcherFinish {
  type: "finish";
  responded: Array<[seatId: string, atMs: number]>;
}

/** What a watcher process saw. Latencies are ms from the hold's response to each watcher's arrival. */
export interface WatcherReport {
  started: number;
  failed: number;
  messages: number;
  /** Messages per second, keyed by epoch second. */
  messagesPerSecond: Record<string, number>;
  /** Per held seat, how many of this process's watchers got its "held" change. */
  receivedBySeat: Record<string, number>;
  latencies: Float64Array;
  outOfOrder: number;
  refetches: number;
  errors: number;
  /** Sockets the server closed before the end, by close code (1013: cut off as a slow consumer). */
  closedByServer: Record<string, number>;
  /** CPU this process used, in core-seconds. */
  cpuSeconds: number;
}
