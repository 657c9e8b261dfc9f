import { loginInput, registerInput } from "@frontrow/validators";
import type { z } from "zod";

/** The server's own auth schemas, so the forms enforce exactly the rules the API does. */
export const signInSchema = loginInput;
export const signUpSchema = registerInput;

/** First message per field from a failed parse. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && !(field in result)) result[field] = issue.message;
  }
  return result;
}
