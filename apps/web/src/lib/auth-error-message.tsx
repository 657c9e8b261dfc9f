import type { ReactNode } from "react";
import { Link } from "react-router";
import { describeError, rateLimitMessage } from "./errors";

/**
 * The message for a failed sign-in / sign-up that isn't about one field.
 * `signInHref` is used to point people with an existing account to the sign-in page.
 */
export function authErrorMessage(error: unknown, signInHref: string): ReactNode {
  const info = describeError(error);
  switch (info.domainCode) {
    case "INVALID_CREDENTIALS":
      return "Email or password is incorrect";
    case "EMAIL_TAKEN":
      return (
        <>
          That email already has an account — <Link to={signInHref}>sign in instead</Link>
        </>
      );
    case "RATE_LIMITED":
      return rateLimitMessage(info.retryAfterMs);
    case "PROOF_OF_WORK_REQUIRED":
      return info.message; // the browser check failed or expired: the server says to try again
  }
  if (info.code === "TOO_MANY_REQUESTS") return rateLimitMessage(info.retryAfterMs);
  if (info.code === "UNAUTHORIZED") return "Email or password is incorrect";
  if (info.network) return "We couldn't reach Frontrow. Check your connection and try again.";
  if (info.code === "BAD_REQUEST") {
    return info.formErrors[0] ?? "Please check the highlighted fields.";
  }
  return "Something went wrong on our side. Please try again.";
}
