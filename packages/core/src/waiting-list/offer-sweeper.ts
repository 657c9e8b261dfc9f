import { startBackgroundLoop } from "../background-loop";
import { dueOffers, expireOffer, type OfferDeps } from "./offer-returned-seats";

/** One pass: every offer whose time to pay is over moves to the next fitting fan. Answers the offers ended. */
export async function sweepDueOffers(deps: OfferDeps): Promise<number> {
  let ended = 0;
  for (const offer of await dueOffers(deps.db, deps.clock.now())) {
    if (!offer.holdId) continue;
    const outcome = await expireOffer(deps, { ...offer, holdId: offer.holdId });
    if (outcome.kind === "done") ended++;
  }
  return ended;
}

/**
 * Moves unpaid waiting-list offers down the list: every instance runs one, like the hold sweeper. Each due offer is
 * ended in one Redis step that releases its hold and holds the seats for the next fitting fan; the step finds the
 * hold only once, so instances sweeping together never hand the same seats on twice.
 */
export function startOfferSweeper(
  deps: OfferDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
) {
  const intervalMs = options.intervalMs ?? 1_000;
  return startBackgroundLoop(
    async () => {
      await sweepDueOffers(deps);
      return intervalMs;
    },
    { retryMs: intervalMs, onError: options.onError },
  );
}
