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

export interface RateLimitReservation extends RateLimitResult {
  /** Gives the attempt back, as if it never happened (a no-op for a refused one). */
  release(): Promise<void>;
}

/** A sliding-window counter. Core owns the interface; Redis (or an in-process store) implements it. */
export interface RateLimiter {
  /**
   * Counts one attempt if the window has room, in the same atomic step as the check: concurrent callers can
   * never get more than `limit` attempts through. A refused attempt is not counted.
   */
  reserve(rule: RateLimitRule): Promise<RateLimitReservation>;
  reset(key: string): Promise<void>;
}

export type ReserveAllResult =
  { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterMs: number };

/**
 * Reserves one attempt under every rule, in order, stopping at the first that refuses and giving back what the
 * earlier ones granted. List the narrowest rule first: an attempt it refuses never touches the broader ones.
 */
export async function reserveAll(limiter: RateLimiter, rules: RateLimitRule[]): Promise<ReserveAllResult> {
  const granted: RateLimitReservation[] = [];
  const releaseGranted = async () => {
    await Promise.all(granted.map((reservation) => reservation.release()));
  };
  for (const rule of rules) {
    const reservation = await limiter.reserve(rule);
    if (!reservation.allowed) {
      await releaseGranted();
      return { allowed: false, retryAfterMs: reservation.retryAfterMs };
    }
    granted.push(reservation);
  }
  return { allowed: true, release: releaseGranted };
}
