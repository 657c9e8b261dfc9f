import type { Redis } from "./client";
import { keys } from "./keys";
import {
  scripts,
  type BeginCheckoutResult,
  type HoldSeatsResult,
  type ReleaseHoldResult,
  type WithdrawResaleResult,
} from "./lua-scripts";

/** Changes as published on the event's channel and stored in its stream. */
/** "resale": back on sale from a fan's resale listing (free to hold, like "available"). */
export type SeatChange = { seatId: string; status: "available" | "held" | "sold" | "blocked" | "resale" };
export type SectionChange = { sectionId: string; available: number };
export type InventoryChange = SeatChange | SectionChange;
export interface ChangeBatch {
  seq: number;
  changes: InventoryChange[];
}

/** The stream keeps this many recent changes for clients that reconnect; older gaps mean "refetch". */
export const CHANGE_STREAM_MAX_LEN = 10_000;

/** Pub/sub channels are not keys, so the connection's key prefix is added here by hand. */
export function seatChangesChannel(redis: Redis, eventId: string): string {
  return `${redis.options.keyPrefix ?? ""}${keys.seatChangesChannel(eventId)}`;
}

export interface HoldSeatsArgs {
  eventId: string;
  holdId: string;
  userId: string;
  nowMs: number;
  expiresAtMs: number;
  perFanLimit: number;
  seatIds: string[];
  generalAdmission: Array<{ sectionId: string; quantity: number }>;
  /** Best-available only: (neighbour, beyond) pairs that must not leave a single seat stranded. */
  orphanGuards: Array<[neighbour: string, beyond: string]>;
  /**
   * Hand-picked seats under the single-seat rule: (seat, leftNeighbour, leftStop, rightNeighbour, rightStop) per
   * seat the hold could leave alone (see hold-seats-14.lua). Empty or unset: the rule is off.
   */
  strandChecks?: Array<[seat: string, leftNeighbour: string, leftStop: string, rightNeighbour: string, rightStop: string]>;
  /**
   * A waiting-room event: the fan must be an active shopper (in the room's active set, window not ended) in the same
   * step as the hold, so a pass stops working the moment its fan leaves the room.
   */
  mustBeShopping?: boolean;
  /**
   * The client address the request came from: the hold records it, and the seats held at once from one address
   * stay within `clientCap` (0 or unset: no cap, but still counted).
   */
  clientIp?: string;
  clientCap?: number;
  /**
   * Requests allowed per sliding window, counted in the hold's own step: `attemptId` names the request (several
   * best-available tries of one request share it and count once). 0: no limit.
   */
  attempts?: { perFan: number; perClient: number; windowMs: number; attemptId: string };
}

export function runHoldSeats(redis: Redis, args: HoldSeatsArgs): Promise<HoldSeatsResult> {
  const clientIp = args.clientIp ?? "";
  return scripts.holdSeats(
    redis,
    {
      ...keys.eventInventory(args.eventId),
      active: keys.waitingRoom(args.eventId).active,
      fanAttempts: keys.holdAttemptsByFan(args.eventId, args.userId),
      clientAttempts: keys.holdAttemptsByIp(args.eventId, clientIp),
    },
    {
      holdId: args.holdId,
      userId: args.userId,
      nowMs: args.nowMs,
      expiresAtMs: args.expiresAtMs,
      perFanLimit: args.perFanLimit,
      channel: seatChangesChannel(redis, args.eventId),
      streamMaxLen: CHANGE_STREAM_MAX_LEN,
      seatIds: args.seatIds,
      generalAdmission: args.generalAdmission,
      orphanGuards: args.orphanGuards,
      strandChecks: args.strandChecks ?? [],
      mustBeShopping: args.mustBeShopping ?? false,
      clientIp,
      clientCap: args.clientCap ?? 0,
      fanAttempts: args.attempts?.perFan ?? 0,
      clientAttempts: args.attempts?.perClient ?? 0,
      attemptsWindowMs: args.attempts?.windowMs ?? 60_000,
      attemptId: args.attempts?.attemptId ?? args.holdId,
    },
  );
}

export function runReleaseHold(
  redis: Redis,
  args: { eventId: string; holdId: string; userId: string },
): Promise<ReleaseHoldResult> {
  return scripts.releaseHold(redis, keys.eventInventory(args.eventId), {
    holdId: args.holdId,
    userId: args.userId,
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
  });
}

export function runExpireHolds(
  redis: Redis,
  args: { eventId: string; nowMs: number; checkoutGraceMs: number; maxHolds: number },
): Promise<{ seq: number; releasedHoldIds: string[] }> {
  return scripts.expireHolds(
    redis,
    { ...keys.eventInventory(args.eventId), salesPaused: keys.salesPaused(args.eventId) },
    {
      nowMs: args.nowMs,
      checkoutGraceMs: args.checkoutGraceMs,
      maxHolds: args.maxHolds,
      channel: seatChangesChannel(redis, args.eventId),
      streamMaxLen: CHANGE_STREAM_MAX_LEN,
    },
  );
}

/**
 * Starts a pause of the event's sales in Redis: from now on the sweeper releases none of its holds. A second call
 * keeps the first start.
 */
export async function runPauseHolds(redis: Redis, args: { eventId: string; nowMs: number }): Promise<void> {
  await redis.set(keys.salesPaused(args.eventId), args.nowMs, "NX");
}

/** Ends a pause: every hold's expiry moves by the pause's length, in one step (see lua/resume-holds-11.lua). */
export function runResumeHolds(
  redis: Redis,
  args: { eventId: string; nowMs: number },
): Promise<{ pauseMs: number; holdsMoved: number }> {
  return scripts.resumeHolds(
    redis,
    { ...keys.eventInventory(args.eventId), salesPaused: keys.salesPaused(args.eventId) },
    { nowMs: args.nowMs },
  );
}

export interface InventorySnapshot {
  eventId: string;
  /** Reserved seats that are not for sale: sold or blocked. */
  unavailableSeats: Array<{ seatId: string; status: "sold" | "blocked" }>;
  /** General-admission sections and how many of their places are neither sold nor blocked. */
  generalAdmission: Array<{ sectionId: string; available: number }>;
  /** Orders with valid tickets, whose sum per fan is that fan's bought count. */
  orders: Array<{ orderId: string; userId: string; tickets: number }>;
  /** Accepted ticket transfers of those orders, oldest first: each moves tickets from one fan's count to another's. */
  transfers?: Array<{ transferId: string; fromUserId: string; toUserId: string; tickets: number }>;
  /** Sold resale listings of those orders: each takes one ticket off its seller's count. */
  resales?: Array<{ listingId: string; sellerId: string }>;
  /** The seats of the event's open resale listings (for sale again, at the listing's price). */
  listedSeatIds?: string[];
  nowMs: number;
}

/** Loads Postgres's view of sold/blocked inventory and bought tickets into Redis unless it is there already. */
export function runLoadInventory(redis: Redis, inventory: InventorySnapshot): Promise<boolean> {
  return scripts.loadInventory(redis, keys.eventInventory(inventory.eventId), {
    seqStart: inventory.nowMs * 1000,
    marks: inventory.unavailableSeats.map((seat) => ({
      seatId: seat.seatId,
      mark: seat.status === "sold" ? "s" : "b",
    })),
    sections: inventory.generalAdmission,
    orders: inventory.orders,
    transfers: inventory.transfers ?? [],
    resales: inventory.resales ?? [],
    listedSeatIds: inventory.listedSeatIds ?? [],
  });
}

export function runBeginCheckout(
  redis: Redis,
  args: { eventId: string; holdId: string; userId: string; nowMs: number; graceMs: number; takeOver?: boolean },
): Promise<BeginCheckoutResult> {
  return scripts.beginCheckout(redis, keys.eventInventory(args.eventId), {
    holdId: args.holdId,
    userId: args.userId,
    nowMs: args.nowMs,
    graceMs: args.graceMs,
    takeOver: args.takeOver ?? false,
  });
}

export function runAbortCheckout(redis: Redis, args: { eventId: string; holdId: string }): Promise<boolean> {
  return scripts.abortCheckout(redis, keys.eventInventory(args.eventId), { holdId: args.holdId });
}

export function runCompleteCheckout(
  redis: Redis,
  args: {
    eventId: string;
    holdId: string;
    /** The sale's order and fan: its tickets join the fan's bought count once, however often this runs. */
    orderId: string;
    userId: string;
    seatIds: string[];
    generalAdmission: Array<{ sectionId: string; quantity: number }>;
    /** Move seats and GA places only if the hold is still in Redis (a later pass must not move GA counts twice). */
    onlyWhileHeld?: boolean;
    /** Resale listings the sale bought: each takes one ticket off its seller's bought count, once. */
    resold?: Array<{ listingId: string; sellerId: string }>;
  },
): Promise<number> {
  return scripts.completeCheckout(redis, keys.eventInventory(args.eventId), {
    holdId: args.holdId,
    orderId: args.orderId,
    userId: args.userId,
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
    onlyWhileHeld: args.onlyWhileHeld ?? false,
    seatIds: args.seatIds,
    generalAdmission: args.generalAdmission,
    resold: args.resold ?? [],
  });
}

/**
 * A fan withdraws resale listings: their seats, still free, are sold again (refused if anyone holds one).
 */
export function runWithdrawResale(
  redis: Redis,
  args: { eventId: string; seatIds: string[] },
): Promise<WithdrawResaleResult> {
  return scripts.withdrawResale(redis, keys.eventInventory(args.eventId), {
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
    seatIds: args.seatIds,
  });
}

/**
 * Puts a refunded order's seats and GA places back on sale in Redis, takes its tickets off the fan's bought count
 * and publishes the change.
 */
export function runReturnSeats(
  redis: Redis,
  args: {
    eventId: string;
    orderId: string;
    userId: string;
    seatIds: string[];
    generalAdmission: Array<{ sectionId: string; quantity: number }>;
    /** The order's accepted ticket transfers, undone in the bought counts. */
    transfers?: Array<{ transferId: string; fromUserId: string; toUserId: string }>;
  },
): Promise<number> {
  return scripts.returnSeats(redis, keys.eventInventory(args.eventId), {
    channel: seatChangesChannel(redis, args.eventId),
    streamMaxLen: CHANGE_STREAM_MAX_LEN,
    orderId: args.orderId,
    userId: args.userId,
    seatIds: args.seatIds,
    generalAdmission: args.generalAdmission,
    transfers: args.transfers ?? [],
  });
}

/** After an accepted ticket transfer: its tickets move from the sender's bought count to the recipient's, once. */
export function runTransferBought(
  redis: Redis,
  args: { eventId: string; transferId: string; fromUserId: string; toUserId: string; tickets: number },
): Promise<boolean> {
  return scripts.transferBought(redis, keys.eventInventory(args.eventId), {
    transferId: args.transferId,
    fromUserId: args.fromUserId,
    toUserId: args.toUserId,
    tickets: args.tickets,
  });
}

