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
];

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
