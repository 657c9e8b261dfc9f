import type postgres from "postgres";
import type { Options, ScenarioName } from "../cli/parse-options";
import type { ManagedProcess } from "../cluster/managed-process";
import type { ClientLedger } from "../invariants/client-ledger";
import type { InvariantResult } from "../invariants/invariant-result";
import type { ProcessSampler } from "../metrics/process-sampler";
import type { Chart } from "../report/chart";
import type { DemoEvents } from "../setup/find-demo-events";
import type { Stack } from "../setup/start-stack";
import type { Random } from "../util/random";

/** What every scenario gets from the runner. */
export interface RunContext {
  options: Options;
  sampler: ProcessSampler;
  ledger: ClientLedger;
  random: Random;
  signal: AbortSignal;
  reportDir: string;
  /** The run's temporary folder (removed at the end): instances' mail, a scenario's private servers. */
  workDir: string;
  log(line: string): void;
  /** Registers a child process the scenario started, for the CPU/RSS sampling and the clean-up on exit. */
  adopt(child: ManagedProcess): void;
}

/** What a scenario on the run's shared servers gets: the run context plus the shared stack. */
export type ScenarioContext = RunContext & Omit<Stack, "setup" | "stop">;

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface ScenarioResult {
  name: ScenarioName;
  title: string;
  /** What the scenario did, in one or two sentences. */
  setup: string;
  /** Start and end on the run clock (seconds), to place it on the resource charts. */
  window: [number, number];
  /** The key figures, label → value. */
  figures: Array<[string, string]>;
  tables: Table[];
  charts: Chart[];
  invariants: InvariantResult[];
  notes: string[];
}

/** A scenario that runs on the run's shared stack (database, Redis database, instances, fans). */
export interface Scenario {
  name: ScenarioName;
  stack?: "shared";
  /** Runs before the server instances start, on the freshly seeded database (e.g. to configure an event). */
  prepare?(sql: postgres.Sql, events: DemoEvents, options: Options): Promise<void>;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}

/** A scenario that sets up its own servers and stack (the fault drills restart Postgres and Redis). */
export interface OwnStackScenario {
  name: ScenarioName;
  stack: "own";
  run(context: RunContext): Promise<ScenarioResult>;
}
