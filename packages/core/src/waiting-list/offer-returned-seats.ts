import { schema, type Database } from "@frontrow/db";
import { runOfferReturned, type OfferSource, type Redis } from "@frontrow/redis";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { eventLifecycleStatus } from "@frontrow/validators";
import type { Clock } from "../clock";
import { runWithInventory } from "../holds/ensure-inventory-loaded";
import { newHoldId } from "../holds/hold-id";

const { events, waitingListEntries, outbox } = schema;

/** What `eventLifecycleStatus` reads of an event: the list takes joins and makes offers only while it sells. */
export const lifecycleColumns = {
  status: events.status,
  onSaleAt: events.onSaleAt,
  startsAt: events.startsAt,
  salesEndAt: events.salesEndAt,
};

export interface OfferDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
}

/** How many of the list's first waiting entries one step considers (a step rarely frees more than a few orders). */
const CANDIDATES_PER_STEP = 50;

/** Waiting entries in line order, with their requests. */
async function readCandidates(db: Database, eventId: string) {
  return db
    .select({
      entryId: waitingListEntries.id,
      userId: waitingListEntries.userId,
      quantity: waitingListEntries.quantity,
      sectionId: waitingListEntries.sectionId,
      tierId: waitingListEntries.tierId,
    })
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.eventId, eventId), eq(waitingListEntries.status, "waiting")))
    .orderBy(asc(waitingListEntries.place))
    .limit(CANDIDATES_PER_STEP);
}

export type OfferOutcome =
  | { kind: "done"; offers: Array<{ entryId: string; holdId: string; userId: string }> }
  | { kind: "not_expired"; expiresAtMs: number }
  | { kind: "gone" | "checking_out" | "paused" };

/**
 * Puts seats back on sale and, in the same Redis step, holds them for the first fans of the event's waiting list
 * whose request they fit (see lua/offer-returned-14.lua). Postgres is the list's truth: the candidates are read from
 * it first, and each offer made is recorded on its entry afterwards (with a mail in the outbox). An entry that left
 * the list between the two has its offer withdrawn, which hands the seats to the next fan the same way.
 * With the waiting list off (or empty), or the event's sales over, this only returns the seats.
 */
export async function offerReturnedSeats(
  deps: OfferDeps,
  input: { eventId: string; source: OfferSource },
): Promise<OfferOutcome> {
  const [event] = await deps.db
    .select({
      enabled: events.waitingListEnabled,
      minutes: events.waitingListOfferMinutes,
      perFanLimit: events.perFanLimit,
      ...lifecycleColumns,
    })
    .from(events)
    .where(eq(events.id, input.eventId));
  if (!event) return { kind: "gone" };
  // An event that ended or was cancelled (whose refunds return every seat) offers nothing: the seats just return.
  const lifecycle = eventLifecycleStatus(event, deps.clock.now());
  const offering = event.enabled && (lifecycle === "on_sale" || lifecycle === "paused");
  const offers: Array<{ entryId: string; holdId: string; userId: string }> = [];
  let source = input.source;
  // A withdrawn offer hands its seats on: at most a few rounds, each over a fresh read of the list.
  for (let round = 0; round < 5; round++) {
    const candidates = offering ? await readCandidates(deps.db, input.eventId) : [];
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + event.minutes * 60_000);
    const byHold = new Map<string, string>();
    const args = {
      eventId: input.eventId,
      nowMs: now.getTime(),
      perFanLimit: event.perFanLimit,
      offerExpiresAtMs: expiresAt.getTime(),
      source,
      candidates: candidates.map((candidate) => {
        const holdId = newHoldId(input.eventId);
        byHold.set(holdId, candidate.userId);
        return { ...candidate, sectionId: candidate.sectionId ?? "", tierId: candidate.tierId ?? "", holdId };
      }),
    };
    const result = await runWithInventory(deps, input.eventId, () => runOfferReturned(deps.redis, args));
    if (!result.ok) {
      if (result.reason === "NOT_EXPIRED") return { kind: "not_expired", expiresAtMs: result.expiresAtMs };
      if (result.reason === "NOT_LOADED") throw new Error(`the inventory of event ${input.eventId} could not be loaded into Redis`);
      return { kind: result.reason === "CHECKING_OUT" ? "checking_out" : result.reason === "PAUSED" ? "paused" : "gone" };
    }
    const withdrawn: string[] = [];
    for (const offer of result.offers) {
      const [recorded] = await deps.db
        .update(waitingListEntries)
        .set({ status: "offered", holdId: offer.holdId, offeredAt: now, offerExpiresAt: expiresAt, updatedAt: now })
        .where(and(eq(waitingListEntries.id, offer.entryId), eq(waitingListEntries.status, "waiting")))
        .returning({ id: waitingListEntries.id });
      if (recorded) offers.push({ ...offer, userId: byHold.get(offer.holdId)! });
      else withdrawn.push(offer.holdId);
    }
    if (offers.length > 0) {
      await deps.db.insert(outbox).values(
        offers.map((offer) => ({
          topic: "waiting_list.offer",
          payload: { entryId: offer.entryId },
          availableAt: now,
        })),
      );
    }
    if (withdrawn.length === 0) return { kind: "done", offers };
    // The fan left the list while the step ran: give the seats to the next one (each withdrawal is one step).
    for (const holdId of withdrawn.slice(1)) {
      await offerReturnedSeats(deps, { eventId: input.eventId, source: { mode: "decline", holdId, userId: byHold.get(holdId)! } });
    }
    source = { mode: "decline", holdId: withdrawn[0]!, userId: byHold.get(withdrawn[0]!)! };
  }
  return { kind: "done", offers };
}

/** The entries whose offer's time to pay is over, oldest first. */
export async function dueOffers(db: Database, now: Date, limit = 100) {
  return db
    .select({ entryId: waitingListEntries.id, eventId: waitingListEntries.eventId, holdId: waitingListEntries.holdId })
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.status, "offered"), lte(waitingListEntries.offerExpiresAt, now)))
    .orderBy(asc(waitingListEntries.offerExpiresAt))
    .limit(limit);
}

/**
 * Ends one offer whose time ran out: its seats go to the next fitting fan in the same step, and the entry is marked
 * expired. Safe from several instances at once: only the step that releases the hold marks it.
 */
export async function expireOffer(deps: OfferDeps, offer: { entryId: string; eventId: string; holdId: string }) {
  const outcome = await offerReturnedSeats(deps, { eventId: offer.eventId, source: { mode: "expire", holdId: offer.holdId } });
  const now = deps.clock.now();
  if (outcome.kind === "not_expired") {
    // Sales were paused meanwhile, which moved the hold's expiry: the entry follows it.
    await deps.db
      .update(waitingListEntries)
      .set({ offerExpiresAt: new Date(outcome.expiresAtMs), updatedAt: now })
      .where(and(eq(waitingListEntries.id, offer.entryId), eq(waitingListEntries.status, "offered")));
  } else if (outcome.kind === "done" || outcome.kind === "gone") {
    // Gone: bought (the sale marked it purchased already) or lost with Redis; either way this offer is over.
    await deps.db
      .update(waitingListEntries)
      .set({ status: "expired", updatedAt: now })
      .where(and(eq(waitingListEntries.id, offer.entryId), eq(waitingListEntries.status, "offered"), eq(waitingListEntries.holdId, offer.holdId)));
  }
  return outcome;
}

/** Marks the entries whose offers were bought (called inside the sale's transaction). */
export function markOffersPurchased(db: Pick<Database, "update">, entryIds: string[], now: Date) {
  return db
    .update(waitingListEntries)
    .set({ status: "purchased", updatedAt: now })
    .where(and(inArray(waitingListEntries.id, entryIds), eq(waitingListEntries.status, "offered")));
}
