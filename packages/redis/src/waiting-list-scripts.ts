import type { Redis } from "./client";
import { CHANGE_STREAM_MAX_LEN, seatChangesChannel } from "./hold-scripts";
import { keys } from "./keys";
import { scripts, type OfferReturnedResult } from "./lua-scripts";

/** What comes back on sale in an offer step (see lua/offer-returned-14.lua). */
export type OfferSource =
  | {
      mode: "order";
      orderId: string;
      userId: string;
      seats: Array<{ seatId: string; sectionId: string; tierId: string }>;
      generalAdmission: Array<{ sectionId: string; quantity: number; tierId: string }>;
      /** The order's accepted ticket transfers, undone in the bought counts before its own count goes. */
      transfers?: Array<{ transferId: string; fromUserId: string; toUserId: string }>;
    }
  | { mode: "resale"; seats: Array<{ seatId: string; sectionId: string; tierId: string }> }
  | { mode: "unblock"; seats: Array<{ seatId: string; sectionId: string; tierId: string }> }
  | { mode: "expire"; holdId: string }
  | { mode: "decline"; holdId: string; userId: string }
  | { mode: "none" };

export interface OfferCandidate {
  entryId: string;
  userId: string;
  quantity: number;
  /** "" = any section. */
  sectionId: string;
  /** "" = any price tier. */
  tierId: string;
  /** The hold id the offer gets if it is made. */
  holdId: string;
}

/**
 * Puts seats back on sale and holds them for the first candidates they fit, in one step (lua/offer-returned-14.lua).
 */
export function runOfferReturned(
  redis: Redis,
  args: {
    eventId: string;
    nowMs: number;
    perFanLimit: number;
    offerExpiresAtMs: number;
    source: OfferSource;
    candidates: OfferCandidate[];
  },
): Promise<OfferReturnedResult> {
  const { source } = args;
  return scripts.offerReturned(
    redis,
    {
      ...keys.eventInventory(args.eventId),
      wlPool: keys.waitingListPool(args.eventId),
      wlOffered: keys.waitingListOffers(args.eventId),
      salesPaused: keys.salesPaused(args.eventId),
    },
    {
      channel: seatChangesChannel(redis, args.eventId),
      streamMaxLen: CHANGE_STREAM_MAX_LEN,
      nowMs: args.nowMs,
      perFanLimit: args.perFanLimit,
      offerExpiresAtMs: args.offerExpiresAtMs,
      mode: source.mode,
      holdId: source.mode === "expire" || source.mode === "decline" ? source.holdId : "",
      orderId: source.mode === "order" ? source.orderId : "",
      userId: source.mode === "order" || source.mode === "decline" ? source.userId : "",
      seats: source.mode === "order" || source.mode === "unblock" || source.mode === "resale" ? source.seats : [],
      generalAdmission: source.mode === "order" ? source.generalAdmission : [],
      transfers: source.mode === "order" ? (source.transfers ?? []) : [],
      candidates: args.candidates,
    },
  );
}
