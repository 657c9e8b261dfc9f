import { TRPCClientError } from "@trpc/client";

/** The innermost `code` of an error's cause chain (ECONNRESET, UND_ERR_SOCKET, …). */
function rootCode(error: unknown): string | undefined {
  let code: string | undefined;
  for (
    let cause = error, depth = 0;
    cause && depth < 6;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const value = (cause as { code?: unknown }).code;
    if (typeof value === "string") code = value;
  }
  return code;
}

/** True for a request that got no answer at all (the instance is gone or too slow), not a refusal. */
export const isNoAnswer = (code: string) => code.startsWith("NETWORK") || code === "TIMEOUT";

/**
 * What a fan was told when a call failed: the domain code (SEAT_UNAVAILABLE, …), else the tRPC code, else
 * TIMEOUT or NETWORK (with the socket error, e.g. NETWORK:ECONNREFUSED) for a request that got no answer.
 */
export function errorCode(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { domainCode?: string; code?: string } | undefined;
    if (data?.domainCode) return data.domainCode;
    if (data?.code) return data.code;
    const cause = error.cause as { name?: string } | undefined;
    if (cause?.name === "TimeoutError") return "TIMEOUT";
    if (cause?.name === "AbortError") return "ABORTED";
    const code = rootCode(error);
    return code ? `NETWORK:${code}` : "NETWORK";
  }
  return "CLIENT_ERROR";
}
