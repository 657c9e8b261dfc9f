import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry, type Registry } from "prom-client";
import type { Logger } from "./logger";

const METRICS_REQUEST = "frontrow:metrics-request";
const METRICS_REPLY = "frontrow:metrics-reply";
/** A worker that dies sooner than this after its start counts as a crash loop: the next start waits longer. */
const STABLE_AFTER_MS = 10_000;

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}
interface MetricsReply {
  type: typeof METRICS_REPLY;
  id: number;
  text?: string;
  error?: string;
}

/**
 * Starts `count` workers on the shared port and keeps that many running: a worker that dies unexpectedly is
 * replaced (at once, or after a growing pause if it keeps dying). Answers the workers' requests for the whole
 * server's metrics (every worker's, summed by prom-client's cluster aggregator).
 */
export function superviseWorkers(options: { count: number; logger: Logger; env?: Record<string, string> }) {
  const { logger } = options;
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  let restartDelayMs = 0;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork(options.env);
    startedAt.set(worker, Date.now());
    worker.on("message", (message: MetricsRequest) => {
      if (message?.type !== METRICS_REQUEST) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_REPLY, id: message.id, text } satisfies MetricsReply),
        (error: Error) => worker.send({ type: METRICS_REPLY, id: message.id, error: error.message } satisfies MetricsReply),
      );
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    restartDelayMs = lived >= STABLE_AFTER_MS ? 0 : Math.min(10_000, Math.max(250, restartDelayMs * 2));
    logger.error({ worker: worker.id, workerPid: worker.process.pid, code, signal, restartInMs: restartDelayMs }, "worker died");
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelayMs).unref();
  });

  const first = Array.from({ length: options.count }, fork);
  const listening = Promise.all(
    first.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once("listening", () => resolve());
          worker.once("exit", (code) => reject(new Error(`worker ${worker.id} exited with ${code} before listening`)));
        }),
    ),
  );

  return {
    listening,
    /** Passes the signal on to every worker (each drains its connections) and waits for them to exit. */
    async stop(signal: string): Promise<void> {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once("exit", () => resolve());
              worker.process.kill(signal as NodeJS.Signals);
            }),
        ),
      );
    },
  };
}

export interface WorkerMetrics {
  /** Makes this worker's registry part of the whole server's metrics. */
  expose(registry: Registry): void;
  /** Every worker's metrics, aggregated by the primary. */
  whole(): Promise<string>;
}

/** The worker's side of the metrics exchange with its primary. */
export function answerMetricsInWorker(): WorkerMetrics {
  // Constructing it installs prom-client's listener that answers the primary's aggregation requests.
  new AggregatorRegistry();
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  process.on("message", (message: MetricsReply) => {
    if (message?.type !== METRICS_REPLY) return;
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.text !== undefined) request?.resolve(message.text);
    else request?.reject(new Error(message.error ?? "metrics failed"));
  });
  return {
    expose: (registry) => AggregatorRegistry.setRegistries([registry]),
    whole: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
      }),
  };
}
