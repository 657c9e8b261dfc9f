import path from "node:path";
import { paths } from "../paths";
import { freePort } from "./free-port";
import { httpReady } from "./http-ready";
import { ManagedProcess } from "./managed-process";

export interface ClusterConfig {
  count: number;
  /** Unset with `env` FRONTROW_POSTGRES=embedded / FRONTROW_REDIS=in-process: the instance brings its own. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  paymentLatencyMs: number;
  /** Shared by every instance, so a session or access pass from one is valid on all. */
  secrets: { sessionSecret: string; passSecret: string; ticketSigningKey: string };
  /** Working folder of the instances (mail files land here). */
  workDir: string;
  logDir: string;
  /** Labels and log files are `<prefix>-N` (default `server`). */
  labelPrefix?: string;
  /**
   * `WORKERS` of each instance: processes it forks with node:cluster (1 = a single process). Unset leaves the
   * server's default (one per core), as `pnpm serve` starts it.
   */
  workers?: number;
  /** Settings on top of the run's own (e.g. a scenario's relaxed limits). */
  env?: Record<string, string>;
}

/** `WEB_DIST=<folder>[,<folder>…]`: the SPA build instance `index` serves (unset: the server's own default). */
export function webDistFor(index: number): { WEB_DIST?: string } {
  const dists = (process.env.WEB_DIST ?? "").split(",").filter(Boolean);
  return dists.length === 0 ? {} : { WEB_DIST: dists[index % dists.length]! };
}

/** N Frontrow server instances (apps/server/dist/main.js) on free ports, all against one database and Redis. */
export class ServerCluster {
  readonly instances: ManagedProcess[] = [];

  private constructor(private readonly config: ClusterConfig) {}

  static async create(config: ClusterConfig): Promise<ServerCluster> {
    const cluster = new ServerCluster(config);
    for (let index = 0; index < config.count; index++) {
      cluster.instances.push(cluster.spec(index, await freePort(), await freePort()));
    }
    return cluster;
  }

  private spec(index: number, port: number, inspectPort: number): ManagedProcess {
    const { config } = this;
    const label = `${config.labelPrefix ?? "server"}-${index + 1}`;
    return new ManagedProcess({
      label,
      command: process.execPath,
      // The inspector stays closed unless a memory reading opens it (collectGarbage).
      // To profile the instances: LOADTEST_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (Node refuses
      // --cpu-prof in NODE_OPTIONS).
      args: [
        ...(process.env.LOADTEST_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
        `--inspect-port=127.0.0.1:${inspectPort}`,
        paths.serverMain,
      ],
      inspectPort,
      cwd: config.workDir,
      port,
      logFile: path.join(config.logDir, `${label}.log`),
      isReady: httpReady(port, "/readyz"),
      servesMetrics: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: "127.0.0.1",
        ...(config.databaseUrl === undefined ? {} : { DATABASE_URL: config.databaseUrl }),
        ...(config.redisUrl === undefined ? {} : { REDIS_URL: config.redisUrl }),
        LOG_LEVEL: "warn",
        NODE_ENV: "test",
        SEED_DEMO_DATA: "true",
        PAYMENT_LATENCY_MS: String(config.paymentLatencyMs),
        SESSION_SECRET: config.secrets.sessionSecret,
        PASS_SECRET: config.secrets.passSecret,
        TICKET_SIGNING_KEY: config.secrets.ticketSigningKey,
        MAIL_DIR: path.join(config.workDir, "mail"),
        // Hundreds of simulated fans share one address and act faster than people: the limits against bots are
        // off unless a scenario turns them on (abuse does, for its own instance).
        BOT_PROTECTION: "off",
        ...(config.workers === undefined ? {} : { WORKERS: String(config.workers) }),
        // Other builds of the SPA to serve, one per instance in turn (the map scenario measures builds side by side).
        ...webDistFor(index),
        ...config.env,
      },
    });
  }

  /**
   * More instances on the same database, Redis and secrets (a session or pass from one is valid on the other),
   * created but not started; `overrides` replace this cluster's settings (count, labels, workers, env).
   */
  sibling(overrides: Partial<ClusterConfig>): Promise<ServerCluster> {
    return ServerCluster.create({ ...this.config, ...overrides });
  }

  get urls(): string[] {
    return this.instances.map((instance) => instance.url);
  }

  /** Starts every instance at once and waits for each /readyz; returns the slowest start in ms. */
  async start(signal?: AbortSignal): Promise<number> {
    for (const instance of this.instances) instance.start();
    const times = await Promise.all(this.instances.map((instance) => instance.waitReady(120_000, signal)));
    return Math.max(...times);
  }

  /** Starts a stopped or killed instance again on its port; resolves when it is ready, with the time it took. */
  async restart(index: number, signal?: AbortSignal): Promise<number> {
    const instance = this.instances[index];
    if (!instance) throw new Error(`no instance ${index}`);
    instance.start();
    return instance.waitReady(60_000, signal);
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
  }

  killNow(): void {
    for (const instance of this.instances) instance.killNow();
  }
}
