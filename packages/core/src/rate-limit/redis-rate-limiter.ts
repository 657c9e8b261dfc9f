import { randomUUID } from "node:crypto";
import type { Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { RateLimiter, RateLimitResult, RateLimitRule } from "./rate-limiter";

export function createRedisRateLimiter(deps: { redis: Redis; clock: Clock }): RateLimiter {
  const run = async (rule: RateLimitRule, record: 0 | 1): Promise<RateLimitResult> => {
    const [allowed, count, retryAfterMs] = await deps.redis.slidingWindow(
      rule.key,
      deps.clock.now().getTime(),
      rule.windowMs,
      rule.limit,
      record,
      record ? randomUUID() : "",
    );
    return { allowed: allowed === 1, count, retryAfterMs };
  };
  return {
    check: (rule) => run(rule, 0),
    hit: (rule) => run(rule, 1),
    reset: async (key) => {
      await deps.redis.del(key);
    },
  };
}
