import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { closeLeanConnections, leanErrorCode, postJson } from "../client/lean-http";
import { ensureServerBuild } from "../cluster/ensure-server-build";
import type { ManagedProcess } from "../cluster/managed-process";
import { summarizeLatency } from "../metrics/latency-summary";
import { insertWaiters } from "../scenarios/onsale-waiters";
import { configureOnsaleEvent } from "../setup/configure-onsale-event";
import { startStack } from "../setup/start-stack";

/**
 * `queue.join` alone, against one instance with nothing else running: N fans (sessions written straight to
 * Postgres) join the club's waiting room after its on-sale, `--concurrency` in flight over lean keep-alive HTTP,
 * then join again (idempotent, sessions now cached). Prints joins/s, latency and the server's CPU per join from
 * /proc, for each burst. To profile the server: LOADTEST_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=…".
 *
 *   node --import tsx src/tools/join-burst.ts --joins 20000 --concurrency 256
 */
const { values } = parseArgs({
  options: {
    joins: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "256" },
    postgres: { type: "string", default: process.env.LOADTEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    redis: { type: "string", default: process.env.LOADTEST_REDIS_URL ?? "redis://127.0.0.1:6379/7" },
  },
});
const joins = Number(values.joins);
const concurrency = Number(values.concurrency);

const cpuTicks = (pid: number) => {
  // utime and stime: fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
};
const TICKS_PER_SECOND = 100;

const log = (line: string) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(path.join(os.tmpdir(), "frontrow-join-burst-"));
const children: ManagedProcess[] = [];
await ensureServerBuild(log);
const stack = await startStack({
  postgresUrl: values.postgres,
  redisUrl: values.redis,
  databaseName: `frontrow_join_burst_${Date.now()}`,
  instances: 1,
  workers: 1,
  paymentLatencyMs: 0,
  fans: 0,
  prepare: async (sql, events) => {
    await configureOnsaleEvent(sql, events.club, {
      seatsOnSale: 380,
      // Nobody is admitted during the bursts: the admitter's work stays out of the figures.
      admitRatePerMinute: 1,
      maxActiveShoppers: 1,
      shoppingWindowSeconds: 60,
      holdSeconds: 15,
    });
    await sql`update events set on_sale_at = now() - interval '1 minute' where id = ${events.club}`;
  },
  workDir,
  logDir: workDir,
  keep: false,
  signal: new AbortController().signal,
  log,
  adopt: (child) => children.push(child),
});

try {
  const pid = stack.cluster.instances[0]!.pid!;
  const url = stack.cluster.urls[0]!;
  const fans = await insertWaiters(stack.sql, joins);
  log(`${joins} fans written; server pid ${pid}`);

  const burst = async (label: string) => {
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    let next = 0;
    const ticksBefore = cpuTicks(pid);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < fans.length) {
          const fan = fans[next++]!;
          const sent = performance.now();
          try {
            const response = await postJson(
              `${url}/trpc/queue.join`,
              { json: { eventId: stack.events.club } },
              { cookie: `frontrow_session=${fan.token}` },
            );
            if (response.status !== 200) throw Object.assign(new Error("refused"), { code: `HTTP_${response.status}` });
            latencies.push(performance.now() - sent);
          } catch (error) {
            const code = leanErrorCode(error);
            errors.set(code, (errors.get(code) ?? 0) + 1);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = ((cpuTicks(pid) - ticksBefore) / TICKS_PER_SECOND) * 1000;
    const latency = summarizeLatency(latencies);
    log(
      `${label}: ${latencies.length} joins in ${seconds.toFixed(1)} s = ${Math.round(latencies.length / seconds)}/s; ` +
        `p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms; ` +
        `server CPU ${(cpuMs / Math.max(1, latencies.length)).toFixed(3)} ms per join (${(cpuMs / 10 / seconds).toFixed(0)} % of a core)` +
        (errors.size > 0 ? `; errors ${JSON.stringify(Object.fromEntries(errors))}` : ""),
    );
  };
  log(`load average before: ${os.loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  await burst("first joins (sessions not yet cached)");
  await burst("joins again (sessions cached, places kept)");
  log(`load average after: ${os.loadavg().map((load) => load.toFixed(2)).join(" ")}`);
} finally {
  closeLeanConnections();
  await stack.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(0);
