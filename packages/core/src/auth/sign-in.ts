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
 * checked; a successful sign-in gives its slots back, so successful sign-ins never count.
 */
export interface SignInLimits {
  perAccount: { limit: number; windowMs: number };
  perIp: { limit: number; windowMs: number };
}

export const defaultSignInLimits: SignInLimits = {
  perAccount: { limit: 5, windowMs: FIFTEEN_MINUTES },
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
  const accountKey = keys.loginFailuresByAccount(input.email);
  // The attempt is counted in the same atomic step that checks the limit, before the password is checked, so
  // concurrent or batched guesses cannot all pass the check before any of them is recorded.
  const reservation = await reserveAll(deps.rateLimiter, [
    { key: accountKey, ...limits.perAccount },
    { key: keys.loginFailuresByIp(input.ip), ...limits.perIp },
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
    // The reserved attempts stay: this failure counts.
    // One message for an unknown email and a wrong password, so accounts cannot be enumerated.
    throw new DomainError("INVALID_CREDENTIALS", "Email or password is incorrect");
  }

  // A successful sign-in never counts, and forgives the account's earlier failures.
  await reservation.release();
  await deps.rateLimiter.reset(accountKey);
  const token = generateSessionToken();
  const session = await createSession(deps, { token, userId: user.id });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session, token };
}
