import type { Redis } from "./client";
import { keys } from "./keys";

/** Changes as published on the event's channel and stored in its stream. */
export type SeatChange = { seatId: string; status: "available" | "held" | "sold" | "blocked" };
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
   * seat the hold could leave alone (see hold-seats-13.lua). Empty or unset: the rule is off.
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

export type HoldSeatsResult =
  | { ok: true; seq: number }
  | { ok: false; reason: "SEAT_UNAVAILABLE"; blockedIds: string[] }
  | { ok: false; reason: "LIMIT_EXCEEDED"; alreadyCounted: number }
  | { ok: false; reason: "ORPHAN" }
  | { ok: false; reason: "STRANDS_SEAT"; seatId: string }
  | { ok: false; reason: "NOT_LOADED" }
  | { ok: false; reason: "NOT_ADMITTED" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterMs: number }
  | { ok: false; reason: "CLIENT_LIMIT_EXCEEDED"; heldFromClient: number };

export async function runHoldSeats(redis: Redis, args: HoldSeatsArgs): Promise<HoldSeatsResult> {
  const clientIp = args.clientIp ?? "";
  const reply = await redis.holdSeats(
    ...keys.holdKeys(args.eventId),
    keys.queueKeys(args.eventId)[5],
    keys.holdAttemptsByFan(args.eventId, args.userId),
    keys.holdAttemptsByIp(args.eventId, clientIp),
    args.holdId,
    args.userId,
    args.nowMs,
    args.expiresAtMs,
    args.perFanLimit,
    seatChangesChannel(redis, args.eventId),
    CHANGE_STREAM_MAX_LEN,
    args.seatIds.length,
    ...args.seatIds,
    args.generalAdmission.length,
    ...args.generalAdmission.flatMap((item) => [item.sectionId, item.quantity]),
    args.orphanGuards.length,
    ...args.orphanGuards.flat(),
    args.strandChecks?.length ?? 0,
    ...(args.strandChecks ?? []).flat(),
    args.mustBeShopping ? 1 : 0,
    clientIp,
    args.clientCap ?? 0,
    args.attempts?.perFan ?? 0,
    args.attempts?.perClient ?? 0,
    args.attempts?.windowMs ?? 60_000,
    args.attempts?.attemptId ?? args.holdId,
  );
  const [status, ...rest] = reply;
  switch (status) {
    case "OK":
      return { ok: true, seq: Number(rest[0]) };
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
      throw new Error(`holdSeats answered ${String(status)}`);
  }
}

export type ReleaseHoldResult = { ok: true; seq: number } | { ok: false; reason: "HOLD_NOT_FOUND" | "CHECKING_OUT" };

export async function runReleaseHold(
  redis: Redis,
  args: { eventId: string; holdId: string; userId: string },
): Promise<ReleaseHoldResult> {
  const [status, seq] = await redis.releaseHold(
    ...keys.holdKeys(args.eventId),
    args.holdId,
    args.userId,
    seatChangesChannel(redis, args.eventId),
    CHANGE_STREAM_MAX_LEN,
  );
  if (status === "OK") return { ok: true, seq: Number(seq) };
  if (status === "HOLD_NOT_FOUND" || status === "CHECKING_OUT") return { ok: false, reason: status };
  throw new Error(`releaseHold answered ${String(status)}`);
}

export async function runExpireHolds(
  redis: Redis,
  args: { eventId: string; nowMs: number; checkoutGraceMs: number; maxHolds: number },
): Promise<{ seq: number; releasedHoldIds: string[] }> {
  const [seq, ...released] = await redis.expireHolds(
    ...keys.holdKeys(args.eventId),
    keys.salesPaused(args.eventId),
    args.nowMs,
    args.checkoutGraceMs,
    args.maxHolds,
    seatChangesChannel(redis, args.eventId),
    CHANGE_STREAM_MAX_LEN,
  );
  return { seq: Number(seq), releasedHoldIds: released };
}

/**
 * Starts a pause of the event's sales in Redis: from now on the sweeper releases none of its holds. A second call
 * keeps the first start.
 */
export async function runPauseHolds(redis: Redis, args: { eventId: string; nowMs: number }): Promise<void> {
  await redis.set(keys.salesPaused(args.eventId), args.nowMs, "NX");
}

/** Ends a pause: every hold's expiry moves by the pause's length, in one step (see lua/resume-holds-11.lua). */
export async function runResumeHolds(
  redis: Redis,
  args: { eventId: string; nowMs: number },
): Promise<{ pauseMs: number; holdsMoved: number }> {
  const [pauseMs, holdsMoved] = await redis.resumeHolds(
    ...keys.holdKeys(args.eventId),
    keys.salesPaused(args.eventId),
    args.nowMs,
  );
  return { pauseMs: Number(pauseMs), holdsMoved: Number(holdsMoved) };
}

export interface InventorySnapshot {
  eventId: string;
  /** Reserved seats that are not for sale: sold or blocked. */
  unavailableSeats: Array<{ seatId: string; status: "sold" | "blocked" }>;
  /** General-admission sections and how many of their places are neither sold nor blocked. */
  generalAdmission: Array<{ sectionId: string; available: number }>;
  /** Orders with valid tickets, whose sum per fan is that fan's bought count. */
  orders: Array<{ orderId: string; userId: string; tickets: number }>;
  nowMs: number;
}

/** Loads Postgres's view of sold/blocked inventory and bought tickets into Redis unless it is there already. */
export async function runLoadInventory(redis: Redis, inventory: InventorySnapshot): Promise<boolean> {
  const loaded = await redis.loadInventory(
    ...keys.holdKeys(inventory.eventId),
    inventory.nowMs * 1000,
    inventory.unavailableSeats.length,
    ...inventory.unavailableSeats.flatMap((seat) => [seat.seatId, seat.status === "sold" ? "s" : "b"]),
    inventory.generalAdmission.length,
    ...inventory.generalAdmission.flatMap((section) => [section.sectionId, section.available]),
    inventory.orders.length,
    ...inventory.orders.flatMap((order) => [order.orderId, order.userId, order.tickets]),
  );
  return loaded === 1;
}

/** A hold as stored in Redis. */
export interface StoredHold {
  userId: string;
  seatIds: string[];
  generalAdmission: Array<{ sectionId: string; quantity: number }>;
  expiresAtMs: number;
  status: "active" | "checkout";
  /** The client address it was made from (holds made before addresses were recorded have none). */
  clientIp?: string;
}

export function parseStoredHold(json: string): StoredHold {
  const raw = JSON.parse(json) as {
    u: string;
    s: string[] | object;
    g: Record<string, number>;
    e: number;
    st: "active" | "checkout";
    ip?: string;
  };
  return {
    ...(raw.ip ? { clientIp: raw.ip } : {}),
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

export async function runBeginCheckout(
  redis: Redis,
  args: { eventId: string; holdId: string; userId: string; nowMs: number; graceMs: number; takeOver?: boolean },
): Promise<BeginCheckoutResult> {
  const [status, json] = await redis.beginCheckout(
    ...keys.holdKeys(args.eventId),
    args.holdId,
    args.userId,
    args.nowMs,
    args.graceMs,
    args.takeOver ? 1 : 0,
  );
  if (status === "OK") return { ok: true, hold: parseStoredHold(json!) };
  if (status === "CHECKING_OUT") return { ok: false, reason: status, hold: parseStoredHold(json!) };
  if (status === "HOLD_NOT_FOUND" || status === "HOLD_EXPIRED") return { ok: false, reason: status };
  throw new Error(`beginCheckout answered ${String(status)}`);
}

export async function runAbortCheckout(redis: Redis, args: { eventId: string; holdId: string }): Promise<boolean> {
  return (await redis.abortCheckout(...keys.holdKeys(args.eventId), args.holdId)) === 1;
}

export async function runCompleteCheckout(
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
  },
): Promise<number> {
  return Number(
    await redis.completeCheckout(
      ...keys.holdKeys(args.eventId),
      args.holdId,
      args.orderId,
      args.userId,
      seatChangesChannel(redis, args.eventId),
      CHANGE_STREAM_MAX_LEN,
      args.onlyWhileHeld ? 1 : 0,
      args.seatIds.length,
      ...args.seatIds,
      args.generalAdmission.length,
      ...args.generalAdmission.flatMap((item) => [item.sectionId, item.quantity]),
    ),
  );
}

/**
 * Puts a refunded order's seats and GA places back on sale in Redis, takes its tickets off the fan's bought count
 * and publishes the change.
 */
export async function runReturnSeats(
  redis: Redis,
  args: {
    eventId: string;
    orderId: string;
    userId: string;
    seatIds: string[];
    generalAdmission: Array<{ sectionId: string; quantity: number }>;
  },
): Promise<number> {
  return Number(
    await redis.returnSeats(
      ...keys.holdKeys(args.eventId),
      seatChangesChannel(redis, args.eventId),
      CHANGE_STREAM_MAX_LEN,
      args.orderId,
      args.userId,
      args.seatIds.length,
      ...args.seatIds,
      args.generalAdmission.length,
      ...args.generalAdmission.flatMap((item) => [item.sectionId, item.quantity]),
    ),
  );
}
