import { TRPCClientError } from "@trpc/client";
import { describeError, rateLimitMessage } from "../../../lib/errors";
import type { EventDraft } from "./event-draft";
import { keyForServerField, type FieldErrors } from "./validate-event-draft";

/** The field a refused save names in `error.data.field` ("onSaleAt", "tiers", "waitingRoom"), if any. */
function refusedField(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const field = (error.data as { field?: unknown } | null | undefined)?.field;
  return typeof field === "string" && field !== "" ? field : null;
}

/**
 * What a failed save says, placed where it belongs: next to the fields it names (zod field errors, or a domain
 * error's `data.field`), and a message for the top of the form.
 */
export function describeSaveError(
  error: unknown,
  draft: EventDraft,
): { fieldErrors: FieldErrors; message: string } {
  const info = describeError(error);
  const fieldErrors: FieldErrors = {};
  for (const [name, messages] of Object.entries(info.fieldErrors)) {
    const key = keyForServerField(name, draft);
    if (key !== "form" && messages[0]) fieldErrors[key] = messages[0];
  }
  const field = refusedField(error);
  if (field) {
    const key = keyForServerField(field, draft);
    if (key !== "form") fieldErrors[key] = info.message;
  }
  const placed = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, message: topMessage(info, placed) };
}

function topMessage(info: ReturnType<typeof describeError>, placed: boolean): string {
  const kept = "Your changes are still here.";
  if (info.network)
    return `We couldn't reach Frontrow, so nothing was saved. ${kept} Check your connection and try again.`;
  if (info.code === "UNAUTHORIZED")
    return `Your session has ended. Sign in again in another tab, then save. ${kept}`;
  if (info.code === "FORBIDDEN") return "Only organizers can change events.";
  if (info.domainCode === "RATE_LIMITED" || info.code === "TOO_MANY_REQUESTS")
    return rateLimitMessage(info.retryAfterMs);
  if (info.domainCode === "NOT_FOUND" || info.code === "NOT_FOUND") return `${info.message}. ${kept}`;
  if (placed) return "The event wasn't saved. Fix the highlighted field and save again.";
  if (info.domainCode === "INVALID_INPUT") return `The event wasn't saved. ${info.message}.`;
  if (info.code === "BAD_REQUEST")
    return info.formErrors[0] ?? "The event wasn't saved: some values were refused.";
  return `Something went wrong on our side, so the event wasn't saved. ${kept} Please try again.`;
}
