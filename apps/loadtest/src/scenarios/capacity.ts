import type { Redis } from "@frontrow/redis";
import type postgres from "postgres";
import type { Options } from "../cli/parse-options";
import { watchSeatMap } from "../client/seat-view";
import { strategyServerProcess } from "../cluster/strategy-server-process";
import { checkInvariants, noSeatHeldTwice } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import type { ClientLedger } from "../invariants/client-ledger";
import { everyHoldReleased } from "../invariants/every-hold-released";
import { readRedisInventory } from "../invariants/read-redis-inventory";
import type { CpuSource } from "../metrics/cpu-window";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { SeatRows } from "../setup/seat-rows";
import { prepareStrategyTables } from "../strategies/strategy-tables";
import { sleep } from "../util/sleep";
import { closeLeanConnections } from "../client/lean-http";
import { ceilingTable, measureCeiling, type CeilingRow } from "./capacity-ceiling";
import { runCapacityPhase, type CapacityPhase, type CapacitySide } from "./capacity-phase";
import { phaseCharts, phaseSummary, phaseTables } from "./capacity-report";
import { leanFrontrowTarget, releaseOpenHolds } from "./hold-race-load";
import { HOT_SECTION } from "./race";
import type { Scenario } from "./scenario";
import { pollStrategySeats, storedStrategyHolds, strategyTarget } from "./strategy-target";

/**
 * What the capacity instance gets on top of the run's settings: no limits against bots (its 200 fans share one
 * address and hold far faster than any person), so the figures measure the hold path itself. The hold script
 * still records each hold's address and counts the address's seats; only the checks are off.
 */
const CAPACITY_SERVER_ENV: Record<string, string> = { BOT_PROTECTION: "off" };

/** The naive server: per-seat SET NX, then a Postgres transaction with FOR UPDATE NOWAIT (see `strategies`). */
const NAIVE = "setnx-pg";

const LABELS: Record<string, string> = {
  frontrow: "Frontrow (holds.create / holds.release)",
  [NAIVE]: "naive: SET NX per seat + SELECT … FOR UPDATE NOWAIT",
};

/** The fan count of each phase: `--fans 200,50`, or 200 then 50. */
export function capacityFans(options: Options): number[] {
  return options.fanPhases ?? [200, 50];
}

/** The Postgres backends serving the run's database now. */
async function backendPids(sql: postgres.Sql): Promise<number[]> {
  const rows = await sql<Array<{ pid: number }>>`
    select pid from pg_stat_activity where datname = current_database()`;
  return rows.map((row) => row.pid);
}

/** The pid of the redis-server behind this connection, from INFO. */
async function redisPid(redis: Redis): Promise<number[]> {
  const match = /^process_id:(\d+)/m.exec(await redis.info("server"));
  return match ? [Number(match[1])] : [];
}

/**
 * How many holds one server answers: a closed loop of N fans (200, then 50) that hold a random free block of 1–4
 * seats of a 270-seat section and release it at once, with no pause, against one Frontrow instance started as
 * `pnpm serve` starts it (the server's default worker count) and, in turn, against a naive server (per-seat
 * SET NX + FOR UPDATE NOWAIT) as one process; CPU per request of every process involved. Then the machine's
 * ceiling in the same run: a bare node:http server and auth.me under wrk.
 */
export const capacity: Scenario = {
  name: "capacity",
  async run(context) {
    const { options, sampler, random, signal, cluster, sql, redis } = context;
    const fanCounts = capacityFans(options).map((n) => Math.min(n, context.fans.length));
    const durationS = options.durationS ?? (options.quick ? 8 : 20);
    const eventId = context.events.arena;
    const windowStart = sampler.now();

    const instance = await cluster.sibling({
      count: 1,
      workers: undefined,
      labelPrefix: "capacity-server",
      env: CAPACITY_SERVER_ENV,
    });
    for (const child of instance.instances) context.adopt(child);
    const naive = await strategyServerProcess({
      label: "capacity-naive",
      logDir: context.reportDir,
      databaseUrl: context.databaseUrl,
      redisUrl: context.redisUrl,
      eventId,
    });
    const phases: CapacityPhase[] = [];
    let ceiling: CeilingRow[] = [];
    let seatsInPlay = 0;
    try {
      const startedMs = await instance.start(signal);
      const frontrowFans = context.fans.map((fan) => fan.onInstances(instance.urls));
      const rows = (await SeatRows.fetch(frontrowFans[0]!, eventId)).select([HOT_SECTION], options.seats);
      const seatIds = rows.flatMap((row) => row.seatIds);
      seatsInPlay = seatIds.length;
      await prepareStrategyTables(sql, seatIds);
      naive.start();
      context.adopt(naive);
      await naive.waitReady(30_000, signal);
      context.log(
        `capacity: instance ready in ${format.s(startedMs / 1000)}; ${fanCounts.join(" then ")} fans on ${seatsInPlay} seats, ` +
          `${durationS} s per phase, Frontrow then naive`,
      );

      const cpuSources = (serverPid: () => number | undefined): CpuSource[] => [
        { label: "server", tree: serverPid },
        { label: "postgres", pids: () => backendPids(sql) },
        { label: "redis", pids: () => redisPid(redis) },
      ];
      const naiveTarget = strategyTarget(NAIVE, [naive.url]);
      // After a Ctrl-C the servers are stopping too (the signal reaches their process group): refused releases are no finding.
      const released = (ledger: ClientLedger, stored: Iterable<string>) =>
        signal.aborted ? [] : [everyHoldReleased(ledger, eventId, stored)];
      const sides: CapacitySide[] = [
        {
          name: "frontrow",
          target: leanFrontrowTarget,
          fans: frontrowFans,
          openView: () => watchSeatMap(instance.urls[0]!, eventId),
          cpuSources: cpuSources(() => instance.instances[0]?.pid),
          async check(ledger, open) {
            const liveHolds = await checkLiveHolds({ redis, sql, ledger, eventIds: [eventId] });
            await releaseOpenHolds(leanFrontrowTarget, ledger, open);
            const stored = (await readRedisInventory(redis, eventId)).holds.keys();
            return [
              ...(await checkInvariants({ sql, redis, eventIds: [eventId], ledger, liveHolds })),
              ...released(ledger, stored),
            ];
          },
        },
        {
          name: NAIVE,
          target: naiveTarget,
          fans: context.fans,
          openView: async () => pollStrategySeats(NAIVE, naive.url),
          cpuSources: cpuSources(() => naive.pid),
          async check(ledger, open) {
            await releaseOpenHolds(naiveTarget, ledger, open);
            const stored = (await storedStrategyHolds(NAIVE, naive.url)).keys();
            return [noSeatHeldTwice(ledger, [eventId]), ...released(ledger, stored)];
          },
        },
      ];
      for (const fanCount of fanCounts) {
        for (const side of sides) {
          if (signal.aborted) break;
          phases.push(
            await runCapacityPhase(side, fanCount, { eventId, rows, durationS, sampler, random, signal }),
          );
          // Let the last answers, Postgres's and Redis's background work settle before the next window.
          await sleep(1_000, signal);
        }
      }
      if (!signal.aborted) {
        context.log("capacity: the ceiling (bare node:http and auth.me under wrk)");
        ceiling = await measureCeiling({
          frontrowUrl: instance.urls[0]!,
          fan: frontrowFans[0]!,
          workDir: context.workDir,
          logDir: context.reportDir,
          signal,
          adopt: context.adopt,
        });
      }
    } finally {
      closeLeanConnections();
      await Promise.all([instance.stop(), naive.stop()]);
    }
    const windowEnd = sampler.now();

    return {
      name: "capacity",
      title: "Capacity: how many holds one server answers",
      setup:
        `A closed loop of ${fanCounts.join(", then ")} signed-in fans, no think time: each picks a random block of 1–4 side-by-side seats ` +
        `that the shared seat view shows free among ${format.int(seatsInPlay)} seats of section ${HOT_SECTION} (Midnight Run Tour), ` +
        `holds it and releases it as soon as it has it, and picks again at once after a conflict; ${durationS} s per phase. ` +
        `Frontrow: one instance started as \`pnpm serve\` starts it (WORKERS unset: the server's default), the view kept by one seats.onChange watcher. ` +
        `Naive: the strategy server's SET NX + FOR UPDATE NOWAIT as one process on the same Postgres and Redis, its view polled every 50 ms; ` +
        `it trusts the user id in the request (no session lookup), where Frontrow validates the fan's session on every call. ` +
        `Both sides' fans send the same requests over lean keep-alive HTTP/1.1 connections (node:http, the tRPC wire format for Frontrow), so the generator's own CPU stays small. ` +
        `CPU per request: CPU used in the timed window (from /proc at both ends) ÷ holds.create and holds.release answered in it.`,
      window: [windowStart, windowEnd],
      figures: [
        ...phases.map((phase): [string, string] => [
          `${LABELS[phase.side] ?? phase.side}, ${phase.fans} fans`,
          phaseSummary(phase),
        ]),
        ...ceiling.map(({ endpoint, result }): [string, string] => [
          endpoint,
          "skipped" in result
            ? `skipped: ${result.skipped}`
            : `${format.int(result.requestsPerSecond)} requests/s`,
        ]),
      ],
      tables: [
        ...phaseTables(phases, LABELS),
        ceilingTable(ceiling),
        resourceTable(sampler, [windowStart, windowEnd]),
      ],
      charts: phaseCharts(phases),
      invariants: phases.flatMap((phase) =>
        phase.invariants.map((inv) => ({ ...inv, name: `${phase.side}, ${phase.fans} fans: ${inv.name}` })),
      ),
      notes: [
        "Frontrow does not rate-limit holds yet; these fans are faster than any person. The shared instances (server-N) stay idle " +
          "during this scenario and are not counted; Redis's CPU is the whole redis-server's, so another client of it (someone " +
          "else's tests) shows up there.",
      ],
    };
  },
};
