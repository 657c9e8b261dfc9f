import { randomUUID } from "node:crypto";
import type { Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { RateLimiter } from "./rate-limiter";

export function createRedisRateLimiter(deps: { redis: Redis; clock: Clock }): RateLimiter {
  return {
    async reserve(rule) {
      const member = randomUUID();
      const [allowed, count, retryAfterMs] = await deps.redis.slidingWindow(
        rule.key,
        deps.clock.now().getTime(),
        rule.windowMs,
        rule.limit,
        member,
      );
      return {
        allowed: allowed === 1,
        count,
        retryAfterMs,
        release: async () => {
          if (allowed === 1) await deps.redis.zrem(rule.key, member);
        },
      };
    },
    reset: async (key) => {
      await deps.redis.del(key);
    },
  };
}
