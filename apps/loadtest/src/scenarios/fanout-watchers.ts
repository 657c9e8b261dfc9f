import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WatcherFinish, WatcherReport, WatcherStart } from "./fanout-watcher-types";

/** Watchers per child process: one JavaScript thread keeps up with about this many at the fan-out's rate. */
const WATCHERS_PER_PROCESS = 4_000;

/** Every process's report as one: counts summed, latencies concatenated. */
export type WatcherOutcome = WatcherReport & { processes: number };

const COUNTS = ["started", "failed", "messages", "outOfOrder", "refetches", "errors", "cpuSeconds"] as const;
const COUNTS_BY_KEY = ["messagesPerSecond", "receivedBySeat", "closedByServer"] as const;

function mergeReports(reports: WatcherReport[], processes: number): WatcherOutcome {
  const outcome: WatcherOutcome = {
    started: 0,
    failed: 0,
    messages: 0,
    outOfOrder: 0,
    refetches: 0,
    errors: 0,
    cpuSeconds: 0,
    messagesPerSecond: {},
    receivedBySeat: {},
    closedByServer: {},
    latencies: new Float64Array(reports.reduce((sum, report) => sum + report.latencies.length, 0)),
    processes,
  };
  let offset = 0;
  for (const report of reports) {
    for (const count of COUNTS) outcome[count] += report[count];
    for (const field of COUNTS_BY_KEY) {
      for (const [key, n] of Object.entries(report[field]))
        outcome[field][key] = (outcome[field][key] ?? 0) + n;
    }
    outcome.latencies.set(report.latencies, offset);
    offset += report.latencies.length;
  }
  return outcome;
}

/**
 * Opens `count` seat-map watchers spread over child processes (see fanout-watcher-worker.ts), round-robin over
 * the instances. `finish` hands them the hold response times, closes them and merges what they saw.
 */
export async function startWatcherProcesses(input: {
  eventId: string;
  urls: string[];
  fromSeq: number;
  count: number;
  signal: AbortSignal;
}) {
  const script = fileURLToPath(new URL("./fanout-watcher-worker.ts", import.meta.url));
  const processes = Math.max(1, Math.ceil(input.count / WATCHERS_PER_PROCESS));
  const children = Array.from({ length: processes }, (_, p) => {
    const child = fork(script, [], {
      // To profile the watchers: LOADTEST_WATCHER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      execArgv: [...process.execArgv, ...(process.env.LOADTEST_WATCHER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    const stop = () => child.kill("SIGKILL");
    input.signal.addEventListener("abort", stop, { once: true });
    const first = Math.floor((input.count * p) / processes);
    const start: WatcherStart = {
      type: "start",
      eventId: input.eventId,
      urls: input.urls,
      firstIndex: first,
      count: Math.floor((input.count * (p + 1)) / processes) - first,
      fromSeq: input.fromSeq,
    };
    const reply = <T>(type: string) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (message: { type: string; report?: WatcherReport }) => {
          if (message.type !== type) return;
          child.off("message", onMessage);
          resolve(message as T);
        };
        child.on("message", onMessage);
        child.once("exit", (code) =>
          reject(new Error(`watcher process exited with ${code} before "${type}"`)),
        );
      });
    const opened = reply<unknown>("opened");
    child.send(start);
    return { child, opened, stop, reply };
  });
  await Promise.all(children.map((child) => child.opened));

  return {
    processes,
    async finish(responded: Array<[string, number]>): Promise<WatcherOutcome> {
      const reports = await Promise.all(
        children.map(async ({ child, stop, reply }) => {
          const report = reply<{ report: WatcherReport }>("report");
          child.send({ type: "finish", responded } satisfies WatcherFinish);
          const { report: value } = await report;
          input.signal.removeEventListener("abort", stop);
          return value;
        }),
      );
      return mergeReports(reports, processes);
    },
  };
}
