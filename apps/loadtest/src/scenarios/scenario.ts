import type { Redis } from "ioredis";
import type postgres from "postgres";
import type { Options, ScenarioName } from "../cli/parse-options";
import type { FanClient } from "../client/fan-client";
import type { ManagedProcess } from "../cluster/managed-process";
import type { ServerCluster } from "../cluster/server-cluster";
import type { ClientLedger } from "../invariants/client-ledger";
import type { InvariantResult } from "../invariants/invariant-result";
import type { ProcessSampler } from "../metrics/process-sampler";
import type { Chart } from "../report/chart";
import type { DemoEvents } from "../setup/find-demo-events";
import type { Random } from "../util/random";

/** What every scenario gets from the runner. */
export interface ScenarioContext {
  options: Options;
  cluster: ServerCluster;
  /** Signed-in fans, spread round-robin over the instances. */
  fans: FanClient[];
  /** admin@frontrow.test, signed in (queue.stats). */
  admin: FanClient;
  sql: postgres.Sql;
  redis: Redis;
  redisUrl: string;
  databaseUrl: string;
  sampler: ProcessSampler;
  ledger: ClientLedger;
  events: DemoEvents;
  random: Random;
  signal: AbortSignal;
  reportDir: string;
  log(line: string): void;
  /** Registers a child process the scenario started, for the CPU/RSS sampling and the clean-up on exit. */
  adopt(child: ManagedProcess): void;
}

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

export interface Scenario {
  name: ScenarioName;
  /** Runs before the server instances start, on the freshly seeded database (e.g. to configure an event). */
  prepare?(sql: postgres.Sql, events: DemoEvents, options: Options): Promise<void>;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
