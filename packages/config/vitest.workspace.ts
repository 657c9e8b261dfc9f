import { spawnSync } from "node:child_process";
import { defineConfig } from "vitest/config";

const root = new URL("../..", import.meta.url).pathname;
const projectDirs = [
  "packages/db",
  "packages/redis",
  "packages/core",
  "packages/api",
  "packages/validators",
  "apps/server",
  "apps/loadtest",
  "apps/web",
];

/**
 * The suites that run a second time on a real Redis Cluster (3 masters, 3 replicas, started for the run): every
 * Lua script, the seat-change and admission-head buses (sharded pub/sub), the waiting room, session revocation
 * (cluster-wide pub/sub) and two server instances passing live updates through it.
 */
const clusterSuites = [
  "packages/redis/src/hold-scripts.test.ts",
  "packages/redis/src/block-seats.test.ts",
  "packages/redis/src/queue-scripts.test.ts",
  "packages/redis/src/sliding-window.test.ts",
  "packages/redis/src/cluster-scripts.test.ts",
  "packages/core/src/holds/watch-seat-changes.test.ts",
  "packages/core/src/pubsub/sharded-channels.test.ts",
  "packages/api/src/routers/queue.test.ts",
  "apps/server/src/live-updates.test.ts",
  "apps/server/src/session-revocation.test.ts",
];
const clusterToolsFound = ["redis-server", "redis-cli"].every(
  (tool) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0,
);
if (!clusterToolsFound) {
  console.warn(
    "redis-cluster suites skipped: redis-server and redis-cli are not both on the PATH to start a test cluster",
  );
}

/**
 * The suites that exercise Redis (Lua scripts, races, queues, pub/sub, checkout), run a second time against the
 * in-process Redis that `pnpm start` uses when no Redis is installed: the contract that it behaves as Redis does.
 */
const inProcessRedisContract = [
  "packages/redis/src/*.test.ts",
  "packages/core/src/holds/*.test.ts",
  "packages/core/src/auth/session.test.ts",
  "packages/api/src/routers/{holds,checkout,checkout-takeover,queue,abuse,subscriptions,outbox}.test.ts",
  "apps/server/src/{hold-race,live-updates,session-revocation}.test.ts",
];

// One vitest run over every package with tests. Each test gets its own Postgres database (cloned from a
// migrated template) and its own Redis key prefix, so files run in parallel.
export default defineConfig({
  test: {
    root,
    globalSetup: [`${root}packages/db/src/vitest-global-setup.ts`],
    projects: [
      ...projectDirs.map((dir) => ({
        test: {
          name: dir.split("/")[1],
          root: `${root}${dir}`,
          include: ["src/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      })),
      ...(clusterToolsFound
        ? [
            {
              test: {
                name: "redis-cluster",
                root,
                include: clusterSuites,
                globalSetup: [`${root}packages/redis/src/cluster-global-setup.ts`],
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: "redis-in-process",
          root,
          include: inProcessRedisContract,
          globalSetup: [`${root}packages/redis/src/in-process/contract-global-setup.ts`],
          setupFiles: [`${root}packages/redis/src/in-process/contract-setup.ts`],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
