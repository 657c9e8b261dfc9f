import { inventoryKeyNames, waitingRoomKeyNames } from "./keys";
import { list, luaScript, replyArray, unexpectedReply } from "./scripts";

/** The event's channel and stream, where every script that changes inventory publishes. */
const changeFeed = { channel: "string", streamMaxLen: "number" } as const;
const generalAdmission = list({ sectionId: "string", quantity: "number" });

export type HoldSeatsResult =
  /** `resaleSeatIds`: the held seats listed for resale (priced at their listing's price, not the tier's). */
  | { ok: true; seq: number; resaleSeatIds: string[] }
  | { ok: false; reason: "SEAT_UNAVAILABLE"; blockedIds: string[] }
  | { ok: false; reason: "LIMIT_EXCEEDED"; alreadyCounted: number }
  | { ok: false; reason: "ORPHAN" }
  | { ok: false; reason: "STRANDS_SEAT"; seatId: string }
  | { ok: false; reason: "NOT_LOADED" }
  | { ok: false; reason: "NOT_ADMITTED" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterMs: number }
  | { ok: false; reason: "CLIENT_LIMIT_EXCEEDED"; heldFromClient: number };

export type ReleaseHoldResult =
  { ok: true; seq: number } | { ok: false; reason: "HOLD_NOT_FOUND" | "CHECKING_OUT" | "OFFER" };

/** A hold as stored in Redis. */
export interface StoredHold {
  userId: string;
  seatIds: string[];
  generalAdmission: Array<{ sectionId: string; quantity: number }>;
  expiresAtMs: number;
  status: "active" | "checkout";
  /** The client address it was made from (holds made before addresses were recorded have none). */
  clientIp?: string;
  /** A waiting-list offer: the entry it was offered to (see offer-returned-14.lua). */
  waitingListEntryId?: string;
}

export function parseStoredHold(json: string): StoredHold {
  const raw = JSON.parse(json) as {
    u: string;
    s: string[] | object;
    g: Record<string, number>;
    e: number;
    st: "active" | "checkout";
    ip?: string;
    wl?: string;
  };
  return {
    ...(raw.ip ? { clientIp: raw.ip } : {}),
    ...(raw.wl ? { waitingListEntryId: raw.wl } : {}),
    userId: raw.u,
    seatIds: Array.isArray(raw.s) ? raw.s : [],
    generalAdmission: Object.entries(raw.g).map(([sectionId, quantity]) => ({ sectionId, quantity })),
    expiresAtMs: raw.e,
    status: raw.st,
  };
}

export type BeginCheckoutResult =
  | { ok: true; hold: StoredHold }
  | { ok: false; reason: "HOLD_NOT_FOUND" | "HOLD_EXPIRED" }
  | { ok: false; reason: "CHECKING_OUT"; hold: StoredHold };

export type JoinState = "pre_queue" | "waiting" | "admitted";
export interface JoinResult {
  state: JoinState;
  place: number;
  entryId: string;
  ahead: number;
  activeUntilMs: number;
}

export type AdmitResult =
  { fenced: true } | { fenced: false; admitted: number; head: number; waiting: number; active: number };

export type BlockSeatsResult =
  { ok: true; seq: number; changedIds: string[]; refusedIds: string[] } | { ok: false; reason: "NOT_LOADED" };

export type WithdrawResaleResult =
  { ok: true; seq: number } | { ok: false; reason: "HELD"; seatId: string } | { ok: false; reason: "NOT_LOADED" };

export type OfferReturnedResult =
  | { ok: true; seq: number; offers: Array<{ entryId: string; holdId: string }> }
  | { ok: false; reason: "NOT_LOADED" | "GONE" | "CHECKING_OUT" | "PAUSED" }
  | { ok: false; reason: "NOT_EXPIRED"; expiresAtMs: number };

export type AdjustGaCapacityResult =
  { ok: true; seq: number; availableNow: number } | { ok: false; reason: "NOT_LOADED" };

const isOne = (reply: unknown) => reply === 1;

/**
 * Every Lua script of lua/, called by name: `scripts.holdSeats(redis, keys, args)`. Keys and arguments are
 * declared in the order the script reads them (its KEYS and its `-- ARGV:` line); scripts.test.ts holds the two
 * together.
 */
export const scripts = {
  holdSeats: luaScript("hold-seats-14", {
    keys: [...inventoryKeyNames, "active", "fanAttempts", "clientAttempts", "resaleSeats"],
    args: {
      holdId: "string",
      userId: "string",
      nowMs: "number",
      expiresAtMs: "number",
      perFanLimit: "number",
      ...changeFeed,
      seatIds: list("string"),
      generalAdmission,
      orphanGuards: list(["string", "string"]),
      strandChecks: list(["string", "string", "string", "string", "string"]),
      mustBeShopping: "flag",
      clientIp: "string",
      clientCap: "number",
      fanAttempts: "number",
      clientAttempts: "number",
      attemptsWindowMs: "number",
      attemptId: "string",
    },
    reply: (reply): HoldSeatsResult => {
      const [status, ...rest] = replyArray("hold-seats-14", reply);
      switch (status) {
        case "OK":
          return { ok: true, seq: Number(rest[0]), resaleSeatIds: rest.slice(1).map(String) };
        case "SEAT_UNAVAILABLE":
          return { ok: false, reason: status, blockedIds: rest.map(String) };
        case "LIMIT_EXCEEDED":
          return { ok: false, reason: status, alreadyCounted: Number(rest[0]) };
        case "RATE_LIMITED":
          return { ok: false, reason: status, retryAfterMs: Number(rest[0]) };
        case "CLIENT_LIMIT_EXCEEDED":
          return { ok: false, reason: status, heldFromClient: Number(rest[0]) };
        case "STRANDS_SEAT":
          return { ok: false, reason: status, seatId: String(rest[0]) };
        case "ORPHAN":
        case "NOT_LOADED":
        case "NOT_ADMITTED":
          return { ok: false, reason: status };
        default:
          throw unexpectedReply("hold-seats-14", reply);
      }
    },
  }),

  releaseHold: luaScript("release-hold-11", {
    keys: [...inventoryKeyNames, "resaleSeats"],
    args: { holdId: "string", userId: "string", ...changeFeed },
    reply: (reply): ReleaseHoldResult => {
      const [status, seq] = replyArray("release-hold-11", reply);
      if (status === "OK") return { ok: true, seq: Number(seq) };
      if (status === "HOLD_NOT_FOUND" || status === "CHECKING_OUT" || status === "OFFER") return { ok: false, reason: status };
      throw unexpectedReply("release-hold-11", reply);
    },
  }),

  expireHolds: luaScript("expire-holds-12", {
    keys: [...inventoryKeyNames, "salesPaused", "resaleSeats"],
    args: { nowMs: "number", checkoutGraceMs: "number", maxHolds: "number", ...changeFeed },
    reply: (reply) => {
      const [seq, ...released] = replyArray("expire-holds-12", reply);
      return { seq: Number(seq), releasedHoldIds: released.map(String) };
    },
  }),

  resumeHolds: luaScript("resume-holds-11", {
    keys: [...inventoryKeyNames, "salesPaused"],
    args: { nowMs: "number" },
    reply: (reply) => {
      const [pauseMs, holdsMoved] = replyArray("resume-holds-11", reply);
      return { pauseMs: Number(pauseMs), holdsMoved: Number(holdsMoved) };
    },
  }),

  /** Answers whether it loaded (false: the inventory was there already). */
  loadInventory: luaScript("load-inventory-11", {
    keys: [...inventoryKeyNames, "resaleSeats"],
    args: {
      seqStart: "number",
      marks: list({ seatId: "string", mark: "string" }),
      sections: list({ sectionId: "string", available: "number" }),
      orders: list({ orderId: "string", userId: "string", tickets: "number" }),
      transfers: list({ transferId: "string", fromUserId: "string", toUserId: "string", tickets: "number" }),
      resales: list({ listingId: "string", sellerId: "string" }),
      listedSeatIds: list("string"),
    },
    reply: isOne,
  }),

  beginCheckout: luaScript("begin-checkout-10", {
    keys: inventoryKeyNames,
    args: { holdId: "string", userId: "string", nowMs: "number", graceMs: "number", takeOver: "flag" },
    reply: (reply): BeginCheckoutResult => {
      const [status, json] = replyArray("begin-checkout-10", reply);
      if (status === "OK") return { ok: true, hold: parseStoredHold(String(json)) };
      if (status === "CHECKING_OUT")
        return { ok: false, reason: status, hold: parseStoredHold(String(json)) };
      if (status === "HOLD_NOT_FOUND" || status === "HOLD_EXPIRED") return { ok: false, reason: status };
      throw unexpectedReply("begin-checkout-10", reply);
    },
  }),

  /** Answers whether the hold was restored (false: it is gone). */
  abortCheckout: luaScript("abort-checkout-10", {
    keys: inventoryKeyNames,
    args: { holdId: "string" },
    reply: isOne,
  }),

  /** Answers the change's sequence (0 when nothing was published). */
  completeCheckout: luaScript("complete-checkout-11", {
    keys: [...inventoryKeyNames, "resaleSeats"],
    args: {
      holdId: "string",
      orderId: "string",
      userId: "string",
      ...changeFeed,
      onlyWhileHeld: "flag",
      seatIds: list("string"),
      generalAdmission,
      resold: list({ listingId: "string", sellerId: "string" }),
    },
    reply: Number,
  }),

  /** Answers the change's sequence (0 when nothing was published). */
  returnSeats: luaScript("return-seats-10", {
    keys: inventoryKeyNames,
    args: {
      ...changeFeed,
      orderId: "string",
      userId: "string",
      seatIds: list("string"),
      generalAdmission,
      transfers: list({ transferId: "string", fromUserId: "string", toUserId: "string" }),
    },
    reply: Number,
  }),

  /** Answers whether the counts were in Redis to move (false: the next load reads Postgres). */
  transferBought: luaScript("transfer-bought-10", {
    keys: inventoryKeyNames,
    args: { transferId: "string", fromUserId: "string", toUserId: "string", tickets: "number" },
    reply: isOne,
  }),
  offerReturned: luaScript("offer-returned-14", {
    keys: [...inventoryKeyNames, "wlPool", "wlOffered", "salesPaused", "resaleSeats"],
    args: {
      ...changeFeed,
      nowMs: "number",
      perFanLimit: "number",
      offerExpiresAtMs: "number",
      mode: "string",
      holdId: "string",
      orderId: "string",
      userId: "string",
      seats: list({ seatId: "string", sectionId: "string", tierId: "string" }),
      generalAdmission: list({ sectionId: "string", quantity: "number", tierId: "string" }),
      transfers: list({ transferId: "string", fromUserId: "string", toUserId: "string" }),
      candidates: list({
        entryId: "string",
        userId: "string",
        quantity: "number",
        sectionId: "string",
        tierId: "string",
        holdId: "string",
      }),
    },
    reply: (reply): OfferReturnedResult => {
      const [status, ...rest] = replyArray("offer-returned-14", reply);
      switch (status) {
        case "OK": {
          const offers: Array<{ entryId: string; holdId: string }> = [];
          for (let n = 1; n + 1 < rest.length; n += 2) offers.push({ entryId: String(rest[n]), holdId: String(rest[n + 1]) });
          return { ok: true, seq: Number(rest[0]), offers };
        }
        case "NOT_EXPIRED":
          return { ok: false, reason: status, expiresAtMs: Number(rest[0]) };
        case "NOT_LOADED":
        case "GONE":
        case "CHECKING_OUT":
        case "PAUSED":
          return { ok: false, reason: status };
        default:
          throw unexpectedReply("offer-returned-14", reply);
      }
    },
  }),

  withdrawResale: luaScript("withdraw-resale-11", {
    keys: [...inventoryKeyNames, "resaleSeats"],
    args: { ...changeFeed, seatIds: list("string") },
    reply: (reply): WithdrawResaleResult => {
      const [status, value] = replyArray("withdraw-resale-11", reply);
      if (status === "OK") return { ok: true, seq: Number(value) };
      if (status === "HELD") return { ok: false, reason: status, seatId: String(value) };
      if (status === "NOT_LOADED") return { ok: false, reason: status };
      throw unexpectedReply("withdraw-resale-11", reply);
    },
  }),

  blockSeats: luaScript("block-seats-10", {
    keys: inventoryKeyNames,
    args: { ...changeFeed, blocked: "flag", seatIds: list("string") },
    reply: (reply): BlockSeatsResult => {
      const [status, seq, changedCount, ...ids] = replyArray("block-seats-10", reply);
      if (status === "NOT_LOADED") return { ok: false, reason: status };
      if (status !== "OK") throw unexpectedReply("block-seats-10", reply);
      const changed = Number(changedCount);
      return {
        ok: true,
        seq: Number(seq),
        changedIds: ids.slice(0, changed).map(String),
        refusedIds: ids.slice(changed).map(String),
      };
    },
  }),

  adjustGaCapacity: luaScript("adjust-ga-capacity-10", {
    keys: inventoryKeyNames,
    args: { ...changeFeed, sectionId: "string", delta: "number" },
    reply: (reply): AdjustGaCapacityResult => {
      const [status, seq, available] = replyArray("adjust-ga-capacity-10", reply);
      if (status === "NOT_LOADED") return { ok: false, reason: status };
      if (status !== "OK") throw unexpectedReply("adjust-ga-capacity-10", reply);
      return { ok: true, seq: Number(seq), availableNow: Number(available) };
    },
  }),

  queueJoin: luaScript("queue-join-8", {
    keys: waitingRoomKeyNames,
    args: { userId: "string", entryId: "string", nowMs: "number", onSaleAtMs: "number", seed: "string" },
    reply: (reply): JoinResult => {
      const [state, place, entryId, detail] = replyArray("queue-join-8", reply);
      if (state !== "pre_queue" && state !== "waiting" && state !== "admitted") {
        throw unexpectedReply("queue-join-8", reply);
      }
      return {
        state,
        place: Number(place),
        entryId: String(entryId),
        ahead: state === "waiting" ? Number(detail) : 0,
        activeUntilMs: state === "admitted" ? Number(detail) : 0,
      };
    },
  }),

  /** Answers the places given, or -1 when the line had started already. */
  queueStart: luaScript("queue-start-8", {
    keys: waitingRoomKeyNames,
    args: { seed: "string" },
    reply: Number,
  }),

  /** Answers whether the fan was in the pre-queue, the line or shopping. */
  queueLeave: luaScript("queue-leave-8", {
    keys: waitingRoomKeyNames,
    args: { userId: "string" },
    reply: isOne,
  }),

  queueAdmit: luaScript("queue-admit-8", {
    keys: waitingRoomKeyNames,
    args: {
      fenceToken: "number",
      nowMs: "number",
      ratePerMinute: "number",
      maxActive: "number",
      windowMs: "number",
      channel: "string",
      seed: "string",
      onSaleAtMs: "number",
      maxCreditMs: "number",
      tickMs: "number",
    },
    reply: (reply): AdmitResult => {
      const [admitted, head, waiting, active] = replyArray("queue-admit-8", reply).map(Number);
      if (admitted === -1) return { fenced: true };
      return { fenced: false, admitted: admitted!, head: head!, waiting: waiting!, active: active! };
    },
  }),

  /** Answers the holder's fencing token, or 0 when someone else holds the lease. */
  queueLease: luaScript("queue-lease-2", {
    keys: ["lease", "fence"],
    args: { holderId: "string", ttlMs: "number" },
    reply: Number,
  }),

  /** Answers whether the lease was deleted (false: it expired or belongs to someone else now). */
  releaseLease: luaScript("release-lease-1", {
    keys: ["lease"],
    args: { holder: "string" },
    reply: isOne,
  }),

  /** Records `member` only if the window has room. */
  slidingWindow: luaScript("sliding-window-1", {
    keys: ["window"],
    args: { nowMs: "number", windowMs: "number", limit: "number", member: "string" },
    reply: (reply) => {
      const [allowed, count, retryAfterMs] = replyArray("sliding-window-1", reply);
      return { allowed: allowed === 1, count: Number(count), retryAfterMs: Number(retryAfterMs) };
    },
  }),
};
