import { z } from "zod";
import { isTimeZone } from "./time-zone";

export { isTimeZone };

/**
 * Building blocks every schema uses, so that what the database, the audit log, PDFs and mails cannot take is
 * refused at the edge (400 with a field error) and the web forms apply the same rules.
 */

/** A NUL character (Postgres text cannot hold one) or half of a UTF-16 surrogate pair (not valid UTF-8). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether Postgres can store this text as it is. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** A string without NUL characters or lone surrogates; chain `.trim()`, `.min()`, `.max()` as for `z.string()`. */
export function text() {
  return z.string().refine(isStorableText, "Remove the invalid character (a NUL or a broken emoji)");
}

/** The earliest and latest instants accepted: years 1 to 9999, which Postgres and ISO 8601 both write plainly. */
export const MIN_DATE = new Date("0001-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

/**
 * A date given as a Date, an ISO string or epoch milliseconds, between years 1 and 9999. Unlike `z.coerce.date()`
 * it refuses `null`, booleans and other values that would silently become 1970.
 */
export function dateInput() {
  return z
    .union([z.date(), z.string().max(40), z.number()], { error: "Enter a date" })
    .pipe(z.coerce.date({ error: "Enter a valid date" }))
    .refine((date) => date >= MIN_DATE && date <= MAX_DATE, "Enter a date between the years 1 and 9999");
}


/** An IANA time zone the runtime knows: venue times, ticket PDFs and mails are rendered in it. */
export const timeZoneSchema = text()
  .trim()
  .min(1, "Choose a time zone")
  .max(60)
  .refine(isTimeZone, "Not a time zone we know, e.g. America/New_York");
