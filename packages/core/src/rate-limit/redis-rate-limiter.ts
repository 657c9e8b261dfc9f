import { randomUUID } from "node:crypto";
import { scripts, type Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { RateLimiter } from "./rate-limiter";

export function createRedisRateLimiter(deps: { redis: Redis; clock: Clock }): RateLimiter {
  return {
    async reserve(rule) {
      const member = randomUUID();
      const { allowed, count, retryAfterMs } = await scripts.slidingWindow(
        deps.redis,
        { window: rule.key },
        { nowMs: deps.clock.now().getTime(), windowMs: rule.windowMs, limit: rule.limit, member },
      );
      return {
        allowed,
        count,
        retryAfterMs,
        release: async () => {
          if (allowed) await deps.redis.zrem(rule.key, member);
        },
      };
    },
    reset: async (key) => {
      await deps.redis.del(key);
    },
  };
}
