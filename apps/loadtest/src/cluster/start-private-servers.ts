import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { format } from "../report/format";
import { findServerBinaries } from "./find-server-binaries";
import type { ManagedProcess } from "./managed-process";
import { PrivatePostgres } from "./private-postgres";
import { PrivateRedis } from "./private-redis";

export interface PrivateServers {
  /** Undefined when it could not be had; `skipped.postgres` says why. */
  postgres: PrivatePostgres | undefined;
  redis: PrivateRedis | undefined;
  skipped: { postgres?: string; redis?: string };
  /** What starting them took, as report rows. */
  setup: Array<[string, string]>;
  /** Stops both (Postgres with a fast shutdown) and removes their folder unless `keep`. */
  stop(): Promise<void>;
}

/** An error's message on one line, short enough for a report cell. */
const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim().slice(0, 300);

/**
 * A Postgres cluster and a redis-server of the scenario's own in `dir`, on free ports of 127.0.0.1, for drills
 * that restart them. A server whose binaries are missing or that fails to start is skipped with the reason; the
 * other one is still started.
 */
export async function startPrivateServers(options: {
  dir: string;
  logDir: string;
  labelPrefix: string;
  keep: boolean;
  signal: AbortSignal;
  log(line: string): void;
  adopt(child: ManagedProcess): void;
}): Promise<PrivateServers> {
  const { dir, log } = options;
  // Postgres runs as its own OS user when we are root: it must be able to reach its folder.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const binaries = findServerBinaries();
  const servers: PrivateServers = {
    postgres: undefined,
    redis: undefined,
    skipped: {},
    setup: [],
    stop: async () => {
      await Promise.all([servers.postgres?.stop(), servers.redis?.stop()]);
      if (options.keep)
        log(`kept the private Postgres data folder ${path.join(dir, "postgres", "data")} (--keep)`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };

  if ("skipped" in binaries.postgres) servers.skipped.postgres = binaries.postgres.skipped;
  else {
    const started = performance.now();
    let postgres: PrivatePostgres | undefined;
    try {
      postgres = await PrivatePostgres.create({
        binaries: binaries.postgres,
        dir: path.join(dir, "postgres"),
        logFile: path.join(options.logDir, `${options.labelPrefix}-postgres.log`),
        label: `${options.labelPrefix}-postgres`,
      });
      options.adopt(postgres.process);
      await postgres.start(options.signal);
      servers.postgres = postgres;
      const runAs = binaries.postgres.runAs ? ` as OS user ${binaries.postgres.runAs.name}` : "";
      servers.setup.push([
        "private Postgres",
        `${binaries.postgres.version} on port ${postgres.port}${runAs} (initdb, fsync off), up in ${format.s((performance.now() - started) / 1000)}`,
      ]);
    } catch (error) {
      await postgres?.stop().catch(() => {});
      servers.skipped.postgres = `the private Postgres did not start: ${oneLine(error)}`;
    }
  }

  if ("skipped" in binaries.redis) servers.skipped.redis = binaries.redis.skipped;
  else {
    let redis: PrivateRedis | undefined;
    try {
      redis = await PrivateRedis.create({
        redisServer: binaries.redis.redisServer,
        dir: path.join(dir, "redis"),
        logFile: path.join(options.logDir, `${options.labelPrefix}-redis.log`),
        label: `${options.labelPrefix}-redis`,
      });
      options.adopt(redis.process);
      const startMs = await redis.start(options.signal);
      servers.redis = redis;
      servers.setup.push([
        "private Redis",
        `${binaries.redis.redisServer} on port ${redis.port}, no persistence, up in ${format.s(startMs / 1000)}`,
      ]);
    } catch (error) {
      await redis?.stop().catch(() => {});
      servers.skipped.redis = `the private redis-server did not start: ${oneLine(error)}`;
    }
  }
  for (const [name, reason] of Object.entries(servers.skipped)) log(`faults: no private ${name}: ${reason}`);
  return servers;
}
