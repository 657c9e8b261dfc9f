import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@frontrow/db/testing";
import { createTestRedis, type TestRedis } from "@frontrow/redis/testing";
import { keys, runHoldSeats, type Redis } from "@frontrow/redis";
import type { Sql } from "postgres";
import { test as base } from "vitest";
import { generateSessionToken, sessionIdFromToken } from "./auth/session";
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

/**
 * Many signed-in users at once, for concurrency tests: users and sessions are written directly (no argon2 per
 * user); everything the test then does goes through the API with these session tokens.
 */
export async function insertSignedInUsers(sql: Sql, count: number): Promise<Array<{ userId: string; token: string }>> {
  const users = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    email: `user${i}-${randomUUID()}@example.com`,
    name: `Test Fan ${i + 1}`,
    password_hash: "not-a-real-hash",
  }));
  await sql`insert into users ${sql(users)}`;
  const signedIn = users.map((user) => ({ userId: user.id, token: generateSessionToken() }));
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await sql`insert into sessions ${sql(
    signedIn.map(({ userId, token }) => ({ id: sessionIdFromToken(token), user_id: userId, expires_at: expiresAt })),
  )}`;
  return signedIn;
}

/**
 * Holds one seat of an event straight through the hold script, as a fan's hold would (the event's inventory is
 * marked loaded first): for tests of what follows a hold. Returns the change's sequence.
 */
export async function holdSeatInRedis(redis: Redis, input: { eventId: string; seatId: string; userId?: string }): Promise<number> {
  const { loaded: loadedKey } = keys.eventInventory(input.eventId);
  await redis.set(loadedKey, "1");
  const held = await runHoldSeats(redis, {
    eventId: input.eventId,
    holdId: randomUUID(),
    userId: input.userId ?? `fan-${input.seatId}`,
    nowMs: 1_000,
    expiresAtMs: 601_000,
    perFanLimit: 8,
    seatIds: [input.seatId],
    generalAdmission: [],
    orphanGuards: [],
  });
  if (!held.ok) throw new Error(`the hold of ${input.seatId} was refused`);
  return held.seq;
}
