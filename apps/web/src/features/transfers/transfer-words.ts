import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { describeError, rateLimitMessage } from "../../lib/errors";

export type Transfer = inferRouterOutputs<AppRouter>["transfers"]["mine"]["incoming"][number];

export const TRANSFER_STATUS: Record<Transfer["status"], string> = {
  pending: "Waiting for the recipient",
  accepted: "Accepted",
  declined: "Declined",
  cancelled: "Cancelled",
  expired: "Expired",
};

/** What to tell the fan when a transfer call fails: the server's refusals are written for fans already. */
export function transferErrorText(error: unknown, fallback: string): string {
  const info = describeError(error);
  if (info.network) return "We couldn't reach Frontrow. Check your connection and try again.";
  if (info.code === "TOO_MANY_REQUESTS") return rateLimitMessage(info.retryAfterMs);
  if (info.domainCode) return info.message;
  const field = Object.values(info.fieldErrors)[0]?.[0] ?? info.formErrors[0];
  return field ?? fallback;
}
