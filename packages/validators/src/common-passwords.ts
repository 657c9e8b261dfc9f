import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordSchema, registerInput } from "./auth";

/** How many of the most common passwords are refused. */
export const COMMON_PASSWORDS_REFUSED = 10_000;

let common: Set<string> | undefined;

/**
 * Is this among the 10,000 most common passwords (zxcvbn-ts's list, most common first), in any letter case?
 * The list is built on first use.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].slice(0, COMMON_PASSWORDS_REFUSED));
  return common.has(password.toLowerCase());
}

/**
 * `registerInput` plus the common-password check. The server validates with this; the browser uses
 * `registerInput` and shows the server's field error, so it never downloads the list.
 */
export const registerInputRefusingCommon = registerInput.extend({
  password: passwordSchema.refine(
    (password) => !isCommonPassword(password),
    "This password is too common. Choose one that is harder to guess.",
  ),
});
