import { setMaxListeners } from "node:events";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseOptions, USAGE, type Options, type ScenarioName } from "./cli/parse-options";
import { FanClient } from "./client/fan-client";
import { ensureServerBuild } from "./cluster/ensure-server-build";
import type { ManagedProcess } from "./cluster/managed-process";
import { ClientLedger } from "./invariants/client-ledger";
import { EventLoopSampler } from "./metrics/event-loop-sampler";
import { machineBusy } from "./metrics/machine-busy";
import { procedureTable } from "./metrics/procedure-table";
import { ProcessSampler } from "./metrics/process-sampler";
import { scrapeProcedures } from "./metrics/scrape-procedures";
import { paths } from "./paths";
import { format } from "./report/format";
import { renderHtml } from "./report/render-html";
import { renderMarkdown } from "./report/render-markdown";
import { resourceCharts } from "./report/resource-charts";
import type { RunReport } from "./report/run-report";
import { fanout } from "./scenarios/fanout";
import { mapScenario } from "./scenarios/map";
import { failover, faults } from "./scenarios/faults";
import { fuzz } from "./scenarios/fuzz";
import { onsale } from "./scenarios/onsale";
import { abuse } from "./scenarios/abuse";
import { capacity, capacityFans } from "./scenarios/capacity";
import { race } from "./scenarios/race";
import { strategies } from "./scenarios/strategies";
import type { OwnStackScenario, RunContext, Scenario, ScenarioResult } from "./scenarios/scenario";
import { spreadEventOverMasters } from "./setup/spread-events";
import { startStack, type Stack } from "./setup/start-stack";
import { startLocalCluster, type LocalCluster } from "@frontrow/redis/local-cluster";
import { describeError } from "./util/describe-error";
import { waitForExitSync } from "./util/wait-for-exit-sync";
import { createRandom } from "./util/random";

const SCENARIOS: Array<Scenario | OwnStackScenario> = [
  race,
  fanout,
  onsale,
  strategies,
  faults,
  failover,
  capacity,
  abuse,
  fuzz,
  mapScenario,
];

/** Fans the shared stack needs for the given scenarios at most (each scenario takes the first N). */
function fansNeeded(options: Options, names: ScenarioName[]): number {
  const defaults: Record<ScenarioName, number> = {
    race: options.quick ? 150 : 500,
    fanout: 8,
    onsale: options.quick ? 150 : 500,
    strategies: options.quick ? 100 : 300,
    faults: 0, // signs in fans of its own, on its own servers
    failover: 0, // likewise, on a Redis Cluster of its own
    fuzz: 0, // its own server, database and Redis prefix
    capacity: Math.max(...capacityFans(options)),
    abuse: 0, // signs up and signs in bots and fans of its own, on its own instance
    map: 40, // the fans who hold and release while frames are timed; the 1,000 first loads are anonymous
  };
  return Math.max(
    0,
    ...names.map((name) =>
      name === "fanout" || name === "capacity" || name === "abuse" || name === "map"
        ? defaults[name]
        : (options.fans ?? defaults[name]),
    ),
  );
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const startedAt = new Date();
  const started = performance.now();
  const stamp = stampOf(startedAt);
  const reportDir = path.join(paths.reportsDir, stamp);
  const workDir = path.join(os.tmpdir(), `frontrow-load-${stamp}`);
  mkdirSync(reportDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  const log = (line: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

  const abort = new AbortController();
  // Every fan's sleep listens to this signal.
  setMaxListeners(0, abort.signal);
  const cleanups: Array<() => Promise<void>> = [];
  const children: ManagedProcess[] = [];
  let interrupted = 0;
  const interrupt = (signal: string) => {
    interrupted++;
    if (interrupted === 1) {
      log(`${signal}: stopping the load and cleaning up (press Ctrl-C again to kill everything now)`);
      abort.abort();
    } else {
      for (const child of children) child.killNow();
      process.exit(130);
    }
  };
  process.on("SIGINT", () => interrupt("interrupted"));
  process.on("SIGTERM", () => interrupt("terminated"));
  process.on("exit", () => {
    // Normally everything is stopped by now; after a second Ctrl-C (or a crash) this is the last word.
    const running = children.filter((child) => child.running);
    for (const child of running) child.killNow();
    waitForExitSync(
      running.flatMap((child) => child.child?.pid ?? []),
      3_000,
    );
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  });

  const setup: Array<[string, string]> = [];
  const ledger = new ClientLedger();
  const results: ScenarioResult[] = [];
  const failures: Array<{ scenario: string; error: string }> = [];
  const sampler = new ProcessSampler(
    () => [
      ...children.map((child) => ({
        label: child.label,
        pid: child.pid,
        withChildren: child.spec.withChildren,
      })),
      { label: "loadtest", pid: process.pid },
    ],
    [
      { label: "postgres (all databases)", comm: /^postgres$/ },
      { label: "redis-server", comm: /^redis-server$/ },
    ],
  );

  const eventLoop = new EventLoopSampler(
    () =>
      children
        .filter((child) => child.spec.servesMetrics)
        .map((child) => ({ label: child.label, url: child.url, running: child.running })),
    () => sampler.now(),
  );
  try {
    await ensureServerBuild(log);
    const busyBefore = await machineBusy();
    setup.push(["machine before the run", `${format.pct(busyBefore)} of all cores busy with other work`]);
    if (busyBefore > 25)
      log(
        `warning: the machine is ${format.pct(busyBefore)} busy with other work; figures will be lower than on a quiet machine`,
      );

    const selected = SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.name));
    const onShared = selected.filter((scenario): scenario is Scenario => scenario.stack !== "own");
    let shared: Stack | undefined;
    let redisCluster: LocalCluster | undefined;
    if (onShared.length > 0 && options.cluster) {
      const clusterStarted = performance.now();
      const started = await startLocalCluster({ masters: 3, replicasPerMaster: 1 });
      redisCluster = started;
      cleanups.push(() => started.stop());
      const ports = started.nodes.map((node) => node.port).join(", ");
      setup.push([
        "Redis Cluster",
        `3 masters + 3 replicas (redis-server on ${ports}), up in ${format.s((performance.now() - clusterStarted) / 1000)}`,
      ]);
      log(`Redis Cluster: ${started.url}`);
    }
    if (onShared.length > 0) {
      shared = await startStack({
        postgresUrl: options.postgresUrl,
        redisUrl: redisCluster?.url ?? options.redisUrl,
        databaseName: `frontrow_load_${stamp.replace("-", "_").toLowerCase()}`,
        instances: options.instances,
        embedded: options.embedded,
        // One process each: fanout reads an instance's RSS and forces its GC through the inspector.
        workers: 1,
        paymentLatencyMs: options.paymentLatencyMs,
        fans: fansNeeded(
          options,
          onShared.map((scenario) => scenario.name),
        ),
        prepare: async (sql, events) => {
          // The fans pick random blocks of side-by-side seats, as the benchmarks are defined; the single-seat rule
          // (on by default) would refuse the picks that leave one seat alone. Off, as an organizer can set it.
          await sql`update events set single_seat_rule = false where id = any(${[events.arena, events.club]})`;
          if (redisCluster) events.spread = await spreadEventOverMasters(sql, redisCluster, events.arena);
          for (const scenario of onShared) await scenario.prepare?.(sql, events, options);
        },
        workDir,
        logDir: reportDir,
        keep: options.keep,
        signal: abort.signal,
        log,
        adopt: (child) => children.push(child),
      });
      cleanups.push(shared.stop);
      setup.push(...shared.setup);
    }

    const random = createRandom(options.seed);
    const runContext: RunContext = {
      options,
      sampler,
      ledger,
      random,
      signal: abort.signal,
      reportDir,
      workDir,
      log,
      adopt: (child) => children.push(child),
    };
    for (const name of options.scenarios) {
      if (abort.signal.aborted) break;
      const scenario = SCENARIOS.find((candidate) => candidate.name === name);
      if (!scenario) {
        failures.push({ scenario: name, error: `unknown scenario "${name}"` });
        continue;
      }
      log(`— scenario ${name} —`);
      try {
        let result: ScenarioResult;
        if (scenario.stack === "own") {
          result = await scenario.run(runContext);
        } else {
          const stack = shared!;
          const proceduresBefore = await scrapeProcedures(stack.cluster.urls);
          result = await scenario.run({ ...runContext, ...stack });
          const procedures = procedureTable(proceduresBefore, await scrapeProcedures(stack.cluster.urls));
          // A scenario with servers of its own (capacity) leaves the shared instances idle.
          if (procedures.rows.length > 0) result.tables.push(procedures);
        }
        const stalls = eventLoop.maxIn(result.window[0], result.window[1]);
        if (stalls.size > 0) {
          result.figures.push([
            "worst event-loop stall per instance",
            [...stalls].map(([label, ms]) => `${label} ${format.ms(ms)}`).join(", "),
          ]);
        }
        results.push(result);
        const broken = result.invariants.filter((inv) => !inv.held);
        log(
          `${name}: done; invariants ${broken.length === 0 ? "all held" : `BROKEN: ${broken.map((inv) => inv.name).join(", ")}`}`,
        );
      } catch (error) {
        failures.push({ scenario: name, error: describeError(error) });
        log(`${name} failed: ${(error as Error).message}`);
      }
    }
    setup.push([
      "idempotent queries retried on a closed keep-alive connection",
      String(FanClient.retriedQueries),
    ]);
  } catch (error) {
    failures.push({ scenario: "setup", error: describeError(error) });
    log(`setup failed: ${(error as Error).message}`);
  } finally {
    sampler.stop();
    eventLoop.stop();
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
    }
    if (options.keep) log(`kept the run's working folder ${workDir} (--keep)`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const spans = results.map((result) => ({
    from: result.window[0],
    to: result.window[1],
    label: result.name,
  }));
  const report: RunReport = {
    startedAt: startedAt.toISOString(),
    command: `pnpm loadtest ${process.argv
      .slice(2)
      .filter((arg) => arg !== "--")
      .join(" ")}`.trim(),
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    options,
    setup,
    scenarios: results,
    failures,
    resources: [...resourceCharts(sampler, spans), eventLoop.chart(spans)],
    totalSeconds: (performance.now() - started) / 1000,
    interrupted: interrupted > 0,
    reportDir,
  };
  const markdown = renderMarkdown(report);
  writeFileSync(path.join(reportDir, "summary.md"), markdown);
  writeFileSync(path.join(reportDir, "index.html"), renderHtml(report));
  writeFileSync(
    path.join(reportDir, "results.json"),
    JSON.stringify({ ...report, sampler: { samples: sampler.samples, machine: sampler.machine } }, null, 1),
  );
  writeFileSync(path.join(reportDir, "ledger.json"), JSON.stringify(ledger));
  process.stdout.write(`\n${markdown}`);
  const broken = results.some((result) => result.invariants.some((inv) => !inv.held));
  return failures.length > 0 || broken ? 1 : interrupted ? 130 : 0;
}

// Exit once the report is out: a handle a failed scenario left open (a fan's timer, a kept-alive socket) must not
// keep the run alive, and with it the benchmark lock others wait on.
const exitCode = await main();
process.stdout.write("", () => process.exit(exitCode));
