import type { RateLimitRule } from "../rate-limit/rate-limiter";

const MINUTE = 60_000;

export interface WindowLimit {
  /** Requests allowed per window; 0 turns the limit off. */
  limit: number;
  windowMs: number;
}

/**
 * Limits against bots on on-sale day (docs/security.md: Bots and hoarding). Per fan and per client address; every refusal is
 * TOO_MANY_REQUESTS with the time until a slot frees. The per-event cap on seats held at once per address is an
 * event setting (`heldSeatsPerIp`); `enforceHeldSeatsPerIp` turns it off for a whole server (load tests only).
 */
export interface AbuseLimits {
  registrationsPerIp: WindowLimit;
  holdsPerFan: WindowLimit;
  holdsPerIp: WindowLimit;
  queueJoinsPerFan: WindowLimit;
  queueJoinsPerIp: WindowLimit;
  enforceHeldSeatsPerIp: boolean;
}

export const defaultAbuseLimits: AbuseLimits = {
  // Generous per address: a box office or a campus NAT puts many honest fans behind one.
  registrationsPerIp: { limit: 20, windowMs: 60 * MINUTE },
  // A person picks seats a few times a minute; a script hundreds of times.
  holdsPerFan: { limit: 30, windowMs: MINUTE },
  holdsPerIp: { limit: 300, windowMs: MINUTE },
  queueJoinsPerFan: { limit: 10, windowMs: MINUTE },
  queueJoinsPerIp: { limit: 300, windowMs: MINUTE },
  enforceHeldSeatsPerIp: true,
};

/** Everything off: for load tests, whose hundreds of fans share one address and act faster than people. */
export const relaxedAbuseLimits: AbuseLimits = {
  registrationsPerIp: { limit: 0, windowMs: MINUTE },
  holdsPerFan: { limit: 0, windowMs: MINUTE },
  holdsPerIp: { limit: 0, windowMs: MINUTE },
  queueJoinsPerFan: { limit: 0, windowMs: MINUTE },
  queueJoinsPerIp: { limit: 0, windowMs: MINUTE },
  enforceHeldSeatsPerIp: false,
};

/** The rules of the limits that are on, narrowest first, as `reserveAll` takes them. */
export function activeRules(rules: Array<WindowLimit & { key: string }>): RateLimitRule[] {
  return rules.filter((rule) => rule.limit > 0);
}

/** "Try again in 42 s" / "in 3 min", for a refusal's message. */
export function retryIn(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
