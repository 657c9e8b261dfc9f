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
} from "@frontrow/core";
import { createDb, prepareDatabase } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import { createRedis } from "@frontrow/redis";
import { createApp } from "./app";
import { createPdfPool } from "./pdf-pool";
import { loadEnv } from "./env";
import { createLogger } from "./logger";
import { createMetrics } from "./metrics";
import { createServerDeps } from "./server-deps";

const env = (() => {
  try {
    return loadEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const logger = createLogger(env.logLevel);

// apps/server/{src,dist}/main → apps/web/dist
const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

async function main() {
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

  const database = createDb(env.databaseUrl, { max: 20 });
  const redis = createRedis(env.redisUrl, { connectionName: `frontrow:${process.pid}` });
  const subscriber = createRedis(env.redisUrl, { connectionName: `frontrow:${process.pid}:sub`, forSubscriptions: true });
  const queueSubscriber = createRedis(env.redisUrl, {
    connectionName: `frontrow:${process.pid}:queue`,
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
  });
  deps.onAfterCommitError = (error, context) => logger.error({ err: error, ...context }, "after-commit step failed");
  const sweeper = startHoldSweeper(deps, {
    onError: (error) => logger.warn({ err: error }, "hold sweep failed"),
    onReleased: (eventId, holdIds) => logger.info({ eventId, holds: holdIds.length }, "released expired holds"),
  });
  const admitter = startAdmitter(deps, {
    onError: (error) => logger.warn({ err: error }, "admission step failed"),
    onAdmitted: (eventId, admitted, head) => logger.debug({ eventId, admitted, head }, "admitted fans"),
  });
  const pdfPool = createPdfPool({
    size: Math.max(1, Math.min(2, availableParallelism() - 1)),
    onError: (error) => logger.error({ err: error }, "PDF worker failed"),
  });
  const outboxWorker = startOutboxWorker(
    { ...deps, renderPdf: pdfPool.render, mail: createMailTransport({ smtpUrl: env.smtpUrl, folder: env.mailDir }), logger },
    { onError: (error) => logger.warn({ err: error }, "outbox poll failed") },
  );
  if (!env.smtpUrl) logger.info({ folder: env.mailDir }, "no SMTP_URL: outgoing mail is written as .eml files");
  const app = createApp({
    deps,
    logger,
    metrics: createMetrics(),
    webDist: env.webDist ?? defaultWebDist,
    trustProxy: env.trustProxy,
    renderPdf: pdfPool.render,
  });
  const address = await app.listen(env.port, env.host);
  logger.info({ url: `http://${env.host}:${address.port}` }, "Frontrow is listening");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await app.close();
    await Promise.all([sweeper.stop(), outboxWorker.stop(), admitter.stop()]);
    await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), pdfPool.close()]);
    await Promise.allSettled([database.close(), redis.quit()]);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "failed to start");
  process.exit(1);
});
