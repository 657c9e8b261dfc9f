import { cpuUsage } from "node:process";
import WebSocket from "ws";
import type { WatcherFinish, WatcherReport, WatcherStart } from "./fanout-watcher-types";

interface ChangeJson {
  seq: number;
  changes: Array<{ seatId?: string; status?: string }>;
  refetch?: true;
}

interface Frame {
  result?: { type: string; data?: { json?: unknown } };
  error?: unknown;
}

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Seat-map watchers of the fan-out scenario, in a child process so that thousands of them do not share the load
 * test's one thread (which then set the latency it measured). Each is a raw `ws` socket speaking tRPC's WebSocket
 * protocol, subscribed to `seats.onChange` from the map's sequence; it notes when each seat's "held" change arrives.
 */
function watch(start: WatcherStart) {
  const arrivals = new Map<string, number[]>();
  const report: Omit<WatcherReport, "latencies" | "receivedBySeat" | "cpuSeconds"> = {
    started: 0,
    failed: 0,
    messages: 0,
    messagesPerSecond: {},
    outOfOrder: 0,
    refetches: 0,
    errors: 0,
    closedByServer: {},
  };
  // Every watcher of this process subscribes alike, so the server sends them all the same bytes for a tick: the
  // frame is parsed once per distinct payload, not once per socket. The load generator shares the machine's cores
  // with the servers it measures, and parsing 10,000 copies of each tick was most of its CPU.
  let lastData: Buffer | undefined;
  let lastFrame: Frame | "PING" | undefined;
  const parseFrame = (data: Buffer): Frame | "PING" => {
    if (lastData !== undefined && lastFrame !== undefined && data.equals(lastData)) return lastFrame;
    const text = data.toString("utf8");
    lastData = data;
    lastFrame = text === "PING" ? "PING" : (JSON.parse(text) as Frame);
    return lastFrame;
  };
  let finishing = false;
  const sockets: WebSocket[] = [];
  const opened = (async () => {
    for (let i = 0; i < start.count; i++) {
      // In steps of 250, so the servers' accept queues never overflow.
      if (i > 0 && i % 250 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      const index = start.firstIndex + i;
      const url = start.urls[index % start.urls.length]!.replace(/^http/, "ws");
      // Every text frame is parsed as JSON (or compared with the last one) anyway: ws's UTF-8 pass is work twice.
      const socket = new WebSocket(`${url}/trpc`, { perMessageDeflate: false, skipUTF8Validation: true });
      sockets.push(socket);
      let lastSeq = start.fromSeq;
      let started = false;
      socket.on("open", () => {
        socket.send(
          JSON.stringify({
            id: 1,
            method: "subscription",
            params: {
              path: "seats.onChange",
              input: { json: { eventId: start.eventId, lastEventId: String(start.fromSeq) } },
            },
          }),
        );
      });
      socket.on("message", (data: Buffer) => {
        const at = epochNow();
        const frame = parseFrame(data);
        if (frame === "PING") return socket.send("PONG");
        if (frame.error) return void report.errors++;
        if (frame.result?.type === "started" && !started) {
          started = true;
          report.started++;
          return;
        }
        if (frame.result?.type !== "data") return;
        const body = (frame.result.data?.json ?? frame.result.data) as ChangeJson | { data: ChangeJson };
        const message = "data" in body ? body.data : body;
        report.messages++;
        const second = Math.floor(at / 1000);
        report.messagesPerSecond[second] = (report.messagesPerSecond[second] ?? 0) + 1;
        if (message.refetch) report.refetches++;
        else if (message.seq <= lastSeq) report.outOfOrder++;
        lastSeq = Math.max(lastSeq, message.seq);
        for (const change of message.changes) {
          if (change.status !== "held" || !change.seatId) continue;
          let seen = arrivals.get(change.seatId);
          if (!seen) arrivals.set(change.seatId, (seen = []));
          seen.push(at);
        }
      });
      socket.on("error", () => report.failed++);
      socket.on("close", (code: number) => {
        if (!finishing) report.closedByServer[code] = (report.closedByServer[code] ?? 0) + 1;
      });
    }
  })();

  return {
    opened,
    finish(finish: WatcherFinish): WatcherReport {
      finishing = true;
      for (const socket of sockets) socket.terminate();
      const receivedBySeat: Record<string, number> = {};
      let total = 0;
      for (const [seatId] of finish.responded) total += arrivals.get(seatId)?.length ?? 0;
      const latencies = new Float64Array(total);
      let n = 0;
      for (const [seatId, respondedAt] of finish.responded) {
        const seen = arrivals.get(seatId) ?? [];
        receivedBySeat[seatId] = seen.length;
        for (const at of seen) latencies[n++] = at - respondedAt;
      }
      const usage = cpuUsage();
      return { ...report, receivedBySeat, latencies, cpuSeconds: (usage.user + usage.system) / 1e6 };
    },
  };
}

let watching: ReturnType<typeof watch> | undefined;
process.on("message", (message: WatcherStart | WatcherFinish) => {
  if (message.type === "start") {
    watching = watch(message);
    void watching.opened.then(() => process.send?.({ type: "opened" }));
  } else if (watching) {
    process.send?.({ type: "report", report: watching.finish(message) }, () => process.exit(0));
  }
});
