import { createTestDatabase, type TestDatabase } from "@frontrow/db/testing";
import { createTestRedis, type TestRedis } from "@frontrow/redis/testing";
import { test as base } from "vitest";
import { manualClock } from "./clock";

export interface TestServices {
  /** A fresh migrated database of this test's own. */
  database: TestDatabase;
  /** A Redis connection whose keys live under this test's own prefix. */
  redisStore: TestRedis;
  clock: ReturnType<typeof manualClock>;
}

/** `test` with real Postgres and Redis per test: `test("…", async ({ services }) => …)`. */
export const test = base.extend<{ services: TestServices }>({
  services: async ({}, use) => {
    const database = await createTestDatabase();
    const redisStore = createTestRedis();
    try {
      await use({ database, redisStore, clock: manualClock(new Date()) });
    } finally {
      await Promise.all([database.drop(), redisStore.cleanup()]);
    }
  },
});
