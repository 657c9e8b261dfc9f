import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { TEST_CARDS } from "@frontrow/core";
import { errorCode, isNoAnswer } from "../client/error-code";
import { FanClient } from "../client/fan-client";
import { MapView } from "../client/map-view";
import { SeatMapPartsClient } from "../client/seat-map-parts-client";
import { SeatWatcher, type SeatChangeMessage } from "../client/seat-watcher";
import { startPrivateServers, type PrivateServers } from "../cluster/start-private-servers";
import { keys } from "@frontrow/redis";
import { startLocalCluster, type LocalCluster } from "@frontrow/redis/local-cluster";
import { ClientLedger } from "../invariants/client-ledger";
import { checkInvariants } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import { invariant } from "../invariants/invariant-result";
import { summarizeLatency } from "../metrics/latency-summary";
import { procedureTable } from "../metrics/procedure-table";
import { ProgressLine } from "../metrics/progress-line";
import { ReadinessWatch } from "../metrics/readiness-watch";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { scrapeProcedures } from "../metrics/scrape-procedures";
import { format } from "../report/format";
import { startStack, type Stack } from "../setup/start-stack";
import { runPool } from "../util/run-pool";
import { describeError } from "../util/describe-error";
import { sleep } from "../util/sleep";
import {
  DRILL_TABLE_TITLE,
  faultDrillTable,
  type Drill,
  type RequestKind,
  type RequestOutcome,
  type SkippedDrill,
} from "./fault-drill-table";
import { resourceSummary } from "./resource-summary";
import type { OwnStackScenario, RunContext, ScenarioResult } from "./scenario";

/** How long a fan waits for an answer during the drills before trying another instance. */
const FAN_TIMEOUT_MS = 6_000;
/** How long the killed instance stays down before it is started again. */
const INSTANCE_DOWN_MS = 3_000;
/** How long Redis and Postgres stay down between stopping and starting again (a supervisor's restart delay). */
const SERVER_DOWN_MS = 1_000;

/** When each drill begins, as a share of the load's duration. */
const SCHEDULE = { kill: 0.12, redis: 0.35, postgres: 0.57, dropSockets: 0.8 } as const;

/**
 * Fault drills during a steady on-sale (fans buying and releasing best-available seats of the theatre event while
 * others watch its map), on servers of the scenario's own: kill -9 one instance and start it again, restart
 * Redis with every key lost, restart Postgres, drop every WebSocket at once, and replay checkouts (double clicks,
 * retries after no answer, repeats). The Postgres and Redis are private ones started for this scenario, so they
 * can be restarted without touching the shared servers; where one cannot be had its drill is skipped (Redis's
 * falls back to FLUSHDB of the load test's database). Reports what fans saw and checks that the invariants held
 * and nothing confirmed was lost.
 */
export const faults: OwnStackScenario = {
  name: "faults",
  stack: "own",
  async run(context) {
    const runs = context.options.repeat;
    if (runs === 1) return runOnce(context, "");
    const results: ScenarioResult[] = [];
    for (let run = 1; run <= runs && !context.signal.aborted; run++) {
      context.log(`faults: run ${run} of ${runs}`);
      // Each run on fresh servers, with its own ledger of what fans were told.
      const ledger = new ClientLedger();
      try {
        results.push(await runOnce({ ...context, ledger }, `-r${run}`));
      } finally {
        await writeFile(path.join(context.reportDir, `ledger-r${run}.json`), JSON.stringify(ledger));
      }
    }
    return summarizeRuns(results, runs);
  },
};

/** One complete drill on fresh private servers; `tag` names its servers, database and files apart from other runs. */
async function runOnce(context: RunContext, tag: string): Promise<ScenarioResult> {
  const servers = await startPrivateServers({
    dir: path.join(context.workDir, `faults-servers${tag}`),
    logDir: context.reportDir,
    labelPrefix: `faults${tag}`,
    keep: context.options.keep,
    signal: context.signal,
    log: context.log,
    adopt: context.adopt,
  });
  try {
    const result = await onDrillStack(context, `faults${tag}`, {
      postgresUrl: servers.postgres?.url ?? context.options.postgresUrl,
      redisUrl: servers.redis?.url ?? context.options.redisUrl,
      run: (stack) => runDrills(context, stack, { kind: "faults", servers }, tag),
    });
    result.figures.unshift(...servers.setup);
    return result;
  } finally {
    await servers.stop();
  }
}

/**
 * The fault drills' on-sale on a Redis Cluster of the scenario's own (3 masters, 3 replicas): a third of the way
 * in, the master that serves the event's keys is killed with SIGKILL; its replica takes over. Reports what fans
 * saw around it and checks every invariant. Postgres is the shared one (`--postgres`); nothing else is broken.
 */
export const failover: OwnStackScenario = {
  name: "failover",
  stack: "own",
  async run(context) {
    const started = performance.now();
    const redisCluster = await startLocalCluster({ masters: 3, replicasPerMaster: 1 });
    const up = `3 masters + 3 replicas on ${redisCluster.nodes.map((node) => node.port).join(", ")}, up in ${format.s((performance.now() - started) / 1000)}`;
    context.log(`failover: Redis Cluster ${up}`);
    try {
      const result = await onDrillStack(context, "failover", {
        postgresUrl: context.options.postgresUrl,
        redisUrl: redisCluster.url,
        run: (stack) => runDrills(context, stack, { kind: "failover", cluster: redisCluster }, ""),
      });
      result.figures.unshift(["Redis Cluster", up]);
      return result;
    } finally {
      await redisCluster.stop();
    }
  },
};

/**
 * The drills' stack (fans buying the theatre event on instances of the scenario's own), torn down afterwards.
 * `label` names its database, instances and log lines (`faults`, `faults-r2`, `failover`).
 */
async function onDrillStack(
  context: RunContext,
  label: string,
  config: { postgresUrl: string; redisUrl: string; run(stack: Stack): Promise<ScenarioResult> },
): Promise<ScenarioResult> {
  const { options, log } = context;
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      postgresUrl: config.postgresUrl,
      redisUrl: config.redisUrl,
      databaseName: `frontrow_load_${path.basename(context.reportDir).replace("-", "_")}_${label.replace("-", "_")}`,
      instances: Math.max(2, options.instances),
      // The server's default worker count, as `pnpm serve` runs it: a kill -9 of an instance kills its primary,
      // and its workers exit with it.
      workers: undefined,
      paymentLatencyMs: options.paymentLatencyMs,
      fans: options.fans ?? (options.quick ? 80 : 200),
      // Fans buy again and again: lift the per-fan limit; holds last long enough to outlive a restart.
      prepare: async (sql, events) => {
        await sql`update events set per_fan_limit = 10000, hold_seconds = 30 where id = ${events.theatre}`;
      },
      workDir: context.workDir,
      logDir: context.reportDir,
      labelPrefix: `${label}-server`,
      keep: options.keep,
      signal: context.signal,
      log: (line) => log(`${label.split("-")[0]}: ${line}`),
      adopt: context.adopt,
    });
    const proceduresBefore = await scrapeProcedures(stack.cluster.urls);
    const result = await config.run(stack);
    result.figures.unshift(...stack.setup);
    result.tables.push(procedureTable(proceduresBefore, await scrapeProcedures(stack.cluster.urls)));
    return result;
  } finally {
    await stack?.stop();
  }
}

/** Which drills run: the fault drills on private servers, or a master failover on a Redis Cluster. */
type DrillPlan = { kind: "faults"; servers: PrivateServers } | { kind: "failover"; cluster: LocalCluster };

/**
 * Several runs as one result: per invariant, in how many runs it held (broken when it broke in any), the recovery
 * after each drill run by run, and the last run's own tables and charts.
 */
function summarizeRuns(results: ScenarioResult[], runs: number): ScenarioResult {
  const last = results.at(-1)!;
  const names = [...new Set(results.flatMap((result) => result.invariants.map((check) => check.name)))];
  const invariants = names.map((name) => {
    const outcomes = results.map((result) => result.invariants.find((check) => check.name === name));
    const brokenIn = outcomes.flatMap((check, i) => (check && check.broken > 0 ? [i + 1] : []));
    const firstBroken = brokenIn.length > 0 ? outcomes[brokenIn[0]! - 1] : undefined;
    return invariant(
      name,
      results.length,
      brokenIn.length,
      `held in ${results.length - brokenIn.length} of ${results.length} runs` +
        (firstBroken
          ? `; broken in run ${brokenIn.join(", ")} (run ${brokenIn[0]}: ${firstBroken.detail})`
          : ""),
    );
  });
  const recovery = results.flatMap((result, i) => {
    const table = result.tables.find((candidate) => candidate.title === DRILL_TABLE_TITLE);
    return (table?.rows ?? []).map((row) => [String(i + 1), ...row]);
  });
  const drillTable = last.tables.find((candidate) => candidate.title === DRILL_TABLE_TITLE);
  return {
    ...last,
    setup: `${runs} runs, each on fresh servers: ${last.setup}`,
    figures: [
      ["runs", `${results.length} of ${runs}${results.length < runs ? " (stopped early)" : ""}`],
      [
        "runs with every invariant held",
        `${results.filter((result) => result.invariants.every((check) => check.broken === 0)).length} of ${results.length}`,
      ],
      ...last.figures.map(([label, value]): [string, string] => [`${label} (last run)`, value]),
    ],
    tables: [
      ...(drillTable
        ? [
            {
              title: `${DRILL_TABLE_TITLE}, run by run`,
              columns: ["run", ...drillTable.columns],
              rows: recovery,
            },
          ]
        : []),
      ...last.tables.filter((table) => table !== drillTable),
    ],
    invariants,
  };
}

async function runDrills(
  context: RunContext,
  stack: Stack,
  plan: DrillPlan,
  tag: string,
): Promise<ScenarioResult> {
  const servers = plan.kind === "faults" ? plan.servers : undefined;
  const { options, sampler, ledger, random, signal } = context;
  const { cluster, redis } = stack;
  const eventId = stack.events.theatre;
  const fans = stack.fans;
  const watcherCount = options.quick ? 100 : 500;
  const durationS = options.durationS ? Math.max(options.durationS, 20) : options.quick ? 30 : 60;
  const killIndex = cluster.instances.length - 1;
  context.log(
    `${plan.kind}: ${fans.length} fans buying, ${watcherCount} watchers, ${durationS} s with drills`,
  );

  // A fan whose request hangs on a dead instance gives up after a few seconds and tries another one.
  for (const fan of fans) fan.timeoutMs = FAN_TIMEOUT_MS;
  const windowStart = sampler.now();
  const recorder = new Recorder();
  const drills: Drill[] = [];
  const skipped: SkippedDrill[] = [];
  const outcomes: RequestOutcome[] = [];
  const refetchNotices: number[] = [];
  const liveUrl = (i: number) => {
    const live = cluster.instances.filter((instance) => instance.running);
    return (live[i % Math.max(1, live.length)] ?? cluster.instances[0]!).url;
  };
  const anonymous = new FanClient({ email: "", password: "" }, cluster.urls, 0, FAN_TIMEOUT_MS);
  /** Five tries with a growing pause, the attempt number telling `load` which instance to ask. */
  const withRetries = async <T>(
    load: (attempt: number) => Promise<T>,
    onFailedAttempt?: (error: unknown) => void,
  ) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await load(attempt);
      } catch (error) {
        onFailedAttempt?.(error);
        if (attempt >= 4) throw error;
        await sleep(250 * (attempt + 1), signal);
      }
    }
  };
  /** The server's whole map (`seats.map`), the truth the watchers are compared with. */
  const loadMap = () =>
    withRetries((attempt) => {
      if (attempt > 0) anonymous.failover();
      return anonymous.trpc.seats.map.query({ eventId });
    });
  // A watcher reloads its map as the web app does: layout and seat ids once, then the live status.
  const parts = new SeatMapPartsClient(FAN_TIMEOUT_MS);
  const reloadWatcherMap = (i: number, after: number, onFailedAttempt: (error: unknown) => void) =>
    withRetries((attempt) => parts.load(liveUrl(i + attempt), eventId, after), onFailedAttempt);

  // Watchers: each keeps its own view of the map and reloads it when told to refetch.
  const initial = await loadMap();
  const views: MapView[] = [];
  // Set once the drill is over: refetches stop retrying, or their timers would keep the process alive.
  let watchersStopped = false;
  let started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const watchers = await runPool(
    Array.from({ length: watcherCount }, (_, i) => i),
    50,
    (i) => {
      const view = new MapView();
      view.reset(initial.seq, initial.seats);
      views.push(view);
      return new Promise<SeatWatcher>((resolve) => {
        const timer = setTimeout(() => resolve(watcher), 10_000);
        const onMessage = (message: SeatChangeMessage) => {
          recorder.count("message");
          if (message.refetch) refetchNotices.push(elapsed());
          view.apply(message);
          if (view.needsRefetch && !view.refetching) refetch();
        };
        // As the web app: load the snapshot again, then subscribe again from its sequence; retried until it works.
        const refetch = () => {
          view.refetching = true;
          const asked = performance.now();
          view.note("reload asked");
          const failed = (error: unknown) =>
            view.note(
              `reload attempt failed after ${Math.round(performance.now() - asked)} ms: ${oneLineError(error)}`,
            );
          void reloadWatcherMap(i, watcher.lastSeq, failed)
            .then((map) => {
              view.reset(map.seq, map.seats);
              watcher.resubscribe(map.seq, onMessage);
            })
            .catch((error: unknown) => {
              view.note(`reload failed: ${oneLineError(error)}`);
              recorder.count("error:refetch");
              if (watchersStopped) view.refetching = false;
              else setTimeout(refetch, 500).unref();
            });
        };
        const watcher = new SeatWatcher(
          () => liveUrl(i),
          eventId,
          initial.seq,
          onMessage,
          () => {
            clearTimeout(timer);
            resolve(watcher);
          },
        );
      });
    },
  );

  // Whatever happens below, stop what keeps running (timers, reconnecting sockets), or the process never exits.
  const stopOnExit: Array<() => unknown> = [];
  try {
    started = performance.now();
    // The load goes on while drills remain, and for a while after the last one: on a slow machine an instance can
    // take long to come back, and a drill landing after the load would have nobody to measure it with.
    const minDrillGapMs = durationS * 1000 * 0.15;
    let loadUntil = started + durationS * 1000;
    let drillsRunning = true;
    const loadGoesOn = () => !signal.aborted && (drillsRunning || performance.now() < loadUntil);
    const readiness = new ReadinessWatch(
      () => cluster.instances.map((instance) => ({ label: instance.label, url: instance.url })),
      elapsed,
    );
    stopOnExit.push(() => readiness.stop());
    let replayMismatches = 0;
    let replays = 0;

    const call = async <T>(
      fanIndex: number,
      fan: FanClient,
      kind: RequestKind,
      work: () => Promise<T>,
      holdId?: string,
    ): Promise<T> => {
      let firstSentAt: number | undefined;
      for (let attempt = 0; ; attempt++) {
        const sentAt = elapsed();
        firstSentAt ??= sentAt;
        const resentSince = attempt > 0 ? firstSentAt : undefined;
        const sentTo = fan.base;
        try {
          const result = await work();
          recorder.count("ok");
          outcomes.push({ kind, fan: fanIndex, sentAt, at: elapsed(), firstSentAt: resentSince });
          return result;
        } catch (error) {
          const code = errorCode(error);
          // No answer: the instance may be gone. Move to another one and send the same request again.
          const resend =
            isNoAnswer(code) && attempt < 3 && (drillsRunning || performance.now() < loadUntil + 5_000);
          recorder.count("failed");
          recorder.count(`error:${kind}:${code}`);
          outcomes.push({ kind, fan: fanIndex, sentAt, at: elapsed(), code, resent: resend, firstSentAt: resentSince });
          if (holdId) ledger.note(holdId, `${new Date().toISOString()} ${kind} on ${fan.base}: ${code}`);
          if (!resend) throw error;
          recorder.count("retry");
          // Only if no other request of this fan has moved it yet: a double click's two requests failing together
          // would otherwise move it twice, back onto the dead instance.
          if (fan.base === sentTo) fan.failover();
          await sleep(150 * (attempt + 1), signal);
        }
      }
    };

    const fanLoop = async (fan: FanClient, fanIndex: number) => {
      await sleep(random.int(0, 1_000), signal);
      while (loadGoesOn()) {
        try {
          const requestedAt = Date.now();
          const hold = await call(fanIndex, fan, "hold", () =>
            fan.trpc.holds.create.mutate({ eventId, best: { quantity: random.int(1, 2) } }),
          );
          recorder.count("held");
          ledger.holdGranted(hold, { requestedAt, eventId, userId: fan.userId });
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

    const drill = (name: string, at: number, detail: string) => {
      lastDrillEndMs = elapsed() * 1000;
      drills.push({ name, at, detail, endedAt: elapsed() });
      context.log(`${plan.kind}: ${name} (${detail})`);
    };
    /** Until the drill's share of the load has passed, and at least `minDrillGapMs` after the previous drill ended. */
    let lastDrillEndMs = -Infinity;
    const waitUntil = (share: number) =>
      sleep(Math.max(durationS * 1000 * share, lastDrillEndMs + minDrillGapMs) - elapsed() * 1000, signal);
    const connectedWatchers = () => watchers.filter((watcher) => watcher.connected).length;

    // Instances the drills stopped on purpose; any other instance that exits has crashed.
    const stoppedOnPurpose = new Set<number>();
    const killInstance = async () => {
      const victim = cluster.instances[killIndex]!;
      const at = elapsed();
      stoppedOnPurpose.add(killIndex);
      await victim.kill();
      drill(`kill -9 ${victim.label}`, at, `${victim.label} killed with SIGKILL (no shutdown hooks)`);
      await sleep(INSTANCE_DOWN_MS, signal);
      const backAt = elapsed();
      try {
        const readyMs = await cluster.restart(killIndex, signal);
        drill(
          `${victim.label} back`,
          backAt,
          `${victim.label} started again, ready in ${format.s(readyMs / 1000)}`,
        );
      } catch (error) {
        if (!signal.aborted)
          drill(
            `${victim.label} not back`,
            backAt,
            `did not start again: ${(error as Error).message.split("\n")[0]}`,
          );
      } finally {
        stoppedOnPurpose.delete(killIndex);
      }
    };

    // As a supervisor (systemd, Kubernetes) would: start an instance that exited on its own again, and note the crash.
    const crashes: Array<{ label: string; at: number; exit: string; error: string }> = [];
    // A start fails while Postgres or Redis is still down (the instance refuses to start without them): try again.
    const startAgain = async (index: number): Promise<string> => {
      const since = performance.now();
      for (let attempt = 1; ; attempt++) {
        try {
          const readyMs = await cluster.restart(index);
          return (
            `started again by the load test (as a supervisor would)` +
            (attempt > 1 ? `, on attempt ${attempt}` : "") +
            `, serving ${format.s((performance.now() - since) / 1000)} after the crash was noticed (the last start took ${format.s(readyMs / 1000)})`
          );
        } catch (error) {
          if (attempt >= 10 || !supervising)
            return `did not start again: ${(error as Error).message.split("\n")[0]}`;
          await sleep(1_000);
        }
      }
    };
    let supervising = true;
    stopOnExit.push(() => (supervising = false));
    const supervisor = (async () => {
      const restarting = new Set<number>();
      while (supervising) {
        cluster.instances.forEach((instance, index) => {
          if (instance.running || stoppedOnPurpose.has(index) || restarting.has(index)) return;
          restarting.add(index);
          const at = ((instance.exitedAt ?? performance.now()) - started) / 1000;
          const exit = instance.exitSignal
            ? `signal ${instance.exitSignal}`
            : `exit code ${instance.exitCode}`;
          const error =
            instance
              .logTail(30)
              .split("\n")
              .find((line) => /^\w*Error\b/.test(line)) ?? "no error in its log";
          crashes.push({ label: instance.label, at, exit, error });
          void startAgain(index)
            .then((restart) =>
              drill(`${instance.label} crashed`, at, `exited on its own (${exit}): ${error}; ${restart}`),
            )
            .finally(() => restarting.delete(index));
        });
        await sleep(200);
      }
    })();

    const loseRedisData = async () => {
      const at = elapsed();
      const wipedAt = Date.now();
      if (servers?.redis) {
        await servers.redis.kill();
        await sleep(SERVER_DOWN_MS, signal);
        const startMs = await servers.redis.start(signal);
        ledger.markDataLoss(eventId, wipedAt);
        drill(
          "Redis restarted, all data lost",
          at,
          `redis-server killed with SIGKILL and, ${format.s(SERVER_DOWN_MS / 1000)} later, started again empty on the same port ` +
            `(ready in ${format.ms(startMs)}): every key gone (holds, sequences, change streams, queues), every connection dropped`,
        );
      } else {
        await redis.flushdb();
        ledger.markDataLoss(eventId, wipedAt);
        drill(
          "Redis data lost (FLUSHDB)",
          at,
          "FLUSHDB of the load test's Redis database: holds, sequences, change streams and queues gone (connections kept)",
        );
        skipped.push({
          name: "Redis restart",
          reason: `${servers?.skipped.redis ?? "no private Redis"}; the data loss was simulated with FLUSHDB instead`,
        });
      }
    };

    const restartPostgres = async () => {
      if (!servers?.postgres) {
        skipped.push({
          name: "Postgres restart",
          reason: servers?.skipped.postgres ?? "no private Postgres",
        });
        return;
      }
      const at = elapsed();
      const stopMs = await servers.postgres.stop();
      await sleep(SERVER_DOWN_MS, signal);
      const startMs = await servers.postgres.start(signal);
      drill(
        "Postgres restarted",
        at,
        `fast shutdown (open transactions rolled back, every connection closed) in ${format.ms(stopMs)}, down ` +
          `${format.s(SERVER_DOWN_MS / 1000)}, accepting queries again ${format.ms(startMs)} after the start ` +
          `(${format.s(elapsed() - at)} in all)`,
      );
    };

    const dropSockets = () => {
      const at = elapsed();
      for (const watcher of watchers) watcher.connection.drop();
      drill("all WebSockets dropped", at, `${watchers.length} watcher sockets terminated at once`);
    };

    const failOverMaster = async (redisCluster: LocalCluster) => {
      // Every key of the event, and its shard channel, live in the slot of its hash tag.
      const key = keys.eventInventory(eventId).seats;
      const victim = await redisCluster.masterOf(key);
      const at = elapsed();
      redisCluster.kill(victim);
      drill(
        "Redis master killed",
        at,
        `kill -9 of the master serving the event's keys (port ${victim}, one of 3); its replica is promoted when the cluster's node timeout (1 s) passes`,
      );
      await redisCluster.waitHealthy(30_000);
      const promoted = await redisCluster.masterOf(key);
      drill(
        "replica promoted",
        elapsed(),
        `the replica on port ${promoted} serves the event's slot; ${format.s(elapsed() - at)} after the kill every live node ` +
          "reports the cluster healthy (fans may be served before: see the first successes)",
      );
    };

    let drillFailure: string | undefined;
    const drillRunner = (async () => {
      if (plan.kind === "failover") {
        await waitUntil(SCHEDULE.redis);
        if (!signal.aborted) await failOverMaster(plan.cluster);
        return;
      }
      await waitUntil(SCHEDULE.kill);
      if (!signal.aborted) await killInstance();
      await waitUntil(SCHEDULE.redis);
      if (!signal.aborted) await loseRedisData();
      await waitUntil(SCHEDULE.postgres);
      if (!signal.aborted) await restartPostgres();
      await waitUntil(SCHEDULE.dropSockets);
      if (!signal.aborted) dropSockets();
    })()
      .catch((error: unknown) => {
        // A drill that cannot be carried out (a server that will not start again) ends the drills, not the run.
        drillFailure = (error as Error).message.split("\n")[0];
        context.log(`${plan.kind}: drills stopped: ${drillFailure}`);
      })
      .finally(() => {
        loadUntil = Math.max(loadUntil, performance.now() + minDrillGapMs);
        drillsRunning = false;
      });

    const progress = new ProgressLine(
      () =>
        `${plan.kind} ${elapsed().toFixed(0)}/${durationS}s | ok ${format.int(recorder.total("ok"))} | failed ${format.int(recorder.total("failed"))}` +
        ` | retries ${format.int(recorder.total("retry"))} | orders ${format.int(recorder.total("order"))} | watchers ${connectedWatchers()}/${watchers.length}` +
        ` | last drill: ${drills.at(-1)?.name ?? "–"} | ${resourceSummary(sampler)}`,
    );
    stopOnExit.push(() => progress.stop());
    await Promise.all(fans.map((fan, i) => fanLoop(fan, i)));
    await drillRunner;
    const loadEnd = elapsed();
    for (const fan of fans) fan.timeoutMs = 15_000;
    // Let reconnects, refetches and the last changes settle, then compare every watcher's map with the server's.
    for (
      let waited = 0;
      waited < 10_000 &&
      (views.some((view) => view.refetching) ||
        connectedWatchers() < watchers.length ||
        !readiness.allReady());
      waited += 250
    )
      await sleep(250);
    await sleep(1_500, signal);
    supervising = false;
    await supervisor;
    readiness.stop();
    progress.stop();
    const windowEnd = sampler.now();
    const ready = await Promise.all(cluster.instances.map((instance) => instance.spec.isReady()));
    const notReady = cluster.instances.filter((_, i) => !ready[i]);
    // Holds still expire after the load (the sweeper), and a map read may come from a snapshot up to half a second
    // old: compare again a few times, a second apart, until the maps agree or the tries run out.
    let truthMap: Awaited<ReturnType<typeof loadMap>> | undefined;
    let truth = new Map<string, string>();
    let stale: string[][] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      if (attempt > 0) await sleep(1_000, signal);
      truthMap = await loadMap().catch((error: unknown) => {
        context.log(
          `${plan.kind}: could not load the server's map to compare the watchers with: ${errorCode(error)}`,
        );
        return undefined;
      });
      truth = new Map(truthMap?.seats.map((seat) => [seat.id, seat.status]));
      stale = views.map((view) => view.differences(truth));
      if (truthMap && stale.every((differences) => differences.length === 0)) break;
    }
    const commonest = [...countOf(stale.flat())].sort((a, b) => b[1] - a[1])[0];
    const differingViews = views.flatMap((view, i) => {
      const differences = stale[i] ?? [];
      if (differences.length === 0) return [];
      const watcher = watchers[i]!;
      return [
        {
          watcher: i,
          kinds: Object.fromEntries(countOf(differences.map((line) => line.slice(line.indexOf(": ") + 2)))),
          lastSeq: watcher.lastSeq,
          messages: watcher.messages,
          refetches: watcher.refetches,
          reconnects: watcher.reconnects.length,
          errors: watcher.errors,
          history: view.history,
        },
      ];
    });
    // Every attempt of a request that was sent again, to read where a resent checkout's seconds went.
    const resentFans = new Set(outcomes.filter((o) => o.resent).map((o) => `${o.kind} ${o.fan}`));
    await writeFile(
      path.join(context.reportDir, `resent-requests${tag}.json`),
      JSON.stringify(outcomes.filter((o) => resentFans.has(`${o.kind} ${o.fan}`))),
    );
    if (differingViews.length > 0)
      await writeFile(
        path.join(context.reportDir, `watchers-differing${tag}.json`),
        JSON.stringify({ serverSeq: truthMap?.seq, watchers: differingViews }, null, 1),
      );
    // Whether a watcher that differs was still offline, or online but never told of the latest changes.
    const differing = watchers.filter((_, i) => (stale[i]?.length ?? 0) > 0);
    const offline = differing.filter((watcher) => !watcher.connected).length;
    const behind = differing.filter(
      (watcher) => watcher.connected && watcher.lastSeq < (truthMap?.seq ?? 0),
    ).length;
    const endedWithError = differing.filter((watcher) => watcher.errors > 0).length;
    // A change older than one already applied is skipped by the view, as by the web app: out of order means lost.
    const gotOutOfOrder = differing.filter((watcher) => watcher.outOfOrder > 0).length;
    const liveHolds = await checkLiveHolds({ redis, sql: stack.sql, ledger, eventIds: [eventId] });
    const reconnects = watchers.flatMap((watcher) => watcher.reconnects);
    const refetches = watchers.reduce((sum, watcher) => sum + watcher.refetches, 0);
    watchersStopped = true;
    await Promise.all(watchers.map((watcher) => watcher.close()));
    const invariants = await checkInvariants({
      sql: stack.sql,
      redis,
      eventIds: [eventId],
      ledger,
      liveHolds,
    });
    invariants.push(
      invariant(
        "No instance crashed during the drills",
        cluster.instances.length,
        crashes.length,
        crashes.length === 0
          ? `${cluster.instances.length} instances; none exited except the one killed on purpose`
          : crashes
              .map(
                (crash) => `${crash.label} exited at ${format.s(crash.at)} (${crash.exit}): ${crash.error}`,
              )
              .join("; "),
      ),
      invariant(
        "Every instance is ready again after the drills",
        cluster.instances.length,
        notReady.length,
        notReady.length === 0
          ? `${cluster.instances.length} instances answered /readyz with 200 after the load`
          : `${notReady.map((instance) => `${instance.label} (${readiness.lastWhy(instance.label) ?? "ready at the last probe"})`).join(", ")} still not ready ${format.s(elapsed() - loadEnd)} after the load stopped`,
      ),
      truthMap
        ? invariant(
            "Every watcher's map ends equal to the server's",
            views.length,
            stale.filter((seats) => seats.length > 0).length,
            `${views.length} watchers × ${truth.size} seats compared after the drills; ${stale.filter((seats) => seats.length > 0).length} watchers differ ` +
              `(${stale.flat().length} seat views in all${commonest ? `; most often seat ${commonest[0]}, on ${commonest[1]} watchers` : ""}` +
              (differing.length > 0
                ? `; of those, ${offline} not connected at the check, ${behind} connected but behind the server's sequence ${truthMap.seq}, ` +
                  `${endedWithError} whose subscription got an error from the server, ${gotOutOfOrder} that got changes out of order`
                : "") +
              "); " +
              `${refetches} refetch notices followed`,
          )
        : invariant(
            "Every watcher's map ends equal to the server's",
            views.length,
            views.length,
            "not compared: no instance answered seats.map after the drills",
          ),
      invariant(
        "Replayed checkouts return the same order",
        replays,
        replayMismatches,
        `${replays} checkouts sent twice with one idempotency key (double click or repeat); ${replayMismatches} got two different orders`,
      ),
    );

    const notes: string[] = [];
    if (drillFailure && !signal.aborted) notes.push(`The drills stopped early: ${drillFailure}`);
    const [stuck] = await stack.sql<Array<{ n: number }>>`
    select count(*)::int as n from idempotency_keys where status = 'in_progress'`;
    if (stuck && stuck.n > 0) {
      notes.push(
        `${stuck.n} idempotency keys are still "in progress" after the load stopped: their checkout died with the killed instance ` +
          `or the Postgres restart. A retry with such a key takes it over (the claim's process is gone or its lease ran out).`,
      );
    }
    if (liveHolds.unacknowledged > 0) {
      notes.push(
        `${liveHolds.unacknowledged} holds exist that no fan was told about: their request got no answer (instance killed or too slow) and they expire on their own.`,
      );
    }
    if (liveHolds.boughtUnawares > 0) {
      notes.push(
        `${liveHolds.boughtUnawares} holds were bought by a checkout whose answer never reached the fan (timed out or the instance died): ` +
          `the order exists and was charged once, but the fan was not told.`,
      );
    }

    const seconds = Math.ceil(Math.max(durationS, loadEnd));
    const codeSeries = (["hold", "checkout", "release"] as const).map((kind) => ({
      name: `${kind} errors`,
      points: Array.from({ length: seconds }, (_, s): [number, number] => [
        s + 0.5,
        outcomes.filter((o) => o.kind === kind && o.code !== undefined && Math.floor(o.at) === s).length,
      ]),
    }));
    const okSeries = Array.from({ length: seconds }, (_, s): [number, number] => [
      s + 0.5,
      outcomes.filter((o) => o.code === undefined && Math.floor(o.at) === s).length,
    ]);
    const errorCodes = recorder.counterNames().filter((name) => name.startsWith("error:"));
    const markers = drills.map((d) => ({ x: d.at, label: d.name }));
    const chartPrefix = plan.kind === "faults" ? "Faults" : "Failover";
    const restarts = [
      servers?.redis ? "Redis" : undefined,
      servers?.postgres ? "Postgres" : undefined,
    ].filter(Boolean);
    return {
      name: plan.kind,
      title: plan.kind === "faults" ? "Fault drills" : "Redis Cluster failover drill",
      setup:
        `${format.int(fans.length)} fans keep holding 1–2 best-available seats of "The Glass Menagerie" and buying (60 %) or releasing them, ` +
        `20 % of checkouts double-clicked and 20 % repeated; ${format.int(watchers.length)} anonymous fans watch the map. Drills: ` +
        `${drills.map((d) => d.name).join(", ")}. A request without an answer is sent again to another instance (the same idempotency key for checkouts). ` +
        `${cluster.instances.length} instances of the scenario's own` +
        (plan.kind === "failover"
          ? " on a Redis Cluster of 3 masters and 3 replicas started for the drill"
          : "") +
        (restarts.length > 0
          ? ` against a private ${restarts.join(" and ")} started for the drills (the shared servers are never touched)`
          : "") +
        (skipped.length > 0 ? `; skipped: ${skipped.map((s) => s.name).join(", ")} (see the table)` : "") +
        ".",
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
          `${format.int(watchers.length)}; reconnects ${format.int(reconnects.length)}, reconnect time ${format.latency(summarizeLatency(reconnects.map((r) => r.ms)))}; ${refetches} refetch notices`,
        ],
        [
          "errors by request and code",
          errorCodes.map((name) => `${name.slice(6)} ${recorder.total(name)}`).join(", ") || "0",
        ],
      ],
      tables: [
        faultDrillTable({
          drills,
          skipped,
          outcomes,
          readiness: readiness.samples,
          reconnects: reconnects.map((r) => ({ closedAt: (r.closedAt - started) / 1000, ms: r.ms })),
          refetchNotices,
          end: loadEnd,
        }),
        resourceTable(sampler, [windowStart, windowEnd]),
      ],
      charts: [
        {
          kind: "line",
          title: `${chartPrefix}: answered requests and errors per second`,
          xLabel: "seconds",
          yLabel: "per second",
          series: [{ name: "answered OK", points: okSeries }, ...codeSeries],
          markers,
        },
        {
          kind: "line",
          title: `${chartPrefix}: instances answering /readyz`,
          xLabel: "seconds",
          yLabel: "instances ready",
          series: [
            {
              name: "ready",
              points: readinessSeries(readiness.samples),
            },
          ],
          markers,
        },
        {
          kind: "line",
          title: `${chartPrefix}: seat-change messages received by watchers per second`,
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
          markers,
        },
      ],
      invariants,
      notes,
    };
  } finally {
    for (const stop of stopOnExit) stop();
    watchersStopped = true;
    await Promise.all(watchers.map((watcher) => watcher.close()));
  }
}

function countOf(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** Instances that answered ready, per probe round (probes of one round share their send time). */
function readinessSeries(samples: ReadonlyArray<{ t: number; ready: boolean }>): Array<[number, number]> {
  const rounds = new Map<number, number>();
  for (const sample of samples) rounds.set(sample.t, (rounds.get(sample.t) ?? 0) + (sample.ready ? 1 : 0));
  return [...rounds].sort((a, b) => a[0] - b[0]);
}

/** An error's message and its causes' on one line, for a watcher's history. */
function oneLineError(error: unknown): string {
  return error instanceof Error && error.name === "TimeoutError"
    ? "TIMEOUT"
    : describeError(error)
        .split("\n")
        .filter((line) => !line.startsWith("    at "))
        .join(" ");
}
