import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { WatcherFinish, WatcherReport, WatcherStart } from "./fanout-watcher-types";

/** Watchers per child process: one JavaScript thread keeps up with about this many at the fan-out's rate. */
const WATCHERS_PER_PROCESS = 4_000;

export interface WatcherOutcome {
  started: number;
  failed: number;
  messages: number;
  /** Messages per epoch second, over every process. */
  messagesPerSecond: Map<number, number>;
  receivedBySeat: Map<string, number>;
  latencies: Float64Array;
  outOfOrder: number;
  refetches: number;
  errors: number;
  /** Sockets the server closed during the run, by close code. */
  closedByServer: Map<string, number>;
  cpuSeconds: number;
  processes: number;
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
      const outcome: WatcherOutcome = {
        started: 0,
        failed: 0,
        messages: 0,
        messagesPerSecond: new Map(),
        receivedBySeat: new Map(),
        latencies: new Float64Array(reports.reduce((sum, report) => sum + report.latencies.length, 0)),
        outOfOrder: 0,
        refetches: 0,
        errors: 0,
        closedByServer: new Map(),
        cpuSeconds: 0,
        processes,
      };
      let offset = 0;
      for (const report of reports) {
        outcome.started += report.started;
        outcome.failed += report.failed;
        outcome.messages += report.messages;
        outcome.outOfOrder += report.outOfOrder;
        outcome.refetches += report.refetches;
        outcome.errors += report.errors;
        outcome.cpuSeconds += report.cpuSeconds;
        outcome.latencies.set(report.latencies, offset);
        offset += report.latencies.length;
        for (const [second, n] of Object.entries(report.messagesPerSecond))
          outcome.messagesPerSecond.set(
            Number(second),
            (outcome.messagesPerSecond.get(Number(second)) ?? 0) + n,
          );
        for (const [code, n] of Object.entries(report.closedByServer))
          outcome.closedByServer.set(code, (outcome.closedByServer.get(code) ?? 0) + n);
        for (const [seatId, n] of Object.entries(report.receivedBySeat))
          outcome.receivedBySeat.set(seatId, (outcome.receivedBySeat.get(seatId) ?? 0) + n);
      }
      return outcome;
    },
  };
}
