import { keys } from "@frontrow/redis";
import { DomainError } from "../errors";
import type { EventLayoutCache } from "../holds/event-layout";
import { reserveAll, type RateLimiter } from "../rate-limit/rate-limiter";
import { activeRules, defaultAbuseLimits, retryIn, type AbuseLimits } from "./abuse-limits";
import type { ProofOfWork } from "./proof-of-work";

export interface AbuseGuardDeps {
  rateLimiter: RateLimiter;
  /** `defaultAbuseLimits` when unset. */
  abuseLimits?: AbuseLimits;
  /** Unset: no proof-of-work is asked for (tests of other things, tools). */
  proofOfWork?: ProofOfWork;
}

async function reserveOrRefuse(deps: AbuseGuardDeps, rules: Parameters<typeof activeRules>[0], what: string) {
  const reservation = await reserveAll(deps.rateLimiter, activeRules(rules));
  if (!reservation.allowed) {
    throw new DomainError("RATE_LIMITED", `Too many ${what} from your network: try again in ${retryIn(reservation.retryAfterMs)}`, {
      retryAfterMs: reservation.retryAfterMs,
    });
  }
}

/**
 * Before an account is created: counts the sign-up against its address (every attempt counts, taken emails
 * included) and spends the browser's solved challenge when sign-ups need one.
 */
export async function guardRegistration(deps: AbuseGuardDeps, input: { ip: string; proofOfWork?: string }): Promise<void> {
  const limits = deps.abuseLimits ?? defaultAbuseLimits;
  await reserveOrRefuse(deps, [{ key: keys.registrationsByIp(input.ip), ...limits.registrationsPerIp }], "sign-ups");
  if (deps.proofOfWork?.onRegister) await deps.proofOfWork.spend(input.proofOfWork, { kind: "register" });
}

/**
 * Before a fan joins a waiting room: counts the request against the fan and the address, and on a high-demand
 * event spends the browser's solved challenge (one per join).
 */
export async function guardQueueJoin(
  deps: AbuseGuardDeps & { layouts: EventLayoutCache },
  input: { eventId: string; userId: string; ip: string; proofOfWork?: string },
): Promise<void> {
  const limits = deps.abuseLimits ?? defaultAbuseLimits;
  // An unknown event is refused (NOT_FOUND) before anything is counted: no keys for events that do not exist.
  const layout = await deps.layouts.get(input.eventId);
  await reserveOrRefuse(
    deps,
    [
      { key: keys.queueJoinsByFan(input.eventId, input.userId), ...limits.queueJoinsPerFan },
      { key: keys.queueJoinsByIp(input.eventId, input.ip), ...limits.queueJoinsPerIp },
    ],
    "waiting-room requests",
  );
  if (deps.proofOfWork && layout.event.highDemand) {
    await deps.proofOfWork.spend(input.proofOfWork, { kind: "queue", eventId: input.eventId });
  }
}

/** Whether a request needs a solved challenge, and a fresh one if so (the web app's widget solves it unseen). */
export async function proofOfWorkChallenge(
  deps: Pick<AbuseGuardDeps, "proofOfWork"> & { layouts: EventLayoutCache },
  input: { eventId?: string },
) {
  const pow = deps.proofOfWork;
  if (!pow) return { required: false as const };
  if (input.eventId === undefined) {
    return pow.onRegister ? { required: true as const, challenge: await pow.challenge({ kind: "register" }) } : { required: false as const };
  }
  const layout = await deps.layouts.get(input.eventId);
  if (!layout.event.highDemand) return { required: false as const };
  return { required: true as const, challenge: await pow.challenge({ kind: "queue", eventId: input.eventId }) };
}
