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

// One vitest run over every package with tests. Each test gets its own Postgres database (cloned from a
// migrated template) and its own Redis key prefix, so files run in parallel.
export default defineConfig({
  test: {
    root,
    globalSetup: [`${root}packages/db/src/vitest-global-setup.ts`],
    projects: projectDirs.map((dir) => ({
      test: {
        name: dir.split("/")[1],
        root: `${root}${dir}`,
        include: ["src/**/*.test.ts"],
        testTimeout: 30_000,
        hookTimeout: 30_000,
      },
    })),
  },
});
