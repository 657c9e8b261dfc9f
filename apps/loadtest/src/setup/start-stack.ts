import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRedis, isCluster, type Redis } from "@frontrow/redis";
import postgres from "postgres";
import { FanClient } from "../client/fan-client";
import type { ManagedProcess } from "../cluster/managed-process";
import { ServerCluster } from "../cluster/server-cluster";
import { ProgressLine } from "../metrics/progress-line";
import { format } from "../report/format";
import { createFans } from "./create-fans";
import { findDemoEvents, type DemoEvents } from "./find-demo-events";
import { RunDatabase } from "./run-database";

export interface StackConfig {
  /** The Postgres server (its maintenance database); the run's database is created on it. */
  postgresUrl: string;
  /**
   * A Redis database of the load test's own, or a Redis Cluster of its own (`redis+cluster://`): flushed at the
   * start and, unless `keep`, at the end.
   */
  redisUrl: string;
  databaseName: string;
  instances: number;
  /** `WORKERS` of each instance (see ClusterConfig.workers). */
  workers: number | undefined;
  paymentLatencyMs: number;
  fans: number;
  /** Runs on the freshly seeded database before the instances start (e.g. to configure an event). */
  prepare(sql: postgres.Sql, events: DemoEvents): Promise<void>;
  /** Working folder of the instances, and where their logs go. */
  workDir: string;
  logDir: string;
  /** Instance labels and log files: `<prefix>-N` (default `server`). */
  labelPrefix?: string;
  /**
   * One instance on its own embedded Postgres and in-process Redis (`postgresUrl`, `redisUrl` and `databaseName`
   * unused): it seeds its database itself, then the load test connects to both through `.frontrow/services.json`.
   */
  embedded?: boolean;
  keep: boolean;
  signal: AbortSignal;
  log(line: string): void;
  /** Registers each instance for the CPU/RSS sampling and the kill on exit. */
  adopt(child: ManagedProcess): void;
}

/** A seeded database, a Redis database and signed-in fans on N server instances: what a scenario runs against. */
export interface Stack {
  sql: postgres.Sql;
  redis: Redis;
  redisUrl: string;
  databaseUrl: string;
  events: DemoEvents;
  cluster: ServerCluster;
  /** Signed-in fans, spread round-robin over the instances. */
  fans: FanClient[];
  /** admin@frontrow.test, signed in (queue.stats). */
  admin: FanClient;
  /** What each step took, as report rows. */
  setup: Array<[string, string]>;
  /** Stops the instances, then drops the database and flushes Redis (unless `keep`). */
  stop(): Promise<void>;
}

/**
 * Creates, migrates and seeds the run's database, flushes the Redis database, starts the instances and signs the
 * fans in. If a step fails, what was set up so far is taken down again before the error is thrown.
 */
export async function startStack(config: StackConfig): Promise<Stack> {
  const { log } = config;
  const setup: Array<[string, string]> = [];
  const step = (name: string, result: string) => {
    setup.push([name, result]);
    log(result);
  };
  const teardown: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const undo of teardown.reverse()) {
      await undo().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
    }
    teardown.length = 0;
  };

  try {
    const secrets = {
      sessionSecret: randomBytes(32).toString("hex"),
      passSecret: randomBytes(32).toString("hex"),
      ticketSigningKey: generateKeyPairSync("ed25519")
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
    };
    const clusterConfig = {
      count: config.instances,
      workers: config.workers,
      paymentLatencyMs: config.paymentLatencyMs,
      secrets,
      workDir: config.workDir,
      logDir: config.logDir,
      labelPrefix: config.labelPrefix,
    };
    const startCluster = async (cluster: ServerCluster) => {
      for (const instance of cluster.instances) config.adopt(instance);
      teardown.push(() => cluster.stop());
      const readyMs = await cluster.start(config.signal);
      step(
        "server instances",
        `${config.instances} ready in ${format.s(readyMs / 1000)} (${cluster.urls.join(", ")})`,
      );
    };
    let redis: Redis;
    let redisUrl: string;
    let databaseUrl: string;
    let sql: postgres.Sql;
    let cluster: ServerCluster;
    let events: DemoEvents;

    if (config.embedded) {
      cluster = await ServerCluster.create({
        ...clusterConfig,
        databaseUrl: undefined,
        redisUrl: undefined,
        env: { FRONTROW_POSTGRES: "embedded", FRONTROW_REDIS: "in-process" },
      });
      // The instance creates, migrates and seeds its embedded database before it answers /readyz.
      await startCluster(cluster);
      const services = JSON.parse(
        readFileSync(path.join(config.workDir, ".frontrow", "services.json"), "utf8"),
      ) as { databaseUrl: string; redisUrl: string };
      ({ databaseUrl, redisUrl } = services);
      step("embedded", `the instance's own PGlite (${databaseUrl}) and in-process Redis (${redisUrl})`);
      redis = createRedis(redisUrl, { options: { maxRetriesPerRequest: 3 } });
      redis.on("error", () => {});
      teardown.push(async () => redis.disconnect());
      sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
      teardown.push(() => sql.end({ timeout: 5 }));
      events = await findDemoEvents(sql);
      await config.prepare(sql, events);
    } else {
      const own = createRedis(config.redisUrl, { options: { maxRetriesPerRequest: 3 } });
      redis = own;
      redisUrl = config.redisUrl;
      // It reconnects on its own, and a command that fails still rejects; the fault drills break it on purpose.
      redis.on("error", () => {});
      // A cluster of the run's own: every master's one database.
      const flush = () =>
        Promise.all((isCluster(own) ? own.nodes("master") : [own]).map((node) => node.flushdb()));
      teardown.push(async () => {
        if (!config.keep) await flush();
        own.disconnect();
      });
      await flush();
      log(`Redis ${config.redisUrl}: flushed`);

      const database = new RunDatabase(config.postgresUrl, config.databaseName);
      teardown.push(async () => {
        if (config.keep) log(`kept database ${database.name} on ${config.postgresUrl} (--keep)`);
        else await database.drop();
      });
      const prepareMs = await database.prepare();
      step("database", `${database.name}: created, migrated and seeded in ${format.s(prepareMs / 1000)}`);
      databaseUrl = database.url;

      sql = database.connect(6);
      teardown.push(() => sql.end({ timeout: 5 }));
      events = await findDemoEvents(sql);
      await config.prepare(sql, events);

      cluster = await ServerCluster.create({
        ...clusterConfig,
        databaseUrl: database.url,
        redisUrl: config.redisUrl,
      });
      await startCluster(cluster);
    }

    const signInProgress = new ProgressLine(() => `signing in ${format.int(config.fans)} fans…`);
    const { fans, createMs, signInMs } = await createFans(sql, config.fans, cluster.urls).finally(() =>
      signInProgress.stop(),
    );
    step(
      "fans",
      `${format.int(config.fans)} accounts inserted in ${format.s(createMs / 1000)} (one precomputed argon2 hash); ` +
        `signed in through auth.login in ${format.s(signInMs / 1000)} (${format.rate(config.fans / (signInMs / 1000))}/s)`,
    );
    const admin = new FanClient({ email: "admin@frontrow.test", password: "frontrow-demo" }, cluster.urls, 0);
    await admin.login();

    return {
      sql,
      redis,
      redisUrl,
      databaseUrl,
      events,
      cluster,
      fans,
      admin,
      setup,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
