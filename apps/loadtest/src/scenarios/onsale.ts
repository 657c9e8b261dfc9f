import { errorCode } from "../client/error-code";
import { QueueHeadLog } from "../client/queue-head-log";
import { SeatWatcher } from "../client/seat-watcher";
import { checkInvariants } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import { invariant } from "../invariants/invariant-result";
import { readRedisInventory } from "../invariants/read-redis-inventory";
import { summarizeLatency } from "../metrics/latency-summary";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { latencyHistogram } from "../report/latency-histogram";
import { configureOnsaleEvent } from "../setup/configure-onsale-event";
import { sleep } from "../util/sleep";
import { runOnsaleFan, type OnsaleFanResult } from "./onsale-fan";
import { insertWaiters, runWaiters, type WaitersOutcome } from "./onsale-waiters";
import { resourceSummary } from "./resource-summary";
import type { Scenario } from "./scenario";
import { SeatMapPartsClient } from "../client/seat-map-parts-client";

interface OnsaleSettings {
  fans: number;
  seats: number;
  leadS: number;
  admitRatePerMinute: number;
  holdSeconds: number;
  shoppingWindowSeconds: number;
  lateShare: number;
  abandonShare: number;
  waiters: number;
  maxActiveShoppers: number;
}

function settingsOf(options: Parameters<NonNullable<Scenario["prepare"]>>[2]): OnsaleSettings {
  return {
    fans: options.fans ?? (options.quick ? 150 : 500),
    seats: options.seats ?? (options.quick ? 200 : 380),
    leadS: options.quick ? 5 : 8,
    admitRatePerMinute: options.quick ? 900 : 1_800,
    holdSeconds: options.quick ? 10 : 15,
    shoppingWindowSeconds: 60,
    lateShare: 0.15,
    abandonShare: 0.2,
    waiters: options.waiters,
    maxActiveShoppers: 5_000,
  };
}

let seatsOnSale = 0;

/**
 * The whole story on a waiting-room event: fans join the pre-queue before the on-sale (a few join late), are
 * admitted at the configured rate, hold seats with their access pass, pay (with gateway latency) or abandon
 * (their holds expire and the seats go back on sale), until the event sells out.
 */
export const onsale: Scenario = {
  name: "onsale",
  async prepare(sql, events, options) {
    const settings = settingsOf(options);
    seatsOnSale = await configureOnsaleEvent(sql, events.club, {
      seatsOnSale: settings.seats,
      admitRatePerMinute: settings.admitRatePerMinute,
      maxActiveShoppers: settings.maxActiveShoppers,
      shoppingWindowSeconds: settings.shoppingWindowSeconds,
      holdSeconds: settings.holdSeconds,
    });
  },
  async run(context) {
    const { options, sampler, ledger, random, signal, sql, cluster } = context;
    const settings = settingsOf(options);
    const fans = context.fans.slice(0, Math.min(settings.fans, context.fans.length));
    const eventId = context.events.club;
    const admissionS = (fans.length / settings.admitRatePerMinute) * 60;
    context.log(
      `onsale: ${fans.length} fans, ${seatsOnSale} seats, admitting ${settings.admitRatePerMinute}/min, on-sale in ${settings.leadS} s`,
    );

    const waiterAccounts = settings.waiters > 0 ? await insertWaiters(sql, settings.waiters) : [];
    if (waiterAccounts.length > 0)
      context.log(`onsale: ${format.int(waiterAccounts.length)} watch-only waiters inserted with sessions`);
    const windowStart = sampler.now();
    const heads = await QueueHeadLog.listen(context.redisUrl, eventId);
    const recorder = new Recorder();
    const recorderEpoch = Date.now();
    const onSaleAt = Date.now() + settings.leadS * 1000;
    await sql`update events set on_sale_at = ${new Date(onSaleAt)}, updated_at = now() where id = ${eventId}`;
    const sinceOnSale = (epochMs: number) => (epochMs - onSaleAt) / 1000;
    const deadline = onSaleAt + (admissionS + settings.holdSeconds * 2 + 20) * 1000;

    // Seats released by expiry: how long after the hold's expiry the map saw them free again.
    const abandoned = new Map<string, number>();
    const { seq } = await context.admin.trpc.seats.map.query({ eventId });
    const watcher = new SeatWatcher(
      () => cluster.urls[0]!,
      eventId,
      seq,
      (message) => {
        for (const change of message.changes) {
          const expiresAt = change.seatId ? abandoned.get(change.seatId) : undefined;
          if (expiresAt !== undefined && change.status === "available") {
            recorder.latency("expiry lag", Date.now() - expiresAt);
            abandoned.delete(change.seatId!);
          }
        }
      },
    );

    // The organizer's view and the sales, once a second.
    let soldOutAt: number | undefined;
    const lockWaits = new Map<string, number>();
    let polling = true;
    const poller = (async () => {
      while (polling && !signal.aborted) {
        const t = sinceOnSale(Date.now());
        try {
          const stats = await context.admin.trpc.queue.stats.query({ eventId });
          recorder.gauge("pre-queue", stats.preQueue, t);
          recorder.gauge("waiting", stats.waiting, t);
          recorder.gauge("active shoppers", stats.activeShoppers, t);
          recorder.gauge("admitted", stats.admitted, t);
          const [row] = await sql<Array<{ sold: number }>>`
            select count(*)::int as sold from event_seats where event_id = ${eventId} and status = 'sold'`;
          const inventory = await readRedisInventory(context.redis, eventId);
          recorder.gauge("seats sold", row?.sold ?? 0, t);
          recorder.gauge("seats held", inventory.heldSeats.size, t);
          // Sessions waiting on a lock, by the statement they wait in (which row is the queue).
          const waiting = await sql<Array<{ statement: string; n: number }>>`
            select regexp_replace(left(query, 48), '[[:space:]]+', ' ', 'g') as statement, count(*)::int as n
            from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'
            group by 1`;
          recorder.gauge(
            "postgres lock waits",
            waiting.reduce((sum, row) => sum + row.n, 0),
            t,
          );
          for (const row of waiting)
            lockWaits.set(row.statement, Math.max(lockWaits.get(row.statement) ?? 0, row.n));
          if (soldOutAt === undefined && (row?.sold ?? 0) >= seatsOnSale) soldOutAt = Date.now();
        } catch (error) {
          recorder.count(`error:stats:${errorCode(error)}`);
        }
        await sleep(1_000 - (Date.now() % 1_000), signal);
      }
    })();

    // The waiting room cannot be skipped: an organizer account that never queued tries to hold without a pass,
    // with a made-up pass and with a pass issued to another fan.
    const probes: Array<{ what: string; code: string }> = [];
    const probe = async (what: string, accessPass: string | undefined) => {
      try {
        const hold = await context.admin.trpc.holds.create.mutate({
          eventId,
          best: { quantity: 1 },
          accessPass,
        });
        probes.push({ what, code: "HOLD GRANTED" });
        await context.admin.trpc.holds.release.mutate({ holdId: hold.holdId });
      } catch (error) {
        probes.push({ what, code: errorCode(error) });
      }
    };
    let stolenPass: string | undefined;

    const progress = new ProgressLine(() => {
      const t = sinceOnSale(Date.now());
      const last = (name: string) => recorder.gaugeSeries(name).at(-1)?.[1] ?? 0;
      return (
        `onsale ${t < 0 ? `starts in ${(-t).toFixed(0)}s` : `+${t.toFixed(0)}s`} | joined ${format.int(recorder.total("joined"))}` +
        ` | waiting ${format.int(last("waiting") + last("pre-queue"))} | admitted ${format.int(recorder.total("admitted"))}` +
        ` | holds ${format.int(recorder.total("held"))} | orders ${format.int(recorder.total("order"))}` +
        ` | sold ${format.int(last("seats sold"))}/${format.int(seatsOnSale)} | ${resourceSummary(sampler)}`
      );
    });

    // Watch-only fans join the back of the line at the on-sale, as fast as they can, and watch their positions.
    const waitersRun: Promise<WaitersOutcome | undefined> =
      waiterAccounts.length > 0
        ? runWaiters({
            eventId,
            urls: cluster.urls,
            waiters: waiterAccounts,
            joinAt: onSaleAt + 500,
            stopAt: deadline,
            watchMs: 30_000,
            processes: 2,
            concurrency: 256,
            signal,
          })
        : Promise.resolve(undefined);
    const maps = new SeatMapPartsClient();
    const results = await Promise.all(
      fans.map(async (fan, i) => {
        const late = i >= fans.length * (1 - settings.lateShare);
        const joinAt = late
          ? onSaleAt + random.int(200, 4_000)
          : Date.now() + 2_500 + random.int(0, Math.max(0, settings.leadS * 1000 - 3_000));
        const result: OnsaleFanResult = await runOnsaleFan(
          fan,
          {
            eventId,
            joinAt,
            quantity: random.pick([1, 2, 2, 2, 3, 4]),
            abandons: random.chance(settings.abandonShare),
            deadline,
          },
          { recorder, ledger, random, signal, maps },
        );
        if (result.abandonedHold)
          for (const seatId of result.abandonedHold.seatIds)
            abandoned.set(seatId, result.abandonedHold.expiresAt);
        if (result.admittedAt !== undefined && !stolenPass) {
          const status = await fan.trpc.queue.status.query({ eventId }).catch(() => undefined);
          stolenPass = status?.accessPass;
        }
        return result;
      }),
    );
    const waiters = await waitersRun;
    await probe("no access pass", undefined);
    await probe("made-up access pass", "bm90LWEtcGFzcw.forged");
    if (stolenPass) await probe("another fan's access pass", stolenPass);

    const liveHolds = await checkLiveHolds({
      redis: context.redis,
      sql: context.sql,
      ledger,
      eventIds: [eventId],
    });
    // Let every abandoned hold expire and be swept before checking that none is left behind.
    const lastExpiry = Math.max(0, ...results.map((r) => r.abandonedHold?.expiresAt ?? 0));
    await sleep(Math.min(settings.holdSeconds * 1000 + 3_000, lastExpiry + 2_500 - Date.now()), signal);
    polling = false;
    await poller;
    progress.stop();
    await watcher.close();
    await heads.close();
    const windowEnd = sampler.now();
    const invariants = await checkInvariants({
      sql,
      redis: context.redis,
      eventIds: [eventId],
      ledger,
      liveHolds,
    });

    const admittedFans = results.filter((r) => r.admittedAt !== undefined);
    const queueTimes = admittedFans.map((r) => r.admittedAt! - Math.max(r.joinedAt ?? onSaleAt, onSaleAt));
    // Admission, from the server's own heads: how many it let in per tick against what the rate allows
    // (credit accrues with the time since the previous tick, plus at most one tick carried over).
    const ratePerMs = settings.admitRatePerMinute / 60_000;
    const ticks = heads.heads.filter((head) => head.at >= onSaleAt - 1_000);
    let previous = { at: onSaleAt, admitted: 0 };
    let tooFast = 0;
    let burst = 0;
    for (const head of ticks) {
      const admittedNow = head.admitted - previous.admitted;
      const allowed = Math.ceil((Math.max(0, head.at - previous.at) + 1_000) * ratePerMs) + 1;
      burst = Math.max(burst, admittedNow);
      if (admittedNow > allowed) tooFast += admittedNow - allowed;
      previous = head;
    }
    // What held admission back in each tick that let in fewer than the rate allowed: the active-shopper cap (every
    // slot taken), an empty line, or the admitter itself (a tick that came late or admitted less than its credit).
    let capTicks = 0;
    let emptyTicks = 0;
    const tickGaps: number[] = [];
    for (let k = 1; k < ticks.length; k++) {
      const head = ticks[k]!;
      tickGaps.push(head.at - ticks[k - 1]!.at);
      if (head.active >= settings.maxActiveShoppers) capTicks++;
      else if (head.waiting === 0) emptyTicks++;
    }
    const totalAdmitted = ticks.at(-1)?.admitted ?? 0;
    const lastAdmitting = ticks.find((head) => head.admitted === totalAdmitted)?.at ?? onSaleAt + 1;
    const measuredPerMinute = (totalAdmitted / Math.max(1, lastAdmitting - onSaleAt)) * 60_000;
    // Fairness: nobody is told "admitted" before the head reached their place; and how long the telling took.
    let aheadOfPlace = 0;
    const pushDelays: number[] = [];
    for (const r of [
      ...admittedFans.map((fan) => ({ place: fan.place, at: fan.admittedAt! })),
      ...(waiters?.admitted ?? []),
    ]) {
      const serverAt = r.place === undefined ? undefined : heads.admittedAt(r.place);
      if (serverAt === undefined || r.at < serverAt - 50) aheadOfPlace++;
      else pushDelays.push(r.at - serverAt);
    }
    const outcomes = new Map<string, number>();
    for (const r of results) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
    const errors = results.filter((r) => r.error).map((r) => r.error!);
    const errorCounts = [...new Set(errors)].map((e) => `${e} ×${errors.filter((x) => x === e).length}`);

    const joinTimes = results.filter((r) => r.joinedAt !== undefined).map((r) => r.joinedAt!);
    const earlyJoins = joinTimes.filter((t) => t < onSaleAt);
    const joinSpan = earlyJoins.length > 1 ? (Math.max(...earlyJoins) - Math.min(...earlyJoins)) / 1000 : 1;
    const orderTimes = recorder.timeline("order");
    const firstOrderSecond = orderTimes.findIndex((n) => n > 0);
    const lastOrderSecond = orderTimes.length - 1;
    const sellingSeconds = Math.max(1, lastOrderSecond - firstOrderSecond + 1);
    const seatsSold = recorder.gaugeSeries("seats sold").at(-1)?.[1] ?? 0;
    const toOnSaleClock = (second: number) => second - (onSaleAt - recorderEpoch) / 1000;

    invariants.push(
      invariant(
        "Nobody skipped the waiting room",
        probes.length + recorder.total("order"),
        probes.filter((p) => p.code !== "NOT_ADMITTED").length +
          [...ledger.ordersOf(eventId)].filter(
            (o) => !results.some((r, i) => r.admittedAt !== undefined && fans[i]!.userId === o.userId),
          ).length,
        `${probes.map((p) => `${p.what} → ${p.code}`).join("; ")}; every order's fan had been admitted`,
      ),
      invariant(
        "Admission never faster than the configured rate",
        totalAdmitted,
        tooFast,
        `${ticks.length} admitter ticks; largest ${format.int(burst)} fans in one tick; ${format.int(tooFast)} fans let in beyond ` +
          `the rate × time since the previous tick plus one tick of carry-over`,
      ),
      invariant(
        "Every watch-only fan joined and was pushed its status",
        settings.waiters,
        waiters
          ? settings.waiters -
              waiters.joins +
              [...waiters.subscribeErrors.values()].reduce((sum, n) => sum + n, 0)
          : 0,
        waiters
          ? `${format.int(waiters.joins)} of ${format.int(settings.waiters)} joined; ${format.int(waiters.pushes)} pushes; ` +
              `failures: ${[...waiters.joinErrors, ...waiters.subscribeErrors].map(([code, n]) => `${code} ×${n}`).join(", ") || "none"}`
          : "no waiters",
      ),
      invariant(
        "No waiter's position went up",
        waiters?.pushes ?? 0,
        waiters?.movedBack ?? 0,
        `${format.int(waiters?.pushes ?? 0)} position pushes to ${format.int(settings.waiters)} watch-only fans; ${format.int(waiters?.movedBack ?? 0)} said a larger position than the one before`,
      ),
      invariant(
        "No fan let in ahead of their place in line",
        admittedFans.length + (waiters?.admitted.length ?? 0),
        aheadOfPlace,
        `${format.int(admittedFans.length + (waiters?.admitted.length ?? 0))} admitted fans (shoppers and waiters); ${aheadOfPlace} told "admitted" before the admission head reached their place`,
      ),
    );

    return {
      name: "onsale",
      title: "On-sale with a waiting room",
      setup:
        `"Overthinking It" turned into a waiting-room on-sale with ${format.int(seatsOnSale)} seats on sale, admitting ` +
        `${format.int(settings.admitRatePerMinute)} fans/min, holds of ${settings.holdSeconds} s, payment latency ${options.paymentLatencyMs} ms. ` +
        `${format.int(fans.length)} fans: ${Math.round((1 - settings.lateShare) * 100)} % join the pre-queue in the ${settings.leadS} s before the on-sale, ` +
        `the rest in the first 4 s after; each wants 1–4 seats side by side; ${Math.round(settings.abandonShare * 100)} % walk away from their hold.` +
        (settings.waiters > 0
          ? ` ${format.int(settings.waiters)} watch-only fans join the back of the line from the on-sale on (256 joins in flight), each with its own queue.onStatus WebSocket, in 2 child processes.`
          : ""),
      window: [windowStart, windowEnd],
      figures: [
        [
          "joins",
          `${format.int(joinTimes.length)}; ${format.rate(earlyJoins.length / joinSpan)}/s into the pre-queue; queue.join ${format.latency(recorder.summary("join"))}`,
        ],
        [
          "admission rate (server heads)",
          `${format.int(totalAdmitted)} fans let in within ${format.s((lastAdmitting - onSaleAt) / 1000)} of the on-sale = ` +
            `${format.int(measuredPerMinute)}/min vs ${format.int(settings.admitRatePerMinute)}/min configured ` +
            `(${format.pct((100 * measuredPerMinute) / settings.admitRatePerMinute)})`,
        ],
        [
          "admission held back by",
          `${format.int(capTicks)} of ${format.int(tickGaps.length)} ticks at the active-shopper cap (${format.int(settings.maxActiveShoppers)}), ` +
            `${format.int(emptyTicks)} with nobody waiting; time between admitter ticks ${format.latency(summarizeLatency(tickGaps))}`,
        ],
        [
          "largest admission tick",
          `${format.int(burst)} fans in one tick (configured ${format.rate(settings.admitRatePerMinute / 60)}/s, one tick a second)`,
        ],
        ["admitted → fan told (queue.onStatus push)", format.latency(summarizeLatency(pushDelays))],
        ["time in queue (on-sale or join → admitted)", format.latency(summarizeLatency(queueTimes))],
        ["status pushes received", format.int(recorder.total("status push"))],
        ...(waiters ? waiterFigures(waiters, settings.waiters) : []),
        [
          "holds",
          `${format.int(recorder.total("held"))}; ${format.int(recorder.total("conflict"))} conflicts; holds.create ${format.latency(recorder.summary("hold"))}`,
        ],
        [
          "orders",
          `${format.int(recorder.total("order"))} (${format.int(recorder.total("tickets"))} tickets), ${format.rate(recorder.total("order") / sellingSeconds)}/s while selling, peak ${format.int(Math.max(0, ...orderTimes))}/s`,
        ],
        ["checkout.complete", format.latency(recorder.summary("checkout"))],
        [
          "Postgres sessions waiting on a lock",
          `peak ${format.int(Math.max(0, ...recorder.gaugeSeries("postgres lock waits").map(([, n]) => n)))} (sampled once a second)` +
            ([...lockWaits].length
              ? `; waiting in: ${[...lockWaits]
                  .sort((a, b) => b[1] - a[1])
                  .map(([statement, n]) => `${statement}… (${n})`)
                  .join("; ")}`
              : ""),
        ],
        [
          "abandoned holds",
          `${format.int(recorder.total("abandoned"))}; seat back on the map ${format.latency(recorder.summary("expiry lag"))} after expiry`,
        ],
        [
          "sell-out",
          soldOutAt !== undefined
            ? `all ${format.int(seatsOnSale)} seats sold ${format.s(sinceOnSale(soldOutAt))} after the on-sale`
            : `not sold out: ${format.int(seatsSold)} of ${format.int(seatsOnSale)} sold`,
        ],
        ["fan outcomes", [...outcomes].map(([k, v]) => `${k.replace("_", " ")} ${v}`).join(", ")],
        ["errors", errorCounts.length ? errorCounts.join(", ") : "0"],
        [
          "shopping window ended before a hold (NOT_ADMITTED, window ended)",
          `${format.int(recorder.total("window ended"))}; time since admitted ${format.latency(recorder.summary("window ended after"))}`,
        ],
      ],
      tables: [resourceTable(sampler, [windowStart, windowEnd])],
      charts: [
        {
          kind: "line",
          title: "On-sale: waiting room over time",
          xLabel: "seconds since the on-sale",
          yLabel: "fans",
          step: true,
          series: ["pre-queue", "waiting", "active shoppers", "admitted"].map((name) => ({
            name,
            points: recorder.gaugeSeries(name),
          })),
          markers: [
            { x: 0, label: "on-sale" },
            ...(soldOutAt !== undefined ? [{ x: sinceOnSale(soldOutAt), label: "sold out" }] : []),
          ],
        },
        {
          kind: "line",
          title: "On-sale: seats held and sold",
          xLabel: "seconds since the on-sale",
          yLabel: "seats",
          step: true,
          series: ["seats held", "seats sold"].map((name) => ({ name, points: recorder.gaugeSeries(name) })),
          markers: [{ x: 0, label: "on-sale" }],
        },
        {
          kind: "line",
          title: "On-sale: admissions, holds and orders per second",
          xLabel: "seconds since the on-sale",
          yLabel: "per second",
          series: [
            ...["admitted", "held", "order", "conflict"].map((name) => ({
              name:
                name === "admitted"
                  ? "admitted (seen by fans)"
                  : name === "order"
                    ? "orders"
                    : name === "held"
                      ? "holds"
                      : "conflicts",
              points: recorder.timeline(name).map((n, s): [number, number] => [toOnSaleClock(s) + 0.5, n]),
            })),
            {
              name: "configured admission rate",
              points: [
                [0, settings.admitRatePerMinute / 60],
                [admissionS, settings.admitRatePerMinute / 60],
              ],
            },
          ],
          markers: [{ x: 0, label: "on-sale" }],
        },
        latencyHistogram(
          "On-sale: request latency",
          recorder.latencySeries({
            "queue.join": "join",
            "holds.create": "hold",
            "checkout.complete": "checkout",
          }),
        ),
      ],
      invariants,
      notes: [],
    };
  },
};

/** The watch-only fans' figures: joins/s, how often positions came, what it cost the generator. */
function waiterFigures(waiters: WaitersOutcome, count: number): Array<[string, string]> {
  const joinSeconds = Math.max(0.001, (waiters.joinEndedAt - waiters.joinStartedAt) / 1000);
  const errors = [...waiters.joinErrors, ...waiters.subscribeErrors].map(([code, n]) => `${code} ×${n}`);
  return [
    [
      "waiters' joins",
      `${format.int(waiters.joins)} of ${format.int(count)} in ${format.s(joinSeconds)} = ${format.rate(waiters.joins / joinSeconds)}/s; ` +
        `queue.join ${format.latency(summarizeLatency(waiters.joinLatencies))}`,
    ],
    ["position push interval (waiters, every gap)", format.latency(summarizeLatency(waiters.intervals))],
    [
      "position push interval p95 per waiter",
      `${format.latency(summarizeLatency(waiters.fanP95Intervals))} over ${format.int(waiters.fanP95Intervals.length)} waiters; ` +
        `${format.int(waiters.fanP95Intervals.filter((p95) => p95 > 2_000).length)} over 2 s`,
    ],
    [
      "longest gap per waiter still in line (from its subscription to the end)",
      `${format.latency(summarizeLatency(waiters.longestGaps))} over ${format.int(waiters.longestGaps.length)} waiters; ` +
        `${format.int(waiters.longestGaps.filter((gap) => gap > 2_000).length)} had a gap over 2 s; ` +
        `${format.int(waiters.neverPushed)} never pushed`,
    ],
    ["subscription → first push", format.latency(summarizeLatency(waiters.firstPushLatencies))],
    [
      "waiters",
      `${format.int(waiters.pushes)} pushes; ${format.int(waiters.admitted.length)} admitted while watching; ` +
        `${format.int(waiters.socketErrors)} socket errors; ` +
        `closed while in line ${[...waiters.closedWhileWaiting].map(([code, n]) => `${code} ×${n}`).join(", ") || "0"}; ` +
        `errors ${errors.length ? errors.join(", ") : "0"}; ` +
        `waiter processes used ${format.s(waiters.cpuSeconds)} of CPU`,
    ],
  ];
}
