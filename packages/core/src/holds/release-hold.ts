import { runReleaseHold } from "@frontrow/redis";
import { DomainError } from "../errors";
import { declineOffer } from "../waiting-list/leave-waiting-list";
import type { OfferDeps } from "../waiting-list/offer-returned-seats";
import { eventIdOfHold } from "./hold-id";

/**
 * Gives a fan's hold back at once; every map sees the seats available. A waiting-list offer is declined instead:
 * its seats go to the next fan whose request they fit, in the same step.
 */
export async function releaseHold(deps: OfferDeps, input: { holdId: string; userId: string }): Promise<void> {
  const eventId = eventIdOfHold(input.holdId);
  const result = await runReleaseHold(deps.redis, { eventId, holdId: input.holdId, userId: input.userId });
  if (result.ok) return;
  if (result.reason === "OFFER") return declineOffer(deps, { eventId, holdId: input.holdId, userId: input.userId });
  if (result.reason === "CHECKING_OUT") {
    throw new DomainError("HOLD_EXPIRED", "This hold is being paid for and can no longer be released");
  }
  throw new DomainError("HOLD_NOT_FOUND", "This hold does not exist or has expired");
}
