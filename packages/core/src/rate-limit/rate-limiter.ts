export interface RateLimitRule {
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterMs: number;
}

/** A sliding-window counter. Core owns the interface; Redis (or an in-process store) implements it. */
export interface RateLimiter {
  /** Is another attempt allowed now? Does not count one. */
  check(rule: RateLimitRule): Promise<RateLimitResult>;
  /** Counts one attempt and says whether the window is now full. */
  hit(rule: RateLimitRule): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
}
