/** Codes of postgres.js and socket errors: a connection to Postgres or Redis went away under a request. */
const CONNECTION_ERROR_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
]);

/** Postgres refusing work while it stops or starts: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SERVER_UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03"]);

/** True for an error that says a connection to a dependency dropped, not that our code is wrong. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONNECTION_ERROR_CODES.has(code);
}

/**
 * True when Postgres could not be asked at all (down, restarting, the connection gone), looking through the
 * error Drizzle wraps around the driver's; false for an answer it gave (a constraint, a syntax error).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || SERVER_UNAVAILABLE_CODES.has(code)))
      return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
