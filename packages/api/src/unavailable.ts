import { isDatabaseUnreachable } from "@frontrow/core";
import { TRPCError } from "@trpc/server";

/**
 * What a client is told when Postgres could not be asked (down, restarting, its connection gone): a 503, since
 * trying again shortly is the right thing to do. A checkout sent again with the same idempotency key is safe: it
 * returns the order if the first one committed, and charges once.
 */
export const UNAVAILABLE_MESSAGE = "Tickets are briefly unavailable. Please try again in a few seconds.";

/** A failure to reach Postgres as the 503 a client can retry (the cause kept for the log); any other error as is. */
export function unavailableIfUnreachable(error: unknown): unknown {
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  if (!isDatabaseUnreachable(error)) return error;
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause });
}
