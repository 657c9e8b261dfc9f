import { randomUUID } from "node:crypto";
import { TEST_CARDS } from "@frontrow/core";
import { errorCode } from "../client/error-code";
import { FanClient } from "../client/fan-client";
import { MapView } from "../client/map-view";
import { SeatWatcher } from "../client/seat-watcher";
import { checkInvariants } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import { invariant } from "../invariants/invariant-result";
import { summarizeLatency } from "../metrics/latency-summary";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { runPool } from "../util/run-pool";
import { sleep } from "../util/sleep";
import { resourceSummary } from "./resource-summary";
import type { Scenario } from "./scenario";

interface Drill {
  name: string;
  /** Seconds since the scenario started. */
  at: number;
  detail: string;
}

interface FanError {
  at: number;
  fan: number;
  code: string;
}

/** How long a fan waits for an answer during the drills before trying another instance. */
const FAN_TIMEOUT_MS = 6_000;

const isNoAnswer = (code: string) => code.startsWith("NETWORK") || code === "TIMEOUT";

/**
 * Fault drills during a steady on-sale (fans buying and releasing best-available seats of the theatre event while
 * others watch its map): kill -9 one instance and start it again, wipe the load test's Redis database (data
 * loss), drop every WebSocket at once, and replay checkouts (double clicks, retries after no answer, repeats).
 * Reports what fans saw and checks that the invariants held and nothing confirmed was lost.
 */
export const faults: Scenario = {
  name: "faults",
  async prepare(sql, events) {
    // Fans buy again and again: lift the per-fan limit; holds last long enough to outlive a restart.
    await sql`update events set per_fan_limit = 10000, hold_seconds = 30 where id = ${events.theatre}`;
  },
  async run(context) {
    const { options, sampler, ledger, random, signal, cluster, redis } = context;
    const eventId = context.events.theatre;
    const fans = context.fans.slice(
      0,
      Math.min(context.fans.length, options.fans ?? (options.quick ? 80 : 200)),
    );
    const watcherCount = options.quick ? 100 : 500;
    const durationS = options.durationS ? Math.max(options.durationS, 16) : options.quick ? 24 : 60;
    const killIndex = cluster.instances.length > 1 ? cluster.instances.length - 1 : -1;
    context.log(`faults: ${fans.length} fans buying, ${watcherCount} watchers, ${durationS} s with drills`);

    // A fan whose request hangs on a dead instance gives up after a few seconds and tries another one.
    for (const fan of fans) fan.timeoutMs = FAN_TIMEOUT_MS;
    const windowStart = sampler.now();
    const recorder = new Recorder();
    const drills: Drill[] = [];
    const errors: FanError[] = [];
    const successes: Array<{ at: number; fan: number }> = [];
    const liveUrl = (i: number) => {
      const live = cluster.instances.filter((instance) => instance.running);
      return (live[i % Math.max(1, live.length)] ?? cluster.instances[0]!).url;
    };
    const anonymous = new FanClient({ email: "", password: "" }, cluster.urls, 0, FAN_TIMEOUT_MS);
    const loadMap = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await anonymous.trpc.seats.map.query({ eventId });
        } catch (error) {
          if (attempt >= 4 || !isNoAnswer(errorCode(error))) throw error;
          anonymous.failover();
          await sleep(200, signal);
        }
      }
    };

    // Watchers: each keeps its own view of the map and reloads it when told to refetch.
    const initial = await loadMap();
    const views: MapView[] = [];
    let refetching = 0;
    const watchers = await runPool(
      Array.from({ length: watcherCount }, (_, i) => i),
      50,
      (i) => {
        const view = new MapView();
        view.reset(initial.seq, initial.seats);
        views.push(view);
        return new Promise<SeatWatcher>((resolve) => {
          const timer = setTimeout(() => resolve(watcher), 10_000);
          const watcher = new SeatWatcher(
            () => liveUrl(i),
            eventId,
            initial.seq,
            (message) => {
              recorder.count("message");
              view.apply(message);
              if (view.needsRefetch && !view.refetching) {
                view.refetching = true;
                refetching++;
                void loadMap()
                  .then((map) => view.reset(map.seq, map.seats))
                  .catch(() => {
                    recorder.count("error:refetch");
                    view.refetching = false;
                  })
                  .finally(() => refetching--);
              }
            },
            () => {
              clearTimeout(timer);
              resolve(watcher);
            },
          );
        });
      },
    );

    const started = performance.now();
    const startedEpoch = Date.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const deadline = started + durationS * 1000;
    let replayMismatches = 0;
    let replays = 0;

    const call = async <T>(
      fanIndex: number,
      fan: FanClient,
      what: string,
      work: () => Promise<T>,
      holdId?: string,
    ): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await work();
          recorder.count("ok");
          successes.push({ at: elapsed(), fan: fanIndex });
          return result;
        } catch (error) {
          const code = errorCode(error);
          recorder.count("failed");
          recorder.count(`error:${what}:${code}`);
          errors.push({ at: elapsed(), fan: fanIndex, code: `${what}: ${code}` });
          if (holdId) ledger.note(holdId, `${new Date().toISOString()} ${what} on ${fan.base}: ${code}`);
          // No answer: the instance may be gone. Move to another one and send the same request again.
          if (!isNoAnswer(code) || attempt >= 3 || performance.now() > deadline + 5_000) throw error;
          recorder.count("retry");
          fan.failover();
          await sleep(150 * (attempt + 1), signal);
        }
      }
    };

    const fanLoop = async (fan: FanClient, fanIndex: number) => {
      await sleep(random.int(0, 1_000), signal);
      while (performance.now() < deadline && !signal.aborted) {
        try {
          const requestedAt = Date.now();
          const hold = await call(fanIndex, fan, "hold", () =>
            fan.trpc.holds.create.mutate({ eventId, best: { quantity: random.int(1, 2) } }),
          );
          recorder.count("held");
          ledger.hold({
            requestedAt,
            holdId: hold.holdId,
            eventId,
            userId: fan.userId,
            seatIds: hold.seatIds,
            expiresAt: hold.expiresAt.getTime(),
          });
          await sleep(random.int(200, 600), signal);
          if (random.chance(0.4)) {
            const sentAt = Date.now();
            ledger.note(hold.holdId, `${new Date(sentAt).toISOString()} release sent to ${fan.base}`);
            try {
              await call(
                fanIndex,
                fan,
                "release",
                () => fan.trpc.holds.release.mutate({ holdId: hold.holdId }),
                hold.holdId,
              );
            } catch (error) {
              // HOLD_NOT_FOUND after a lost answer means an earlier attempt released it (or the data loss took
              // it); with no answer at all the outcome is unknown. Either way the fan let go when it sent the
              // release; any other refusal leaves the hold in place.
              const code = errorCode(error);
              if (code === "HOLD_NOT_FOUND" || isNoAnswer(code)) ledger.released(hold.holdId, sentAt);
              throw error;
            }
            ledger.released(hold.holdId, sentAt);
            continue;
          }
          const key = randomUUID();
          const pay = () =>
            fan.trpc.checkout.complete.mutate({
              holdId: hold.holdId,
              idempotencyKey: key,
              payment: {
                cardNumber: TEST_CARDS.approved,
                expMonth: 12,
                expYear: 2030,
                cvc: "123",
                name: "Load Fan",
              },
            });
          const mode = random.pick(["once", "once", "once", "double-click", "replay"] as const);
          ledger.note(hold.holdId, `${new Date().toISOString()} checkout (${mode}) sent to ${fan.base}`);
          const orders =
            mode === "double-click"
              ? await Promise.all([
                  call(fanIndex, fan, "checkout", pay, hold.holdId),
                  call(fanIndex, fan, "checkout", pay, hold.holdId),
                ])
              : [await call(fanIndex, fan, "checkout", pay, hold.holdId)];
          if (mode === "replay") orders.push(await call(fanIndex, fan, "checkout", pay, hold.holdId));
          if (orders.length > 1) {
            replays++;
            if (new Set(orders.map(({ order }) => order.id)).size !== 1) replayMismatches++;
          }
          const { order } = orders[0]!;
          recorder.count("order");
          ledger.order({
            orderId: order.id,
            eventId,
            userId: fan.userId,
            holdId: hold.holdId,
            totalCents: order.totalCents,
            seatIds: hold.seatIds,
          });
        } catch {
          await sleep(random.int(200, 500), signal);
        }
      }
    };

    const drill = (name: string, detail: string) => {
      drills.push({ name, at: elapsed(), detail });
      context.log(`faults: ${name}`);
    };
    const connectedWatchers = () => watchers.filter((watcher) => watcher.opens > watcher.closes).length;
    const drillRunner = (async () => {
      if (killIndex >= 0) {
        await sleep(durationS * 150, signal);
        const victim = cluster.instances[killIndex]!;
        await victim.kill();
        drill(`kill -9 ${victim.label}`, `${victim.label} killed with SIGKILL (no shutdown hooks)`);
        await sleep(3_000, signal);
        const readyMs = await cluster.restart(killIndex, signal);
        drill(`${victim.label} back`, `${victim.label} restarted, ready in ${format.s(readyMs / 1000)}`);
      }
      await sleep(Math.max(0, durationS * 450 - elapsed() * 1000), signal);
      await redis.flushdb();
      ledger.markDataLoss(eventId);
      drill(
        "Redis data lost",
        "FLUSHDB of the load test's Redis database: holds, sequences, change streams and queues gone",
      );
      await sleep(Math.max(0, durationS * 700 - elapsed() * 1000), signal);
      for (const watcher of watchers) watcher.connection.drop();
      drill("all WebSockets dropped", `${watchers.length} watcher sockets terminated at once`);
    })();

    const progress = new ProgressLine(
      () =>
        `faults ${elapsed().toFixed(0)}/${durationS}s | ok ${format.int(recorder.total("ok"))} | failed ${format.int(recorder.total("failed"))}` +
        ` | retries ${format.int(recorder.total("retry"))} | orders ${format.int(recorder.total("order"))} | watchers ${connectedWatchers()}/${watchers.length}` +
        ` | last drill: ${drills.at(-1)?.name ?? "–"} | ${resourceSummary(sampler)}`,
    );
    await Promise.all(fans.map((fan, i) => fanLoop(fan, i)));
    await drillRunner;
    for (const fan of fans) fan.timeoutMs = 15_000;
    // Let reconnects, refetches and the last changes settle, then compare every watcher's map with the server's.
    for (
      let waited = 0;
      waited < 10_000 && (refetching > 0 || connectedWatchers() < watchers.length);
      waited += 250
    )
      await sleep(250);
    await sleep(1_500, signal);
    progress.stop();
    const windowEnd = sampler.now();
    const truthMap = await loadMap();
    const truth = new Map(truthMap.seats.map((seat) => [seat.id, seat.status]));
    const stale = views.map((view) => view.differences(truth));
    const liveHolds = await checkLiveHolds(redis, ledger, [eventId]);
    const reconnects = watchers.flatMap((watcher) => watcher.reconnectMs);
    const refetches = watchers.reduce((sum, watcher) => sum + watcher.refetches, 0);
    await Promise.all(watchers.map((watcher) => watcher.close()));
    const invariants = await checkInvariants({
      sql: context.sql,
      redis,
      eventIds: [eventId],
      ledger,
      liveHolds,
    });
    invariants.push(
      invariant(
        "Every watcher's map ends equal to the server's",
        views.length,
        stale.filter((n) => n > 0).length,
        `${views.length} watchers × ${truth.size} seats compared after the drills; ${stale.filter((n) => n > 0).length} watchers differ ` +
          `(${stale.reduce((a, b) => a + b, 0)} seat views in all); ${refetches} refetch notices followed`,
      ),
      invariant(
        "Replayed checkouts return the same order",
        replays,
        replayMismatches,
        `${replays} checkouts sent twice with one idempotency key (double click or repeat); ${replayMismatches} got two different orders`,
      ),
    );

    // Orders whose payment was authorized but never captured, and whether the kill explains them.
    const notes: string[] = [];
    const kill = drills.find((d) => d.name.startsWith("kill"));
    const [uncaptured] = await context.sql<Array<{ total: number; nearKill: number }>>`
      select count(*)::int as total,
        count(*) filter (where p.created_at between ${new Date(startedEpoch + (kill?.at ?? -1e6) * 1000 - 20_000)}
          and ${new Date(startedEpoch + (kill?.at ?? -1e6) * 1000)})::int as "nearKill"
      from payments p join orders o on o.id = p.order_id
      where o.event_id = ${eventId} and o.status = 'confirmed' and p.status = 'authorized'`;
    if (uncaptured && uncaptured.total > 0) {
      notes.push(
        `${uncaptured.total} confirmed orders kept a payment that was authorized but never captured; ${uncaptured.nearKill} of them began ` +
          `their checkout in the 20 s before the kill -9. The instance died between the sale's commit and the capture, and nothing ` +
          `captures (or voids) such payments afterwards: a reconciliation step is missing.`,
      );
    }
    const [stuck] = await context.sql<Array<{ n: number }>>`
      select count(*)::int as n from idempotency_keys where status = 'in_progress'`;
    if (stuck && stuck.n > 0) {
      notes.push(
        `${stuck.n} idempotency keys are still "in progress" after the load stopped: their checkout died with the killed instance. ` +
          `A retry with such a key waits up to 20 s and then gets CHECKOUT_IN_PROGRESS (fans here gave up after ` +
          `${FAN_TIMEOUT_MS} ms per attempt), so the fan has to start again with a new hold.`,
      );
    }
    const unacknowledged = liveHolds.unacknowledged;
    if (unacknowledged > 0) {
      notes.push(
        `${unacknowledged} holds exist that no fan was told about: their request got no answer (instance killed or too slow) and they expire on their own.`,
      );
    }

    // What fans saw around each drill: errors in the 5 s after it, and how long until each affected fan succeeded again.
    const drillRows = drills.map((d, i) => {
      const until = drills[i + 1]?.at ?? Number.POSITIVE_INFINITY;
      const window = errors.filter((e) => e.at >= d.at && e.at < Math.min(d.at + 5, until));
      const byCode = new Map<string, number>();
      for (const e of window) byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
      const affected = [...new Set(window.map((e) => e.fan))];
      const recovery = affected.flatMap((fan) => {
        const firstError = window.find((e) => e.fan === fan)!.at;
        const next = successes.find((s) => s.fan === fan && s.at > firstError);
        return next ? [(next.at - firstError) * 1000] : [];
      });
      const r = summarizeLatency(recovery);
      return [
        `${format.s(d.at)}: ${d.name}`,
        d.detail,
        window.length ? [...byCode].map(([code, n]) => `${code} ×${n}`).join(", ") : "none",
        affected.length
          ? `${affected.length} fans; back to a success in p50 ${format.ms(r.p50)}, max ${format.ms(r.max)}`
          : "–",
      ];
    });
    const errorCodes = recorder.counterNames().filter((name) => name.startsWith("error:"));
    const seconds = Math.ceil(durationS);
    const codeSeries = ["hold", "checkout", "release"].map((what) => ({
      name: `${what} errors`,
      points: Array.from({ length: seconds }, (_, s): [number, number] => [
        s + 0.5,
        errors.filter((e) => e.code.startsWith(`${what}:`) && Math.floor(e.at) === s).length,
      ]),
    }));
    return {
      name: "faults",
      title: "Fault drills",
      setup:
        `${format.int(fans.length)} fans keep holding 1–2 best-available seats of "The Glass Menagerie" and buying (60 %) or releasing them, ` +
        `20 % of checkouts double-clicked and 20 % repeated; ${format.int(watchers.length)} anonymous fans watch the map. Drills: ` +
        `${drills.map((d) => d.name).join(", ")}. A request without an answer is sent again to another instance (the same idempotency key for checkouts). ` +
        `Restarting Postgres or the Redis server is not part of the drill: both are shared with other work on this machine.`,
      window: [windowStart, windowEnd],
      figures: [
        [
          "requests",
          `${format.int(recorder.total("ok"))} answered OK, ${format.int(recorder.total("failed"))} failed, ${format.int(recorder.total("retry"))} resent after no answer`,
        ],
        [
          "orders",
          `${format.int(recorder.total("order"))}; ${replays} replayed checkouts, ${replayMismatches} with a different order`,
        ],
        [
          "watchers",
          `${format.int(watchers.length)}; reconnects ${format.int(reconnects.length)}, reconnect time ${format.latency(summarizeLatency(reconnects))}; ${refetches} refetch notices`,
        ],
        [
          "errors by request and code",
          errorCodes.map((name) => `${name.slice(6)} ${recorder.total(name)}`).join(", ") || "0",
        ],
      ],
      tables: [
        {
          title: "What fans saw after each drill (first 5 s)",
          columns: ["drill", "what happened", "errors fans got", "recovery"],
          rows: drillRows,
        },
        resourceTable(sampler, [windowStart, windowEnd]),
      ],
      charts: [
        {
          kind: "line",
          title: "Faults: answered requests and errors per second",
          xLabel: "seconds",
          yLabel: "per second",
          series: [
            {
              name: "answered OK",
              points: recorder.timeline("ok", seconds).map((n, s): [number, number] => [s + 0.5, n]),
            },
            ...codeSeries,
          ],
          markers: drills.map((d) => ({ x: d.at, label: d.name })),
        },
        {
          kind: "line",
          title: "Faults: seat-change messages received by watchers per second",
          xLabel: "seconds",
          yLabel: "messages / s",
          series: [
            {
              name: "messages",
              points: recorder
                .timeline("message")
                .map((n, s): [number, number] => [s + 0.5 - (started - recorder.startedAt) / 1000, n]),
            },
          ],
          markers: drills.map((d) => ({ x: d.at, label: d.name })),
        },
      ],
      invariants,
      notes,
    };
  },
};
