import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { startEmbeddedPostgres } from "@frontrow/db/embedded";
import { InProcessRedisServer } from "@frontrow/redis/in-process";
import type { Env } from "./env";

export const LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/frontrow";
export const LOCAL_REDIS_URL = "redis://127.0.0.1:6379";

export type PostgresKind = "configured" | "local server" | "embedded";
export type RedisKind = "configured" | "local server" | "child" | "in-process";

export interface BackingService<Kind extends string> {
  url: string;
  kind: Kind;
  /** Why this one, for the start-up log line. */
  reason: string;
}

export interface BackingServices {
  postgres: BackingService<PostgresKind>;
  redis: BackingService<RedisKind>;
  /** Postgres or Redis runs inside this process: it serves alone, without node:cluster workers. */
  singleProcess: boolean;
  close(): Promise<void>;
}

export type BackingServiceSettings = Pick<
  Env,
  "databaseUrl" | "redisUrl" | "postgresMode" | "redisMode" | "stateDir"
>;

/** Whether something accepts TCP connections on host:port within `timeoutMs`. */
export function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The first of `names` found as an executable on the PATH. */
export function findOnPath(names: string[], pathVariable = process.env.PATH ?? ""): string | undefined {
  for (const name of names) {
    for (const dir of pathVariable.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server (or valkey-server) of this process's own on a free loopback port, without persistence. */
async function startChildRedis(binary: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let waited = 0; !(await answers("127.0.0.1", port, 200)); waited += 50) {
    if (child.exitCode !== null || waited > 10_000) {
      child.kill("SIGKILL");
      throw new Error(
        `${binary} did not start on port ${port}: ${stderr.trim() || `exit code ${child.exitCode}`}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.removeListener("exit", killOnExit);
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Decides which Postgres and Redis this server uses and starts the ones it brings along:
 * Postgres: DATABASE_URL; else 127.0.0.1:5432 if it answers; else embedded PGlite with its data in `.frontrow/`.
 * Redis: REDIS_URL; else 127.0.0.1:6379 if it answers; else redis-server/valkey-server from the PATH as a child;
 * else the in-process one. FRONTROW_POSTGRES and FRONTROW_REDIS force a step (see env.ts).
 */
export async function resolveBackingServices(settings: BackingServiceSettings): Promise<BackingServices> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
    closers.length = 0;
  };
  try {
    const postgres = await resolvePostgres(settings, closers);
    const redis = await resolveRedis(settings, closers);
    const singleProcess = postgres.kind === "embedded" || redis.kind === "in-process";
    if (postgres.kind === "embedded" || redis.kind !== "configured") {
      // Where tools (psql, the load tester) find what this process started; gone when it stops.
      const file = path.join(settings.stateDir, "services.json");
      mkdirSync(settings.stateDir, { recursive: true });
      writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, databaseUrl: postgres.url, redisUrl: redis.url }, null, 2),
      );
      closers.unshift(async () => rmSync(file, { force: true }));
    }
    return { postgres, redis, singleProcess, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function resolvePostgres(
  settings: BackingServiceSettings,
  closers: Array<() => Promise<void>>,
): Promise<BackingService<PostgresKind>> {
  if (settings.databaseUrl) return { url: settings.databaseUrl, kind: "configured", reason: "DATABASE_URL" };
  if (settings.postgresMode === "server") {
    return { url: LOCAL_POSTGRES_URL, kind: "local server", reason: "FRONTROW_POSTGRES=server" };
  }
  if (settings.postgresMode === "auto" && (await answers("127.0.0.1", 5432))) {
    return {
      url: LOCAL_POSTGRES_URL,
      kind: "local server",
      reason: "no DATABASE_URL; 127.0.0.1:5432 answers",
    };
  }
  const dataDir = path.join(settings.stateDir, "postgres");
  const embedded = await startEmbeddedPostgres(dataDir);
  closers.push(embedded.close);
  const why =
    settings.postgresMode === "embedded"
      ? "FRONTROW_POSTGRES=embedded"
      : "no DATABASE_URL; nothing on 127.0.0.1:5432";
  return { url: embedded.url, kind: "embedded", reason: `${why}; PGlite with its data in ${dataDir}` };
}

async function resolveRedis(
  settings: BackingServiceSettings,
  closers: Array<() => Promise<void>>,
): Promise<BackingService<RedisKind>> {
  if (settings.redisUrl) return { url: settings.redisUrl, kind: "configured", reason: "REDIS_URL" };
  const mode = settings.redisMode;
  if (mode === "server")
    return { url: LOCAL_REDIS_URL, kind: "local server", reason: "FRONTROW_REDIS=server" };
  if (mode === "auto" && (await answers("127.0.0.1", 6379))) {
    return { url: LOCAL_REDIS_URL, kind: "local server", reason: "no REDIS_URL; 127.0.0.1:6379 answers" };
  }
  const binary = mode === "in-process" ? undefined : findOnPath(["redis-server", "valkey-server"]);
  if (mode === "child" && !binary) {
    throw new Error("FRONTROW_REDIS=child: neither redis-server nor valkey-server is on the PATH");
  }
  if (binary) {
    const child = await startChildRedis(binary);
    closers.push(child.stop);
    const why = mode === "child" ? "FRONTROW_REDIS=child" : "no REDIS_URL; nothing on 127.0.0.1:6379";
    return { url: child.url, kind: "child", reason: `${why}; started ${binary} (no persistence)` };
  }
  const inProcess = await InProcessRedisServer.start();
  closers.push(inProcess.close);
  const why =
    mode === "in-process"
      ? "FRONTROW_REDIS=in-process"
      : "no REDIS_URL; nothing on 127.0.0.1:6379; no redis-server or valkey-server on the PATH";
  return {
    url: inProcess.url,
    kind: "in-process",
    reason: `${why}; in memory: holds and waiting rooms start empty after a restart`,
  };
}
