import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createMailTransport,
  hashPassword,
  startAdmitter,
  startHoldSweeper,
  startOfferSweeper,
  startOutboxWorker,
  systemClock,
} from "@frontrow/core";
import { createDb, prepareDatabase } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import { createRedis } from "@frontrow/redis";
import { ACCEPTORS } from "./acceptors";
import { createApp } from "./app";
import { resolveBackingServices, type BackingServices } from "./backing-services";
import { answerMetricsInWorker, superviseWorkers, type WorkerMetrics } from "./cluster";
import { createPdfPool } from "./pdf-pool";
import { loadEnv, type Env } from "./env";
import { createLogger, type Logger } from "./logger";
import { createMetrics } from "./metrics";
import { createServerDeps } from "./server-deps";
import { survivingConnectionLoss } from "./unhandled-rejections";

const env = (() => {
  try {
    return loadEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const logger = createLogger(env.logLevel).child(cluster.isWorker ? { worker: cluster.worker?.id } : {});

// apps/server/{src,dist}/main → apps/web/dist
const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/** Where this process's Postgres and Redis are (resolved by the primary; a worker is handed the URLs). */
interface Connections {
  databaseUrl: string;
  redisUrl: string;
  /** PGlite runs one statement at a time for every connection: one connection per pool is all it can use. */
  embeddedPostgres: boolean;
}

const SINGLE_PROCESS_NOTE =
  "single process, embedded Postgres or in-process Redis: for trying Frontrow and development; use Postgres and Redis for an on-sale";

/**
 * Postgres connections per process. Workers answer fans (the hot path touches Postgres only at checkout and on
 * reads); the background loops need few. Sized so an instance keeps about the single process's 20 in all.
 */
function poolSize(env: Env, role: "single" | "primary" | "worker", connections: Connections): number {
  if (connections.embeddedPostgres) return 1;
  if (role === "single") return 20;
  if (role === "primary") return 5;
  return Math.max(5, Math.ceil(20 / env.workers));
}

async function prepare(env: Env, logger: Logger, connections: Connections): Promise<void> {
  const startedAt = performance.now();
  await prepareDatabase(connections.databaseUrl, {
    seed: env.seedDemoData
      ? async (db) => {
          if (!(await isDatabaseEmpty(db))) return;
          const summary = await seedDemoData(db, { passwordHash: await hashPassword("frontrow-demo") });
          logger.info({ summary }, "seeded demo data");
        }
      : undefined,
  });
  logger.info({ ms: Math.round(performance.now() - startedAt) }, "database ready");
}

/** Pools, Redis connections and the use-cases' dependencies of one process. */
function openServices(
  env: Env,
  logger: Logger,
  role: "single" | "primary" | "worker",
  connections: Connections,
) {
  const name = `frontrow:${process.pid}`;
  // Unique among every instance's processes, even one restarted with the same pid: who runs a checkout.
  const processName = `${name}:${randomUUID().slice(0, 8)}`;
  const database = createDb(connections.databaseUrl, {
    max: poolSize(env, role, connections),
    applicationName: processName,
  });
  const { redisUrl } = connections;
  // Commands issued in the same tick leave in one write: under load, one syscall for many holds.
  const redis = createRedis(redisUrl, { connectionName: name, options: { enableAutoPipelining: true } });
  const subscriber = createRedis(redisUrl, { connectionName: `${name}:sub`, forSubscriptions: true });
  const queueSubscriber = createRedis(redisUrl, { connectionName: `${name}:queue`, forSubscriptions: true });
  for (const connection of [redis, subscriber, queueSubscriber]) {
    connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  }
  const deps = createServerDeps({
    db: database.db,
    redis,
    subscriber,
    queueSubscriber,
    clock: systemClock,
    processName,
    ticketSigningKey: env.ticketSigningKey,
    passSecret: env.passSecret,
    paymentLatencyMs: env.paymentLatencyMs,
    signInLimits: env.signInLimits,
    abuseLimits: env.abuseLimits,
    proofOfWork: env.proofOfWork,
  });
  deps.onAfterCommitError = (error, context) =>
    logger.error({ err: error, ...context }, "after-commit step failed");
  return {
    deps,
    async close() {
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
      await Promise.allSettled([database.close(), redis.quit()]);
    },
  };
}

/** Releases expired holds, admits waiting fans and delivers the outbox: once per instance (safe with several). */
function startBackgroundLoops(
  services: ReturnType<typeof openServices>,
  env: Env,
  logger: Logger,
  connections: Connections,
) {
  const { deps } = services;
  const sweeper = startHoldSweeper(deps, {
    onError: (error) => logger.warn({ err: error }, "hold sweep failed"),
    onReleased: (eventId, holdIds) =>
      logger.info({ eventId, holds: holdIds.length }, "released expired holds"),
  });
  const offerSweeper = startOfferSweeper(deps, {
    onError: (error) => logger.warn({ err: error }, "waiting-list offer sweep failed"),
  });
  const admitter = startAdmitter(deps, {
    onError: (error) => logger.warn({ err: error }, "admission step failed"),
    onAdmitted: (eventId, admitted, head) => logger.debug({ eventId, admitted, head }, "admitted fans"),
  });
  const pdfPool = createPdfPool({
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    onError: (error) => logger.error({ err: error }, "PDF worker failed"),
    background: true,
  });
  const mail = createMailTransport({ smtpUrl: env.smtpUrl, folder: env.mailDir, domain: env.mailDomain });
  const outboxWorker = startOutboxWorker(
    { ...deps, renderPdf: pdfPool.render, mail, logger },
    {
      onError: (error) => logger.warn({ err: error }, "outbox poll failed"),
      // One process delivers, and PGlite runs one transaction at a time (see deliverOutboxBatch).
      claim: connections.embeddedPostgres ? "sole-deliverer" : "lock",
    },
  );
  if (!env.smtpUrl)
    logger.info({ folder: env.mailDir }, "no SMTP_URL: outgoing mail is written as .eml files");
  return {
    async stop() {
      await Promise.all([sweeper.stop(), offerSweeper.stop(), outboxWorker.stop(), admitter.stop()]);
      await pdfPool.close();
    },
  };
}

async function serve(
  services: ReturnType<typeof openServices>,
  options: { workerMetrics?: WorkerMetrics } = {},
) {
  const metrics = createMetrics();
  // Ticket PDF downloads render on a small pool of their own, at the server's priority (the mail's pool runs lower),
  // started only when a download asks for one.
  const pdfPool = createPdfPool({ size: 1, onError: (error) => logger.error({ err: error }, "PDF worker failed") });
  const app = createApp({
    deps: services.deps,
    logger,
    metrics,
    metricsText: options.workerMetrics ? () => options.workerMetrics!.whole() : undefined,
    webDist: env.webDist ?? defaultWebDist,
    trustProxy: env.trustProxy,
    renderPdf: pdfPool.render,
    publicOrigins: env.publicOrigins,
    metricsToken: env.metricsToken,
    acceptors: ACCEPTORS,
  });
  options.workerMetrics?.expose(metrics.registry);
  const address = await app.listen(env.port, env.host);
  return { app, address, close: async () => pdfPool.close() };
}

function onStopSignals(stop: (signal: string) => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(() => process.exit(0));
  };
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}

/** Decides on Postgres and Redis (starting the embedded ones if need be) and says once which and why. */
async function resolveConnections(): Promise<{ connections: Connections; backing: BackingServices }> {
  const backing = await resolveBackingServices(env);
  const { postgres, redis } = backing;
  logger.info(
    {
      postgres: `${postgres.kind} (${postgres.reason})`,
      redis: `${redis.kind} (${redis.reason})`,
      processes: backing.singleProcess ? SINGLE_PROCESS_NOTE : `${env.workers} (WORKERS)`,
    },
    backing.singleProcess
      ? "Postgres and Redis chosen; running as a single process"
      : "Postgres and Redis chosen",
  );
  return {
    connections: {
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      embeddedPostgres: postgres.kind === "embedded",
    },
    backing,
  };
}

/** One process does everything (WORKERS=1, or Postgres or Redis inside this process). */
async function runSingle(connections: Connections, backing: BackingServices) {
  await prepare(env, logger, connections);
  const services = openServices(env, logger, "single", connections);
  const loops = startBackgroundLoops(services, env, logger, connections);
  const server = await serve(services);
  logger.info({ url: `http://${env.host}:${server.address.port}`, workers: 1 }, "Frontrow is listening");
  onStopSignals(async (signal) => {
    logger.info({ signal }, "shutting down");
    await server.app.close();
    await Promise.all([loops.stop(), server.close()]);
    await services.close();
    await backing.close();
    logger.info("stopped");
  });
}

/** The primary prepares the database, runs the background loops once, and keeps WORKERS workers serving. */
async function runPrimary(connections: Connections, backing: BackingServices) {
  await prepare(env, logger, connections);
  const services = openServices(env, logger, "primary", connections);
  const loops = startBackgroundLoops(services, env, logger, connections);
  const workers = superviseWorkers({
    count: env.workers,
    logger,
    // The workers use what the primary chose, without probing again.
    env: {
      DATABASE_URL: connections.databaseUrl,
      REDIS_URL: connections.redisUrl,
      FRONTROW_POSTGRES: "server",
      FRONTROW_REDIS: "server",
    },
  });
  await workers.listening;
  logger.info({ url: `http://${env.host}:${env.port}`, workers: env.workers }, "Frontrow is listening");
  onStopSignals(async (signal) => {
    logger.info({ signal }, "shutting down");
    await workers.stop(signal);
    await loops.stop();
    await services.close();
    await backing.close();
    logger.info("stopped");
  });
}

/** A worker serves HTTP and WebSockets on the shared port; the primary has prepared the database. */
async function runWorker() {
  if (!env.databaseUrl || !env.redisUrl)
    throw new Error("a worker is started by the primary, with DATABASE_URL and REDIS_URL");
  const connections = { databaseUrl: env.databaseUrl, redisUrl: env.redisUrl, embeddedPostgres: false };
  const services = openServices(env, logger, "worker", connections);
  const server = await serve(services, { workerMetrics: answerMetricsInWorker() });
  logger.debug({ port: server.address.port }, "worker listening");
  onStopSignals(async () => {
    await server.app.close();
    await server.close();
    await services.close();
  });
}

process.on("unhandledRejection", survivingConnectionLoss(logger));

async function run() {
  if (cluster.isWorker) return runWorker();
  const { connections, backing } = await resolveConnections();
  try {
    if (env.workers > 1 && !backing.singleProcess) await runPrimary(connections, backing);
    else await runSingle(connections, backing);
  } catch (error) {
    await backing.close().catch(() => undefined);
    throw error;
  }
}

run().catch((error: unknown) => {
  logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
