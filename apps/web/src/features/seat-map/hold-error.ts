import { TRPCClientError } from "@trpc/client";
import { describeError, rateLimitMessage } from "../../lib/errors";

export const WAITING_ROOM_MESSAGE = "This on-sale uses a waiting room. Join the queue to shop.";

export interface HoldFailure {
  /** What to tell the fan (not used for "taken" seats, which the caller names itself). */
  message: string;
  /** Seats the server says blocked the hold (SEAT_UNAVAILABLE), by id and by index in layout `layoutVersion`. */
  taken: { seatIds: string[]; seatIndexes: number[]; layoutVersion?: string };
  /** The map the seats were picked on is out of date (LAYOUT_CHANGED): load it again. */
  layoutChanged?: boolean;
  seatUnavailable: boolean;
  /** The session is gone: send the fan to sign in. */
  signIn: boolean;
  /** No valid access pass (none yet, or it expired): send the fan to the waiting room. */
  waitingRoom?: boolean;
}

/** Reads a failed `holds.create` into something the page can say and do. */
export function holdFailure(error: unknown): HoldFailure {
  const info = describeError(error);
  const data =
    error instanceof TRPCClientError
      ? (error.data as { seatIds?: unknown; seatIndexes?: unknown; layoutVersion?: unknown } | undefined)
      : undefined;
  const taken = {
    seatIds: Array.isArray(data?.seatIds) ? data.seatIds.filter((id): id is string => typeof id === "string") : [],
    seatIndexes: Array.isArray(data?.seatIndexes)
      ? data.seatIndexes.filter((index): index is number => Number.isSafeInteger(index))
      : [],
    ...(typeof data?.layoutVersion === "string" ? { layoutVersion: data.layoutVersion } : {}),
  };
  const failure: HoldFailure = { message: info.message, taken, seatUnavailable: false, signIn: false };
  switch (info.domainCode) {
    case "LAYOUT_CHANGED":
      return { ...failure, message: "The seat map changed while you were choosing. Here is the new one: pick your seats again.", layoutChanged: true };
    case "SEAT_UNAVAILABLE":
      return { ...failure, seatUnavailable: true };
    case "LIMIT_EXCEEDED":
    case "CLIENT_LIMIT_EXCEEDED":
    case "LEAVES_SINGLE_SEAT":
      return failure; // the server's message names the limit, or the seat that would be left alone
    case "NOT_ADMITTED":
      return { ...failure, message: WAITING_ROOM_MESSAGE, waitingRoom: true };
    case "NOT_ON_SALE":
      return { ...failure, message: "Tickets for this event are not on sale right now." };
    case "RATE_LIMITED":
      return { ...failure, message: rateLimitMessage(info.retryAfterMs) };
  }
  if (info.code === "UNAUTHORIZED") return { ...failure, message: "Sign in to hold seats.", signIn: true };
  if (info.code === "TOO_MANY_REQUESTS") return { ...failure, message: rateLimitMessage(info.retryAfterMs) };
  if (info.network) {
    return { ...failure, message: "We couldn't reach Frontrow. Check your connection and try again." };
  }
  if (info.code === "BAD_REQUEST") {
    return {
      ...failure,
      message: info.formErrors[0] ?? "That request wasn't quite right. Please try again.",
    };
  }
  return { ...failure, message: "Something went wrong on our side. Please try again." };
}
