import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createMailTransport,
  hashPassword,
  startAdmitter,
  startHoldSweeper,
  startOutboxWorker,
  systemClock,
  type TicketsPdfRenderer,
} from "@frontrow/core";
import { createDb, prepareDatabase } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import { createRedis } from "@frontrow/redis";
import { createApp } from "./app";
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

/**
 * Postgres connections per process. Workers answer fans (the hot path touches Postgres only at checkout and on
 * reads); the background loops need few. Sized so an instance keeps about the single process's 20 in all.
 */
function poolSize(env: Env, role: "single" | "primary" | "worker"): number {
  if (role === "single") return 20;
  if (role === "primary") return 5;
  return Math.max(5, Math.ceil(20 / env.workers));
}

async function prepare(env: Env, logger: Logger): Promise<void> {
  const startedAt = performance.now();
  await prepareDatabase(env.databaseUrl, {
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
function openServices(env: Env, logger: Logger, role: "single" | "primary" | "worker") {
  const database = createDb(env.databaseUrl, { max: poolSize(env, role) });
  const name = `frontrow:${process.pid}`;
  // Commands issued in the same tick leave in one write: under load, one syscall for many holds.
  const redis = createRedis(env.redisUrl, { connectionName: name, options: { enableAutoPipelining: true } });
  const subscriber = createRedis(env.redisUrl, { connectionName: `${name}:sub`, forSubscriptions: true });
  const queueSubscriber = createRedis(env.redisUrl, {
    connectionName: `${name}:queue`,
    forSubscriptions: true,
  });
  for (const connection of [redis, subscriber, queueSubscriber]) {
    connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  }
  const deps = createServerDeps({
    db: database.db,
    redis,
    subscriber,
    queueSubscriber,
    clock: systemClock,
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
function startBackgroundLoops(services: ReturnType<typeof openServices>, env: Env, logger: Logger) {
  const { deps } = services;
  const sweeper = startHoldSweeper(deps, {
    onError: (error) => logger.warn({ err: error }, "hold sweep failed"),
    onReleased: (eventId, holdIds) =>
      logger.info({ eventId, holds: holdIds.length }, "released expired holds"),
  });
  const admitter = startAdmitter(deps, {
    onError: (error) => logger.warn({ err: error }, "admission step failed"),
    onAdmitted: (eventId, admitted, head) => logger.debug({ eventId, admitted, head }, "admitted fans"),
  });
  const pdfPool = createPdfPool({
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    onError: (error) => logger.error({ err: error }, "PDF worker failed"),
  });
  const mail = createMailTransport({ smtpUrl: env.smtpUrl, folder: env.mailDir });
  const outboxWorker = startOutboxWorker(
    { ...deps, renderPdf: pdfPool.render, mail, logger },
    { onError: (error) => logger.warn({ err: error }, "outbox poll failed") },
  );
  if (!env.smtpUrl)
    logger.info({ folder: env.mailDir }, "no SMTP_URL: outgoing mail is written as .eml files");
  return {
    renderPdf: pdfPool.render,
    async stop() {
      await Promise.all([sweeper.stop(), outboxWorker.stop(), admitter.stop()]);
      await pdfPool.close();
    },
  };
}

async function serve(
  services: ReturnType<typeof openServices>,
  options: { workerMetrics?: WorkerMetrics; renderPdf?: TicketsPdfRenderer } = {},
) {
  const metrics = createMetrics();
  // Ticket PDF downloads render on the loops' worker threads in a single process, on a small pool of their own
  // in a worker process (started only when a download asks for one).
  const pdfPool = options.renderPdf
    ? undefined
    : createPdfPool({ size: 1, onError: (error) => logger.error({ err: error }, "PDF worker failed") });
  const app = createApp({
    deps: services.deps,
    logger,
    metrics,
    metricsText: options.workerMetrics ? () => options.workerMetrics!.whole() : undefined,
    webDist: env.webDist ?? defaultWebDist,
    trustProxy: env.trustProxy,
    renderPdf: options.renderPdf ?? pdfPool?.render,
    publicOrigins: env.publicOrigins,
    metricsToken: env.metricsToken,
  });
  options.workerMetrics?.expose(metrics.registry);
  const address = await app.listen(env.port, env.host);
  return { app, address, close: async () => pdfPool?.close() };
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

/** One process does everything (WORKERS=1). */
async function runSingle() {
  await prepare(env, logger);
  const services = openServices(env, logger, "single");
  const loops = startBackgroundLoops(services, env, logger);
  const server = await serve(services, { renderPdf: loops.renderPdf });
  logger.info({ url: `http://${env.host}:${server.address.port}`, workers: 1 }, "Frontrow is listening");
  onStopSignals(async (signal) => {
    logger.info({ signal }, "shutting down");
    await server.app.close();
    await Promise.all([loops.stop(), server.close()]);
    await services.close();
    logger.info("stopped");
  });
}

/** The primary prepares the database, runs the background loops once, and keeps WORKERS workers serving. */
async function runPrimary() {
  await prepare(env, logger);
  const services = openServices(env, logger, "primary");
  const loops = startBackgroundLoops(services, env, logger);
  const workers = superviseWorkers({ count: env.workers, logger });
  await workers.listening;
  logger.info({ url: `http://${env.host}:${env.port}`, workers: env.workers }, "Frontrow is listening");
  onStopSignals(async (signal) => {
    logger.info({ signal }, "shutting down");
    await workers.stop(signal);
    await loops.stop();
    await services.close();
    logger.info("stopped");
  });
}

/** A worker serves HTTP and WebSockets on the shared port; the primary has prepared the database. */
async function runWorker() {
  const services = openServices(env, logger, "worker");
  const server = await serve(services, { workerMetrics: answerMetricsInWorker() });
  logger.debug({ port: server.address.port }, "worker listening");
  onStopSignals(async () => {
    await server.app.close();
    await server.close();
    await services.close();
  });
}

process.on("unhandledRejection", survivingConnectionLoss(logger));
const run = cluster.isWorker ? runWorker : env.workers > 1 ? runPrimary : runSingle;
run().catch((error: unknown) => {
  logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
