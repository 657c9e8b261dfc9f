import { schema } from "@frontrow/db";
import { and, eq } from "drizzle-orm";
import { offerReturnedSeats, type OfferDeps } from "./offer-returned-seats";
import { getWaitingListStatus, openEntryOf, type WaitingListStatus } from "./waiting-list-status";

const { waitingListEntries } = schema;

/**
 * A fan gives up an offer: its seats go to the next fan whose request they fit, in the step that releases them, and
 * the entry leaves the list. An offer being paid for stays (the payment decides).
 */
export async function declineOffer(deps: OfferDeps, input: { eventId: string; holdId: string; userId: string }) {
  const outcome = await offerReturnedSeats(deps, { eventId: input.eventId, source: { mode: "decline", ...input } });
  // Gone: lost with Redis, or bought (the sale marked the entry purchased, which this leaves alone).
  if (outcome.kind === "done" || outcome.kind === "gone") {
    await deps.db
      .update(waitingListEntries)
      .set({ status: "left", updatedAt: deps.clock.now() })
      .where(and(eq(waitingListEntries.holdId, input.holdId), eq(waitingListEntries.status, "offered")));
  }
}

/** Takes the fan off the event's waiting list; an offer they hold is declined (unless it is being paid for). */
export async function leaveWaitingList(
  deps: OfferDeps,
  input: { eventId: string; userId: string },
): Promise<WaitingListStatus> {
  const [entry] = await deps.db
    .select({ id: waitingListEntries.id, status: waitingListEntries.status, holdId: waitingListEntries.holdId })
    .from(waitingListEntries)
    .where(openEntryOf(input));
  if (entry?.status === "offered" && entry.holdId) {
    await declineOffer(deps, { eventId: input.eventId, holdId: entry.holdId, userId: input.userId });
  } else if (entry) {
    await deps.db
      .update(waitingListEntries)
      .set({ status: "left", updatedAt: deps.clock.now() })
      .where(and(eq(waitingListEntries.id, entry.id), eq(waitingListEntries.status, "waiting")));
  }
  return getWaitingListStatus(deps, input);
}
