import WebSocket from "ws";
import { closeLeanConnections, leanErrorCode, postJson } from "../client/lean-http";
import { summarizeLatency } from "../metrics/latency-summary";
import { emptyWaiterResult, type WaiterWorkerInput, type WaiterWorkerResult } from "./onsale-waiter-types";

interface QueueStatusJson {
  state: string;
  position?: number;
}

interface Watcher {
  /** When the subscription was sent; then when the last push came. */
  since: number;
  lastAt: number;
  longest: number;
  /** This waiter's gaps between pushes (ms). */
  gaps: number[];
  position: number;
  waiting: boolean;
}

/**
 * Watch-only fans of the on-sale, in child processes of the load test so that 20,000 WebSockets fit beside the shoppers: each joins
 * over lean HTTP (as fast as `concurrency` allows, for the joins/s figure) and, as the web app does, subscribes to
 * `queue.onStatus` as soon as its join is answered, on a raw `ws` socket speaking tRPC's WebSocket protocol (a tRPC
 * client per fan would cost the generator more than the servers); it notes when every push arrives until `stopAt`,
 * and at least `watchMs` after the last join.
 */
async function run(input: WaiterWorkerInput): Promise<WaiterWorkerResult> {
  const result = emptyWaiterResult();
  const sockets: WebSocket[] = [];
  const watchers: Watcher[] = [];

  const watch = (waiter: WaiterWorkerInput["waiters"][number]) => {
    const watcher: Watcher = { since: Date.now(), lastAt: 0, longest: 0, gaps: [], position: Infinity, waiting: true };
    watchers.push(watcher);
    const socket = new WebSocket(`${waiter.base.replace(/^http/, "ws")}/trpc?connectionParams=1`, {
      perMessageDeflate: false,
    });
    sockets.push(socket);
    let opened = false;
    let failure: string | undefined;
    socket.on("open", () => {
      opened = true;
      socket.send(JSON.stringify({ method: "connectionParams", data: { sessionToken: waiter.token } }));
      socket.send(
        JSON.stringify({
          id: 1,
          method: "subscription",
          params: { path: "queue.onStatus", input: { json: { eventId: input.eventId } } },
        }),
      );
    });
    socket.on("message", (data: Buffer) => {
      const text = data.toString("utf8");
      // tRPC's keep-alive: the server closes a socket that does not answer its PING.
      if (text === "PING") return socket.send("PONG");
      const message = JSON.parse(text) as {
        result?: { type: string; data?: { json: QueueStatusJson } };
        error?: { data?: { domainCode?: string; code?: string } };
      };
      if (message.error) {
        const code = message.error.data?.domainCode ?? message.error.data?.code ?? "ERROR";
        result.subscribeErrors[code] = (result.subscribeErrors[code] ?? 0) + 1;
        return;
      }
      const status = message.result?.type === "data" ? message.result.data?.json : undefined;
      if (!status || !watcher.waiting) return;
      const now = Date.now();
      result.pushes++;
      if (watcher.lastAt === 0) result.firstPushLatencies.push(now - watcher.since);
      if (status.state === "admitted") {
        watcher.waiting = false;
        result.admitted.push({ place: status.position ?? 0, at: now });
        socket.close();
        return;
      }
      if (status.state !== "waiting") return;
      if (watcher.lastAt > 0) {
        result.intervals.push(now - watcher.lastAt);
        watcher.gaps.push(now - watcher.lastAt);
      }
      watcher.longest = Math.max(watcher.longest, now - (watcher.lastAt || watcher.since));
      if (status.position !== undefined) {
        if (status.position > watcher.position) result.movedBack++;
        watcher.position = status.position;
      }
      watcher.lastAt = now;
    });
    socket.on("error", (error: Error & { code?: string }) => {
      result.socketErrors++;
      failure ??= error.code ?? error.message;
    });
    socket.on("close", (code: number) => {
      if (!watcher.waiting) return;
      watcher.waiting = false; // cut off while still in line: its gaps end here, counted apart
      // Why, as far as the client can tell: before or after the upgrade, and the socket's first error.
      const key = `${code}${opened ? "" : " before open"}${failure ? ` (${failure})` : ""}`;
      result.closedWhileWaiting[key] = (result.closedWhileWaiting[key] ?? 0) + 1;
    });
  };

  await new Promise((resolve) => setTimeout(resolve, Math.max(0, input.joinAt - Date.now())));
  result.joinStartedAt = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      while (next < input.waiters.length) {
        const waiter = input.waiters[next++]!;
        const started = performance.now();
        try {
          const response = await postJson(
            `${waiter.base}/trpc/queue.join`,
            { json: { eventId: input.eventId } },
            { cookie: `frontrow_session=${waiter.token}` },
          );
          if (response.status !== 200)
            throw Object.assign(new Error("refused"), { code: `HTTP_${response.status}` });
          result.joinLatencies.push(performance.now() - started);
          result.joins++;
          watch(waiter);
        } catch (error) {
          const code = leanErrorCode(error);
          result.joinErrors[code] = (result.joinErrors[code] ?? 0) + 1;
        }
      }
    }),
  );
  result.joinEndedAt = Date.now();
  closeLeanConnections();

  const stopAt = Math.max(input.stopAt, Date.now() + input.watchMs);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, stopAt - Date.now())));
  const end = Date.now();
  for (const watcher of watchers) {
    if (!watcher.waiting) continue;
    if (watcher.lastAt === 0) result.neverPushed++;
    if (watcher.gaps.length > 0) result.fanP95Intervals.push(summarizeLatency(watcher.gaps).p95);
    result.longestGaps.push(Math.max(watcher.longest, end - (watcher.lastAt || watcher.since)));
  }
  for (const socket of sockets) socket.terminate();
  return result;
}

// A child process, not a worker thread: the file-descriptor limit (often 20,000) is per process, and 20,000
// WebSockets plus the shoppers' connections would not fit in one.
process.once("message", (input: WaiterWorkerInput) => {
  void run(input).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: String((error as Error)?.stack ?? error) }, () => process.exit(1)),
  );
});
