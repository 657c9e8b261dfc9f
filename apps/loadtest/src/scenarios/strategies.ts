import type { ManagedProcess } from "../cluster/managed-process";
import { strategyServerProcess } from "../cluster/strategy-server-process";
import { ClientLedger } from "../invariants/client-ledger";
import { readRedisInventory } from "../invariants/read-redis-inventory";
import { summarizeLatency, type LatencySummary } from "../metrics/latency-summary";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { latencyHistogram } from "../report/latency-histogram";
import { SeatRows } from "../setup/seat-rows";
import { prepareStrategyTables } from "../strategies/strategy-tables";
import { sleep } from "../util/sleep";
import { leanFrontrowTarget, runHoldRace, type HoldTarget } from "./hold-race-load";
import { HOT_SECTION } from "./race";
import { resourceSummary } from "./resource-summary";
import type { Scenario } from "./scenario";
import { storedStrategyHolds, strategyTarget } from "./strategy-target";

interface Phase {
  target: HoldTarget;
  label: string;
  recorder: Recorder;
  seconds: number;
  latency: LatencySummary;
  doubles: number;
  partial: number;
  missing: number;
  phantom: number;
  window: [number, number];
}

const LABELS: Record<string, string> = {
  lua: "Lua script (Frontrow's holdSeats)",
  "setnx-pg": "SET NX per seat + SELECT … FOR UPDATE NOWAIT",
  "pg-optimistic": "Postgres optimistic (version column)",
  "pg-row-lock": "Postgres row locks (SELECT … FOR UPDATE)",
  frontrow: "Frontrow server, full stack (tRPC holds.create)",
};

/**
 * The race load against each hold strategy in turn, in one run on the same machine: four strategies behind the
 * same tiny endpoint (one strategy server per Frontrow instance, same Postgres and Redis), and the real server.
 * One at a time, so each has the machine to itself for the same time; each is checked for double holds and
 * partial holds.
 */
export const strategies: Scenario = {
  name: "strategies",
  async run(context) {
    const { options, sampler, random, signal, cluster } = context;
    const fans = context.fans.slice(
      0,
      Math.min(context.fans.length, options.fans ?? (options.quick ? 100 : 300)),
    );
    const durationS = options.durationS ?? (options.quick ? 6 : 20);
    const eventId = context.events.arena;
    const rows = (await SeatRows.fetch(fans[0]!, eventId)).select([HOT_SECTION], options.seats);
    const seatIds = rows.flatMap((row) => row.seatIds);
    await prepareStrategyTables(context.sql, seatIds);

    const servers: ManagedProcess[] = [];
    for (let i = 0; i < cluster.instances.length; i++) {
      const server = await strategyServerProcess({
        label: `strategies-${i + 1}`,
        logDir: context.reportDir,
        databaseUrl: context.databaseUrl,
        redisUrl: context.redisUrl,
        eventId,
      });
      server.start();
      context.adopt(server);
      servers.push(server);
    }
    const phases: Phase[] = [];
    const windowStart = sampler.now();
    try {
      await Promise.all(servers.map((server) => server.waitReady(30_000, signal)));
      const urls = servers.map((server) => server.url);
      const targets: HoldTarget[] = options.strategies.map((name) =>
        name === "frontrow" ? leanFrontrowTarget : strategyTarget(name, urls),
      );
      context.log(
        `strategies: ${fans.length} fans on ${seatIds.length} seats, ${durationS} s per strategy: ${targets.map((t) => t.name).join(", ")}`,
      );

      for (const target of targets) {
        if (signal.aborted) break;
        const recorder = new Recorder();
        const ledger = new ClientLedger();
        const phaseStart = sampler.now();
        const progress = new ProgressLine(() => {
          const t = recorder.elapsed();
          return (
            `strategies ${target.name} ${Math.min(t, durationS).toFixed(0)}/${durationS}s | attempts ${format.int(recorder.total("attempt"))}` +
            ` | holds ${format.int(recorder.total("held"))} (${format.rate(recorder.total("held") / Math.max(0.1, t))}/s)` +
            ` | errors ${format.int(recorder.total("error"))} | ${resourceSummary(sampler)}`
          );
        });
        // Closed loop with short pauses, so the strategy (not the fans' patience) sets the pace.
        const open = await runHoldRace({
          fans,
          eventId,
          rows,
          durationMs: durationS * 1000,
          target,
          recorder,
          ledger,
          random,
          signal,
          thinkMs: [100, 300],
          backoffMs: [0, 10],
        });
        const phaseEnd = sampler.now();
        const seconds = recorder.elapsed();
        progress.stop();

        // All or nothing, and nothing lost or made up: what the store holds now against what fans were told.
        const stored =
          target.name === "frontrow"
            ? new Map(
                [...(await readRedisInventory(context.redis, eventId)).holds].map(([id, hold]) => [
                  id,
                  hold.seatIds,
                ]),
              )
            : await storedStrategyHolds(target.name, urls[0]!);
        let partial = 0;
        let missing = 0;
        for (const { holdId } of open) {
          const told = ledger.holds.get(holdId);
          const seats = stored.get(holdId);
          if (!seats) missing++;
          else if ([...seats].sort().join() !== [...(told?.seatIds ?? [])].sort().join()) partial++;
        }
        const phantom = [...stored.keys()].filter((holdId) => !ledger.holds.has(holdId)).length;
        await Promise.all(open.map(({ fan, holdId }) => target.release(fan, holdId)));
        const all = [
          ...recorder.latencySamples("hold.ok"),
          ...recorder.latencySamples("hold.conflict"),
          ...recorder.latencySamples("hold.error"),
        ];
        phases.push({
          target,
          label: LABELS[target.name] ?? target.name,
          recorder,
          seconds,
          latency: summarizeLatency(all),
          doubles: ledger.doubleHolds(eventId).doubles.length,
          partial,
          missing,
          phantom,
          window: [phaseStart, phaseEnd],
        });
        await sleep(1_000, signal);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    const windowEnd = sampler.now();

    const base = phases.find((phase) => phase.target.name === "lua");
    const heldPerSecond = (phase: Phase) => phase.recorder.total("held") / phase.seconds;
    const ratio = (value: number, reference: number | undefined) =>
      reference ? `${(value / reference).toFixed(2)}×` : "–";
    const cpu = (phase: Phase, match: (label: string) => boolean) =>
      format.pct(sampler.meanCpu(phase.window[0], phase.window[1], match));
    const tableRows = phases.map((phase) => {
      const r = phase.recorder;
      const attempts = r.total("attempt");
      return [
        phase.label,
        format.rate(attempts / phase.seconds),
        format.rate(heldPerSecond(phase)),
        ratio(heldPerSecond(phase), base ? heldPerSecond(base) : undefined),
        format.pct((100 * r.total("conflict")) / Math.max(1, attempts)),
        format.int(r.total("error")),
        format.ms(phase.latency.p50),
        format.ms(phase.latency.p95),
        format.ms(phase.latency.p99),
        ratio(phase.latency.p95, base?.latency.p95),
        cpu(phase, (label) => label.startsWith(phase.target.name === "frontrow" ? "server-" : "strategies-")),
        cpu(phase, (label) => label.startsWith("postgres")),
        cpu(phase, (label) => label === "redis-server"),
        cpu(phase, (label) => label === "loadtest"),
        phase.doubles + phase.partial + phase.missing + phase.phantom === 0
          ? "correct"
          : `${phase.doubles} double, ${phase.partial} partial, ${phase.missing} lost, ${phase.phantom} unknown holds`,
      ];
    });
    return {
      name: "strategies",
      title: "Hold strategies side by side",
      setup:
        `The race load (${format.int(fans.length)} fans, random blocks of 1–4 side-by-side seats among ${format.int(seatIds.length)} seats, ` +
        `holds kept 0.1–0.3 s, 0–10 ms pause after a conflict) for ${durationS} s against each strategy in turn. The four strategies run behind the same tiny HTTP endpoint ` +
        `(${servers.length} strategy server processes, like the ${cluster.instances.length} Frontrow instances, same Postgres and Redis); ` +
        `the last row is the real Frontrow server for reference (tRPC, session lookup, validation).`,
      window: [windowStart, windowEnd],
      figures: phases.map((phase): [string, string] => [
        phase.label,
        `${format.rate(heldPerSecond(phase))} holds/s of ${format.rate(phase.recorder.total("attempt") / phase.seconds)} attempts/s; ${format.latency(phase.latency)}`,
      ]),
      tables: [
        {
          title: "Strategies compared (ratios against the Lua script behind the same endpoint)",
          columns: [
            "strategy",
            "attempts/s",
            "holds/s",
            "holds/s ratio",
            "conflicts",
            "errors",
            "p50",
            "p95",
            "p99",
            "p95 ratio",
            "CPU: endpoint processes",
            "CPU: Postgres",
            "CPU: Redis",
            "CPU: load generator",
            "correctness",
          ],
          rows: tableRows,
        },
        resourceTable(sampler, [windowStart, windowEnd]),
      ],
      charts: [
        {
          kind: "line",
          title: "Strategies: successful holds per second",
          xLabel: "seconds into the strategy's run",
          yLabel: "holds / s",
          series: phases.map((phase) => ({
            name: phase.target.name,
            points: phase.recorder
              .timeline("held", Math.ceil(phase.seconds))
              .map((n, s): [number, number] => [s + 0.5, n]),
          })),
        },
        latencyHistogram(
          "Strategies: hold latency (all attempts)",
          phases.map((phase) => ({
            name: phase.target.name,
            samples: [
              ...phase.recorder.latencySamples("hold.ok"),
              ...phase.recorder.latencySamples("hold.conflict"),
            ],
          })),
        ),
      ],
      invariants: phases.map((phase) => ({
        name: `${phase.target.name}: no double or partial holds`,
        held: phase.doubles + phase.partial + phase.missing + phase.phantom === 0,
        checked: phase.recorder.total("held"),
        broken: phase.doubles + phase.partial + phase.missing + phase.phantom,
        detail:
          `${phase.doubles} seats held by two fans at once (from the fans' responses), ${phase.partial} holds stored with other seats than granted, ` +
          `${phase.missing} granted holds missing from the store, ${phase.phantom} stored holds nobody was granted`,
      })),
      notes: [],
    };
  },
};
