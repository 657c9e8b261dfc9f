import { schema, type Database } from "@frontrow/db";
import { keys } from "@frontrow/redis";
import type { LoginInput } from "@frontrow/validators";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { reserveAll, type RateLimiter } from "../rate-limit/rate-limiter";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import type { SignedIn } from "./register-user";
import { createSession, generateSessionToken } from "./session";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Failed sign-ins allowed per window. Each attempt reserves a slot under every rule before the password is
 * checked, atomically with the check, so concurrent or batched guesses cannot slip past a limit; a successful
 * sign-in gives its slots back, so successful sign-ins never count.
 */
export interface SignInLimits {
  /** One account from one address: the strict limit on guessing a password. */
  perAccountAndIp: { limit: number; windowMs: number };
  /**
   * One account from every address: a loose backstop against a guessing botnet. Loose on purpose: anyone can
   * fail on anyone's account, so a strict account-wide limit would let anyone lock any fan out.
   */
  perAccount: { limit: number; windowMs: number };
  /** One address across every account: stops spraying passwords over many accounts. */
  perIp: { limit: number; windowMs: number };
}

export const defaultSignInLimits: SignInLimits = {
  perAccountAndIp: { limit: 5, windowMs: FIFTEEN_MINUTES },
  perAccount: { limit: 100, windowMs: FIFTEEN_MINUTES },
  // Generous: a box office or a campus NAT puts many honest fans behind one address.
  perIp: { limit: 50, windowMs: FIFTEEN_MINUTES },
};

export interface SignInDeps {
  db: Database;
  clock: Clock;
  rateLimiter: RateLimiter;
  signInLimits?: SignInLimits;
}

export async function signIn(deps: SignInDeps, input: LoginInput & { ip: string }): Promise<SignedIn> {
  const limits = deps.signInLimits ?? defaultSignInLimits;
  // Narrowest first: a guess refused for its (account, address) pair never counts against the account or address.
  const pairKey = keys.loginFailuresByAccountAndIp(input.email, input.ip);
  const reservation = await reserveAll(deps.rateLimiter, [
    { key: pairKey, ...limits.perAccountAndIp },
    { key: keys.loginFailuresByIp(input.ip), ...limits.perIp },
    { key: keys.loginFailuresByAccount(input.email), ...limits.perAccount },
  ]);
  if (!reservation.allowed) {
    throw new DomainError("RATE_LIMITED", "Too many failed sign-in attempts. Try again later.", {
      retryAfterMs: reservation.retryAfterMs,
    });
  }

  const [user] = await deps.db.select().from(schema.users).where(eq(schema.users.email, input.email));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDecoy(input.password);
  if (!user || !valid) {
    // The reserved slots stay: this failure counts.
    // One message for an unknown email and a wrong password, so accounts cannot be enumerated.
    throw new DomainError("INVALID_CREDENTIALS", "Email or password is incorrect");
  }

  await reservation.release();
  // The fan's own earlier typos from this address are forgiven; failures from other addresses are not.
  await deps.rateLimiter.reset(pairKey);
  const token = generateSessionToken();
  const session = await createSession(deps, { token, userId: user.id });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session, token };
}
