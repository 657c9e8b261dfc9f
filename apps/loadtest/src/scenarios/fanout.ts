import { errorCode } from "../client/error-code";
import type { FanClient } from "../client/fan-client";
import { SeatWatcher, type SeatChangeMessage } from "../client/seat-watcher";
import { collectGarbage } from "../cluster/collect-garbage";
import { checkInvariants } from "../invariants/check-invariants";
import { invariant } from "../invariants/invariant-result";
import { summarizeLatency } from "../metrics/latency-summary";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { scrapeMemory, type InstanceMemory } from "../metrics/scrape-memory";
import { format } from "../report/format";
import { latencyHistogram } from "../report/latency-histogram";
import { SeatRows } from "../setup/seat-rows";
import { runPool } from "../util/run-pool";
import { sleep } from "../util/sleep";
import { startWatcherProcesses } from "./fanout-watchers";
import { resourceSummary } from "./resource-summary";
import type { Scenario } from "./scenario";

/** Upper-bowl sections: fresh seats, never touched by the race in section 101. */
const FANOUT_SECTIONS = Array.from({ length: 30 }, (_, i) => String(201 + i));
const HOLDERS = 4;
/** Connections per instance at least, when measuring memory per connection. */
const MEMORY_CONNECTIONS = 1_000;

/**
 * M anonymous WebSocket watchers on the arena's seat map (as fans looking at it) while a few fans hold and release
 * fresh seats; measures how long after a hold's response each watcher gets that seat's change.
 */
export const fanout: Scenario = {
  name: "fanout",
  run: async (context) => {
    const { options, sampler, ledger, random, signal, cluster } = context;
    const watcherCount = options.subscribers ?? (options.quick ? 500 : 2_000);
    const durationS = options.durationS ?? (options.quick ? 8 : 20);
    const eventId = context.events.arena;
    const holders: FanClient[] = context.fans.slice(0, HOLDERS);
    const layout = await SeatRows.fetch(holders[0]!, eventId);
    const freshSeats = layout.select(FANOUT_SECTIONS).flatMap((row) => {
      const pairs: string[][] = [];
      for (let i = 0; i + 1 < row.seatIds.length; i += 2) pairs.push(row.seatIds.slice(i, i + 2));
      return pairs;
    });
    context.log(
      `fanout: ${format.int(watcherCount)} WebSocket watchers, ${HOLDERS} fans holding for ${durationS} s`,
    );

    const windowStart = sampler.now();
    const recorder = new Recorder();
    /** Per seat held during the load: when its holder got the response (epoch ms). */
    const responded = new Map<string, number>();

    // Memory of each instance before any watcher connects, and again with them: each time right after a forced full
    // garbage collection (so garbage, e.g. from serving the 4.5 MB arena map, is not counted), medians over 3 s.
    let collected = true;
    const median = (values: number[]) =>
      values.sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
    const measureMemory = async () => {
      const gc = await Promise.all(
        cluster.instances.map((instance) =>
          instance.pid && instance.spec.inspectPort
            ? collectGarbage(instance.pid, instance.spec.inspectPort)
            : false,
        ),
      );
      collected &&= gc.every(Boolean);
      const from = sampler.now();
      const scrapes: Array<Array<InstanceMemory | undefined>> = [];
      for (let i = 0; i < 3; i++) {
        scrapes.push(await Promise.all(cluster.urls.map((url) => scrapeMemory(url))));
        await sleep(1_100, signal);
      }
      return cluster.instances.map((instance, i) => {
        const own = scrapes.flatMap((scrape) => scrape[i] ?? []);
        return {
          rssMb: median(
            sampler.samples
              .filter((sample) => sample.t >= from && sample.label === instance.label)
              .map((sample) => sample.rssMb),
          ),
          heapMb: median(own.map((memory) => memory.heapUsedMb + memory.externalMb)),
          websockets: own.at(-1)?.websockets ?? 0,
        };
      });
    };
    const memoryBefore = await measureMemory();

    // Connect the watchers, 50 at a time, round-robin over the instances.
    const connectStarted = performance.now();
    const extraCount = Math.max(0, MEMORY_CONNECTIONS * cluster.urls.length - watcherCount);
    let started = 0;
    const progress = new ProgressLine(() => {
      const t = recorder.elapsed();
      return (
        `fanout ${t.toFixed(0)}s | connections ${format.int(started)}/${format.int(watcherCount + extraCount)} | holds ${format.int(recorder.total("held"))}` +
        ` | ${resourceSummary(sampler)}`
      );
    });
    const connectWatchers = (
      count: number,
      firstIndex: number,
      onData: (message: SeatChangeMessage) => void,
    ) =>
      runPool(
        Array.from({ length: count }, (_, i) => firstIndex + i),
        50,
        (i) =>
          new Promise<SeatWatcher>((resolve) => {
            const url = cluster.urls[i % cluster.urls.length]!;
            const timer = setTimeout(() => resolve(watcher), 10_000);
            const watcher = new SeatWatcher(
              () => url,
              eventId,
              layout.seq,
              onData,
              () => {
                started++;
                clearTimeout(timer);
                resolve(watcher);
              },
            );
          }),
      );
    // The watchers run in child processes: in this one they would share a thread with the holders and the report,
    // and that thread, not the servers, would set the latency measured.
    const watchers = await startWatcherProcesses({
      eventId,
      urls: cluster.urls,
      fromSeq: layout.seq,
      count: watcherCount,
      signal,
    });
    started = watcherCount;
    const connectMs = performance.now() - connectStarted;

    // Memory per connection needs enough connections to stand out from the garbage collector's swings: below
    // MEMORY_CONNECTIONS per instance, idle subscribers are added for the measurement and closed before the holds.
    const extra = await connectWatchers(extraCount, watcherCount, () => {});
    await sleep(500, signal);
    const memoryWith = await measureMemory();
    await Promise.all(extra.map((watcher) => watcher.close()));

    // A few fans hold fresh pairs of seats, keep them ~1 s (so no tick merges a hold with its release), release.
    const loadStarted = performance.now();
    const deadline = loadStarted + durationS * 1000;
    let next = 0;
    await Promise.all(
      holders.map(async (fan, h) => {
        await sleep(h * 250, signal);
        while (performance.now() < deadline && !signal.aborted && next < freshSeats.length) {
          const seatIds = freshSeats[next++]!;
          const requested = performance.now();
          const requestedAt = Date.now();
          try {
            const hold = await fan.trpc.holds.create.mutate({ eventId, seatIds });
            const respondedAt = performance.now();
            recorder.latency("hold", respondedAt - requested);
            // Epoch ms on this machine's clock, the one the watcher processes note arrivals on.
            for (const seatId of seatIds) responded.set(seatId, performance.timeOrigin + respondedAt);
            recorder.count("held");
            ledger.holdGranted({ ...hold, seatIds }, { requestedAt, eventId, userId: fan.userId });
            await sleep(random.int(1_000, 1_400), signal);
            const sentAt = Date.now();
            await fan.trpc.holds.release.mutate({ holdId: hold.holdId });
            ledger.released(hold.holdId, sentAt);
          } catch (error) {
            recorder.count(`error:${errorCode(error)}`);
          }
          await sleep(random.int(0, 300), signal);
        }
      }),
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    // Let the last changes arrive: at 10,000 watchers the servers and the watcher processes run seconds behind.
    await sleep(5_000, signal);
    progress.stop();
    const windowEnd = sampler.now();

    const seen = await watchers.finish([...responded]);
    const expected = responded.size * watcherCount;
    let received = 0;
    for (const seatId of responded.keys())
      received += Math.min(seen.receivedBySeat[seatId] ?? 0, watcherCount);
    const { outOfOrder, refetches } = seen;
    const notStarted = watcherCount - seen.started;

    const delivery = seen.latencies;
    const early = delivery.filter((ms) => ms < 0).length;
    const summary = summarizeLatency(delivery);
    // Messages per second since the recorder started, from the watcher processes' epoch-second counts.
    const firstSecond = Math.floor((performance.timeOrigin + recorder.startedAt) / 1000);
    const messageTimeline: number[] = [];
    for (const [second, n] of Object.entries(seen.messagesPerSecond)) {
      const at = Number(second) - firstSecond;
      if (at < 0) continue;
      while (messageTimeline.length <= at) messageTimeline.push(0);
      messageTimeline[at]! += n;
    }
    const memoryRows = cluster.instances.map((instance, i) => {
      const before = memoryBefore[i]!;
      const after = memoryWith[i]!;
      const added = after.websockets - before.websockets;
      const perThousand = (mb: number) => (added > 0 ? (mb / added) * 1000 : Number.NaN);
      return {
        label: instance.label,
        websockets: after.websockets,
        rssBefore: before.rssMb,
        rssAfter: after.rssMb,
        rssPerThousand: perThousand(after.rssMb - before.rssMb),
        heapPerThousand: perThousand(after.heapMb - before.heapMb),
      };
    });
    const measured = memoryRows.filter((row) => !Number.isNaN(row.rssPerThousand));
    const meanOf = (values: number[]) =>
      values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const mbOrDash = (mb: number) => (Number.isNaN(mb) ? "–" : format.mb(mb));
    const invariants = await checkInvariants({
      sql: context.sql,
      redis: context.redis,
      eventIds: [eventId],
      ledger,
    });
    invariants.push(
      invariant(
        "Every change reached every watcher, in order",
        expected,
        expected - received + outOfOrder,
        `${format.int(responded.size)} held seats × ${format.int(watcherCount)} watchers: ${format.int(received)} "held" changes received, ` +
          `${format.int(expected - received)} missing; ${outOfOrder} messages out of order; ${refetches} refetch notices` +
          (Object.keys(seen.closedByServer).length > 0
            ? `; sockets the server closed, by code (these watchers do not reconnect): ${Object.entries(
                seen.closedByServer,
              )
                .map(([code, n]) => `${code} ×${format.int(n)}`)
                .join(", ")}`
            : ""),
      ),
    );
    const loadFrom = Math.floor((loadStarted - recorder.startedAt) / 1000);
    const messagesDuringLoad = messageTimeline.slice(loadFrom, loadFrom + Math.ceil(loadSeconds));
    return {
      name: "fanout",
      title: "Live seat map fan-out",
      setup:
        `${format.int(watcherCount)} WebSocket clients (in ${watchers.processes} processes of the load test) subscribed to seats.onChange of the arena event (spread over ${cluster.urls.length} instances) ` +
        `while ${HOLDERS} fans hold fresh pairs of upper-bowl seats for 1.0–1.4 s each and release them; ${durationS} s of holds.`,
      window: [windowStart, windowEnd],
      figures: [
        [
          "watchers connected",
          `${format.int(watcherCount - notStarted)} of ${format.int(watcherCount)} in ${format.s(connectMs / 1000)}; ` +
            `${watchers.processes} watcher processes used ${format.s(seen.cpuSeconds)} of CPU`,
        ],
        [
          "holds made",
          `${format.int(recorder.total("held"))} (${format.rate(recorder.total("held") / loadSeconds)}/s), hold latency ${format.latency(recorder.summary("hold"))}`,
        ],
        ["hold response → watcher got the change", format.latency(summary)],
        [
          "changes that arrived before the hold's own response",
          `${format.int(early)} of ${format.int(delivery.length)} (counted as negative latency)`,
        ],
        [
          "messages delivered",
          `${format.int(seen.messages)}; ${format.rate(messagesDuringLoad.reduce((a, b) => a + b, 0) / Math.max(1, loadSeconds))}/s during the holds, peak ${format.int(Math.max(0, ...messagesDuringLoad))}/s`,
        ],
        [
          "server RSS per 1,000 WebSocket connections",
          measured.length === 0
            ? "not measured (no instance reported its connections)"
            : `${format.mb(meanOf(measured.map((row) => row.rssPerThousand)))} ` +
              `(JS heap + external ${format.mb(meanOf(measured.map((row) => row.heapPerThousand)))}); mean of ` +
              `${measured.length} instances with ${measured.map((row) => format.int(row.websockets)).join(", ")} idle subscribed connections` +
              (extra.length > 0
                ? `, ${format.int(extra.length)} of them added for the measurement and closed before the holds`
                : "") +
              (collected
                ? "; read after a forced full GC"
                : "; no forced GC (inspector unavailable): garbage included"),
        ],
        [
          "changes delivered",
          `${format.int(received)} of ${format.int(expected)} (${format.pct((100 * received) / Math.max(1, expected))})`,
        ],
      ],
      tables: [
        {
          title: "Server memory per 1,000 WebSocket connections (idle, subscribed to the seat map)",
          columns: [
            "instance",
            "open WebSockets (from /metrics)",
            "RSS before",
            "RSS with them",
            "RSS per 1,000",
            "JS heap + external per 1,000",
          ],
          rows: memoryRows.map((row) => [
            row.label,
            format.int(row.websockets),
            mbOrDash(row.rssBefore),
            mbOrDash(row.rssAfter),
            mbOrDash(row.rssPerThousand),
            mbOrDash(row.heapPerThousand),
          ]),
        },
        resourceTable(sampler, [windowStart, windowEnd]),
      ],
      charts: [
        {
          kind: "line",
          title: "Fan-out: messages delivered to watchers per second",
          xLabel: "seconds",
          yLabel: "messages / s",
          series: [
            {
              name: "messages",
              points: messageTimeline.map((n, s): [number, number] => [s + 0.5, n]),
            },
          ],
          markers: [
            { x: (connectStarted - recorder.startedAt) / 1000, label: "connect" },
            { x: loadFrom, label: "holds start" },
          ],
        },
        latencyHistogram("Fan-out: hold response → change received (per watcher)", [
          { name: "delivery", samples: Array.from(delivery, (ms) => Math.max(ms, 0.25)) },
        ]),
      ],
      invariants,
      notes: [],
    };
  },
};
