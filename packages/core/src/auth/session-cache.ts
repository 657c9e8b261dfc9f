import { sessionRevocationsChannel, type Redis } from "@frontrow/redis";
import { LRUCache } from "lru-cache";
import { createSharedSubscriptions } from "../pubsub/shared-subscriptions";
import type { Session, SessionUser } from "./session";

export interface CachedSession {
  session: Session;
  user: SessionUser;
}

/**
 * Sessions this process validated recently, so a signed-in request costs no Postgres query. Entries live
 * `ttlMs` at most (a role changed in the database without `forget` shows within that time); a revoked session
 * (logout, expiry) is dropped on every instance at once through Redis pub/sub, and an open WebSocket re-checks its
 * session on every call through this cache.
 */
export interface SessionCache {
  get(sessionId: string): CachedSession | undefined;
  /**
   * The copy kept after its `ttlMs` ran out, for at most `staleMs` after it was cached, unless it was revoked
   * meanwhile: what a request may use while Postgres cannot be asked (see `validateSessionId`).
   */
  getStale(sessionId: string): CachedSession | undefined;
  set(sessionId: string, entry: CachedSession): void;
  /**
   * Drops the cached copy here and on every other instance (after a logout, an expiry or a change to the user);
   * resolves once Redis took the message. The next request reads the session from Postgres again.
   */
  forget(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

export interface SessionCacheOptions {
  /** Most sessions kept (least recently used leave first). */
  max?: number;
  ttlMs?: number;
  /** How long after it was cached an entry still serves while Postgres is unreachable (`getStale`). */
  staleMs?: number;
}

export function createSessionCache(
  deps: { redis: Redis; subscriber: Redis; onError?: (error: unknown) => void },
  options: SessionCacheOptions = {},
): SessionCache {
  const max = options.max ?? 100_000;
  const ttl = options.ttlMs ?? 30_000;
  const stale = options.staleMs ?? 10 * 60_000;
  // Expired entries stay (until the least recently used leave) for getStale; get() does not return them.
  const cache = new LRUCache<string, CachedSession>({ max, ttl, noDeleteOnStaleGet: true });
  // Revoked here or elsewhere within the last `ttl`: a request that read the session from Postgres just before
  // the revocation must not put it back in the cache afterwards.
  const revoked = new LRUCache<string, true>({ max, ttl });
  const revoke = (sessionId: string) => {
    revoked.set(sessionId, true);
    cache.delete(sessionId);
  };
  const channel = sessionRevocationsChannel(deps.redis);
  const subscriptions = createSharedSubscriptions(deps.subscriber, (message) => message);
  subscriptions
    .subscribe(channel, revoke)
    .catch((error: unknown) => deps.onError?.(error));
  // A revocation published while the connection was down is lost: after a reconnect, trust nothing cached.
  let connectedBefore = deps.subscriber.status === "ready";
  deps.subscriber.on("ready", () => {
    if (connectedBefore) cache.clear();
    connectedBefore = true;
  });
  return {
    get: (sessionId) => cache.get(sessionId),
    getStale(sessionId) {
      const entry = cache.get(sessionId, { allowStale: true });
      // Remaining TTL is negative once stale: the entry was cached ttl - remaining ago.
      return entry && ttl - cache.getRemainingTTL(sessionId) <= stale ? entry : undefined;
    },
    set(sessionId, entry) {
      if (!revoked.has(sessionId)) cache.set(sessionId, entry);
    },
    async forget(sessionId) {
      revoke(sessionId);
      await deps.redis.publish(channel, sessionId);
    },
    close: () => subscriptions.close(),
  };
}
