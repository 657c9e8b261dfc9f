import type { AppRouter } from "@frontrow/api";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterError } from "@trpc/server";

/**
 * A domain error code as the API's error formatter sends it (packages/core's DomainErrorCode, mapped to tRPC codes
 * in packages/api's error-mapping): comparing `domainCode` with a code the server does not have fails typecheck.
 */
export type DomainCode = NonNullable<inferRouterError<AppRouter>["data"]["domainCode"]>;

export interface ErrorInfo {
  /** tRPC code, e.g. "NOT_FOUND", "BAD_REQUEST". */
  code: string | null;
  /** Our domain code from `error.data.domainCode`, e.g. "INVALID_CREDENTIALS". */
  domainCode: DomainCode | null;
  httpStatus: number | null;
  message: string;
  /** Server-side validation errors per field (zod, flattened). */
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  retryAfterMs: number | null;
  /** The request never reached the server, or the server is down. */
  network: boolean;
}

interface ErrorData {
  code?: unknown;
  domainCode?: unknown;
  httpStatus?: unknown;
  retryAfterMs?: unknown;
  zodError?: { formErrors?: unknown; fieldErrors?: unknown } | null;
}

function asStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Reads the parts of a tRPC error the UI cares about, tolerating anything thrown. */
export function describeError(error: unknown): ErrorInfo {
  const info: ErrorInfo = {
    code: null,
    domainCode: null,
    httpStatus: null,
    message: error instanceof Error ? error.message : "Something went wrong.",
    fieldErrors: {},
    formErrors: [],
    retryAfterMs: null,
    network: false,
  };
  if (!(error instanceof TRPCClientError)) return info;
  const data = (error.data ?? null) as ErrorData | null;
  if (!data) {
    // No error envelope: fetch failed or the response was not tRPC (proxy error, server down).
    info.network = true;
    return info;
  }
  if (typeof data.code === "string") info.code = data.code;
  // Not checked against a list: a code this build does not know (from a newer server) just matches no case.
  if (typeof data.domainCode === "string") info.domainCode = data.domainCode as DomainCode;
  if (typeof data.httpStatus === "number") info.httpStatus = data.httpStatus;
  if (typeof data.retryAfterMs === "number") info.retryAfterMs = data.retryAfterMs;
  if (data.zodError && typeof data.zodError === "object") {
    info.formErrors = asStringList(data.zodError.formErrors);
    const fields = data.zodError.fieldErrors;
    if (fields && typeof fields === "object") {
      for (const [field, messages] of Object.entries(fields)) {
        const list = asStringList(messages);
        if (list.length > 0) info.fieldErrors[field] = list;
      }
    }
  }
  return info;
}

/** True for "this thing does not exist" errors. */
export function isNotFound(error: unknown): boolean {
  const info = describeError(error);
  return info.domainCode === "NOT_FOUND" || info.code === "NOT_FOUND";
}

/** "Too many attempts. Try again in 12 seconds." */
export function rateLimitMessage(retryAfterMs: number | null): string {
  const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000));
  if (seconds < 90) return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts. Try again in ${minutes} minutes.`;
}
