import { cardInput } from "@frontrow/validators";
import type { z } from "zod";

/** What the fan types into the card form, as typed (with spaces and the slash). */
export interface CardFormValues {
  cardNumber: string;
  expiry: string;
  cvc: string;
  name: string;
}

export type CardField = keyof CardFormValues;
export type CardFormErrors = Partial<Record<CardField, string>>;

/** The `payment` object `checkout.complete` takes. */
export type CardPayment = z.input<typeof cardInput>;

export const CARD_FIELDS: readonly CardField[] = ["cardNumber", "expiry", "cvc", "name"];

export const EMPTY_CARD_FORM: CardFormValues = { cardNumber: "", expiry: "", cvc: "", name: "" };

const MAX_CARD_DIGITS = 19;

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, "");
}

/** American Express numbers are grouped 4-6-5; everything else in fours. */
function groupsFor(digits: string): number[] {
  return /^3[47]/.test(digits) ? [4, 6, 5] : [4, 4, 4, 4, 3];
}

/** "4242424242424242" → "4242 4242 4242 4242" (as far as typed). */
export function formatCardNumber(value: string): string {
  const digits = digitsOnly(value).slice(0, MAX_CARD_DIGITS);
  const parts: string[] = [];
  let index = 0;
  for (const size of groupsFor(digits)) {
    if (index >= digits.length) break;
    parts.push(digits.slice(index, index + size));
    index += size;
  }
  if (index < digits.length) parts.push(digits.slice(index));
  return parts.join(" ");
}

/** The caret position in `formatted` that sits after the same number of digits as `digitsBefore`. */
export function caretAfterDigits(formatted: string, digitsBefore: number): number {
  if (digitsBefore <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i++) {
    if (/\d/.test(formatted[i] ?? "")) seen++;
    if (seen === digitsBefore) return i + 1;
  }
  return formatted.length;
}

/** "1" → "1", "4" → "04", "1226" → "12/26". The slash appears once the year starts. */
export function formatExpiry(value: string): string {
  let digits = digitsOnly(value).slice(0, 4);
  // A first digit above 1 can only be a single-digit month.
  if (/^[2-9]/.test(digits)) digits = `0${digits}`.slice(0, 4);
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

export function parseExpiry(value: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const yearText = match[2] ?? "";
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return { month, year };
}

/** Which form field a server-side payment path ("payment.cardNumber", "expYear", …) belongs to. */
export function cardFieldOfPath(path: string): CardField | null {
  const last = path.split(".").pop() ?? "";
  switch (last) {
    case "cardNumber":
      return "cardNumber";
    case "expMonth":
    case "expYear":
      return "expiry";
    case "cvc":
      return "cvc";
    case "name":
      return "name";
    default:
      return null;
  }
}

/** Guesses the field of a message when the server flattened nested errors under `payment`. */
export function cardFieldOfMessage(message: string): CardField | null {
  const text = message.toLowerCase();
  if (text.includes("card number")) return "cardNumber";
  if (text.includes("expir") || text.includes("month") || text.includes("year")) return "expiry";
  if (text.includes("security code") || text.includes("cvc")) return "cvc";
  if (text.includes("name")) return "name";
  return null;
}

/**
 * Checks the form the way the server will (`cardInput`, Luhn included), plus the expiry date against today.
 * Returns the `payment` object to send, or the errors to show.
 */
export function validateCardForm(
  values: CardFormValues,
  now: Date = new Date(),
): { payment: CardPayment; errors: null } | { payment: null; errors: CardFormErrors } {
  const errors: CardFormErrors = {};
  const expiry = parseExpiry(values.expiry);
  if (!values.expiry.trim()) errors.expiry = "Enter the expiry date";
  else if (!expiry || expiry.month < 1 || expiry.month > 12) errors.expiry = "Enter the expiry date as MM/YY";
  else if (expiry.year * 12 + expiry.month < now.getFullYear() * 12 + now.getMonth() + 1) {
    errors.expiry = "This card has expired";
  }

  const candidate: CardPayment = {
    cardNumber: values.cardNumber,
    expMonth: expiry?.month ?? 0,
    expYear: expiry?.year ?? 0,
    cvc: values.cvc.trim(),
    name: values.name,
  };
  const parsed = cardInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = cardFieldOfPath(issue.path.map(String).join("."));
      if (!field || errors[field]) continue;
      errors[field] =
        field === "cardNumber" && !digitsOnly(values.cardNumber) ? "Enter the card number" : issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { payment: null, errors };
  return {
    payment: {
      cardNumber: digitsOnly(values.cardNumber),
      expMonth: candidate.expMonth,
      expYear: candidate.expYear,
      cvc: candidate.cvc,
      name: values.name.trim(),
    },
    errors: null,
  };
}

/** The errors of one field only, for validating as the fan moves through the form. */
export function fieldError(values: CardFormValues, field: CardField): string | undefined {
  const result = validateCardForm(values);
  return result.errors?.[field];
}

/** Card details that decide whether a retry is "the same payment" (and so reuses its idempotency key). */
export function paymentFingerprint(payment: CardPayment): string {
  return JSON.stringify([payment.cardNumber, payment.expMonth, payment.expYear, payment.cvc, payment.name]);
}

export const TEST_CARDS = [
  { number: "4242 4242 4242 4242", result: "Approved" },
  { number: "4000 0000 0000 0002", result: "Declined" },
  { number: "4000 0000 0000 9995", result: "Declined: insufficient funds" },
] as const;
