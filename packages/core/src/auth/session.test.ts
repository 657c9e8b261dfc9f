import { setTimeout as sleep } from "node:timers/promises";
import { createDb } from "@frontrow/db";
import { describe, expect } from "vitest";
import { insertSignedInUsers, test, type TestServices } from "../testing";
import { SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS, sessionIdFromToken, validateSessionToken } from "./session";
import { createSessionCache } from "./session-cache";

const cacheOn = (redisStore: TestServices["redisStore"], options?: Parameters<typeof createSessionCache>[1]) =>
  createSessionCache(
    { redis: redisStore.redis, subscriber: redisStore.connect({ forSubscriptions: true }) },
    options,
  );

describe("session validation with the session cache", () => {
  test("serves a cached session without Postgres, and renews it once per renewal window", async ({ services }) => {
    const { database, redisStore, clock } = services;
    const sessionCache = cacheOn(redisStore);
    try {
      const [fan] = await insertSignedInUsers(database.sql, 1);
      const deps = { db: database.db, clock, sessionCache };
      const first = await validateSessionToken(deps, fan!.token);
      expect(first?.user.id).toBe(fan!.userId);

      // Deleted behind the cache's back (not through invalidateSession): the cache still answers.
      await database.sql`delete from sessions where id = ${sessionIdFromToken(fan!.token)}`;
      expect((await validateSessionToken(deps, fan!.token))?.user.id).toBe(fan!.userId);
      await database.sql`insert into sessions (id, user_id, expires_at)
        values (${sessionIdFromToken(fan!.token)}, ${fan!.userId}, ${first!.session.expiresAt.toISOString()})`;

      clock.advance(SESSION_LIFETIME_MS - SESSION_RENEW_WITHIN_MS + 1_000);
      const burst = await Promise.all(Array.from({ length: 20 }, () => validateSessionToken(deps, fan!.token)));
      expect(burst.filter((result) => result?.renewed)).toHaveLength(1);
      const [row] = await database.sql<Array<{ expires_at: string }>>`select expires_at from sessions`;
      expect(new Date(row!.expires_at).getTime()).toBe(clock.now().getTime() + SESSION_LIFETIME_MS);
    } finally {
      await sessionCache.close();
    }
  });

  test("a session read from Postgres just before its revocation is not cached again after it", async ({ services }) => {
    const { database, redisStore, clock } = services;
    const sessionCache = cacheOn(redisStore);
    try {
      const [fan] = await insertSignedInUsers(database.sql, 1);
      const deps = { db: database.db, clock, sessionCache };
      const sessionId = sessionIdFromToken(fan!.token);
      const validated = await validateSessionToken(deps, fan!.token);
      await sessionCache.forget(sessionId);
      // What a request that was between its Postgres read and its cache write would do now.
      sessionCache.set(sessionId, { session: validated!.session, user: validated!.user });
      expect(sessionCache.get(sessionId)).toBeUndefined();
    } finally {
      await sessionCache.close();
    }
  });

  test("while Postgres cannot be asked, a session validated minutes ago still serves, unless revoked or too old", async ({
    services,
  }) => {
    const { database, redisStore, clock } = services;
    const sessionCache = cacheOn(redisStore, { ttlMs: 50, staleMs: 400 });
    // A real pool on a port nothing listens on: every query fails to connect (ECONNREFUSED).
    const down = createDb("postgres://postgres@127.0.0.1:1/frontrow", { max: 1 });
    try {
      const [fan, revokedFan, oldFan] = await insertSignedInUsers(database.sql, 3);
      const up = { db: database.db, clock, sessionCache };
      const unreachable = { db: down.db, clock, sessionCache };
      for (const one of [fan, revokedFan, oldFan]) await validateSessionToken(up, one!.token);
      await sleep(100);
      expect(sessionCache.get(sessionIdFromToken(fan!.token))).toBeUndefined();

      const served = await validateSessionToken(unreachable, fan!.token);
      expect(served).toMatchObject({ user: { id: fan!.userId }, renewed: false });

      await sessionCache.forget(sessionIdFromToken(revokedFan!.token));
      await expect(validateSessionToken(unreachable, revokedFan!.token)).rejects.toThrow();

      await sleep(400);
      await expect(validateSessionToken(unreachable, oldFan!.token)).rejects.toThrow();
      // Postgres answering again: the session is read from it, as always.
      expect((await validateSessionToken(up, oldFan!.token))?.user.id).toBe(oldFan!.userId);
    } finally {
      await down.close();
      await sessionCache.close();
    }
  });
});
