import {
  formatVenueDateTime,
  formatVenueLongDate,
  formatVenueShortDay,
  formatVenueTime,
  isTimeZone,
} from "@frontrow/validators/plain";

/**
 * Formatting helpers: money, counts and dates in the user's locale (Intl only). Dates and times are always the
 * venue's, labelled with its zone (see @frontrow/validators' venue-time).
 */

const numberFormat = new Intl.NumberFormat();
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, wholeOnly: boolean): Intl.NumberFormat {
  const key = `${currency}:${wholeOnly ? "whole" : "cents"}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency,
        ...(wholeOnly ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
      });
    } catch {
      // Unknown currency code: fall back to plain numbers with the code in front.
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: wholeOnly ? 0 : 2 });
    }
    moneyFormats.set(key, format);
  }
  return format;
}

/** `4500, "USD"` → "$45"; `4550, "USD"` → "$45.50". */
export function formatMoney(cents: number, currency: string): string {
  const wholeOnly = cents % 100 === 0;
  const format = moneyFormat(currency, wholeOnly);
  const text = format.format(cents / 100);
  return format.resolvedOptions().style === "currency" ? text : `${currency} ${text}`;
}

/** `1234` → "1,234" (locale grouping). */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** Card date at the venue: "Fri, Jun 12 · 8:00 PM EDT" (year added when it is not this year). */
export function formatEventDate(date: Date, timeZone: string, now: Date = new Date()): string {
  return formatVenueDateTime(date, timeZone, now);
}

/** Long date at the venue: "Friday, June 12, 2026". */
export function formatLongDate(date: Date, timeZone: string): string {
  return formatVenueLongDate(date, timeZone);
}

/** "8:00 PM EDT" at the venue (`withZone: false` drops the zone where it was just given). */
export function formatTime(date: Date, timeZone: string, options: { withZone?: boolean } = {}): string {
  return formatVenueTime(date, timeZone, options);
}

/** "Dec 27, 2026": a day at the venue. */
export function formatVenueDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: usableZone(timeZone),
  }).format(date);
}

/** The viewer's own zone, for times that belong to no venue (an audit log across events). */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const SIX_DAYS_MS = 6 * 24 * 60 * 60 * 1000;

/**
 * When an on-sale opens, short, at the venue: "Fri 10:00 AM EDT" within the coming week, "Fri, Jun 12 10:00 AM
 * EDT" further out.
 */
export function formatOnSaleTime(date: Date, timeZone: string, now: Date = new Date()): string {
  const soon = date.getTime() - now.getTime() < SIX_DAYS_MS && date.getTime() > now.getTime() - SIX_DAYS_MS;
  const day = soon
    ? new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: usableZone(timeZone) }).format(date)
    : formatVenueShortDay(date, timeZone, now);
  return `${day} ${formatVenueTime(date, timeZone)}`;
}

function usableZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : "UTC";
}

/** `600` → "10 minutes"; `90` → "90 seconds"; `7200` → "2 hours". */
export function formatDuration(seconds: number): string {
  const pick = (): [number, "hour" | "minute" | "second"] => {
    if (seconds >= 3600 && seconds % 3600 === 0) return [seconds / 3600, "hour"];
    if (seconds >= 60 && seconds % 60 === 0) return [seconds / 60, "minute"];
    return [seconds, "second"];
  };
  const [value, unit] = pick();
  return new Intl.NumberFormat(undefined, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

/** Splits a positive duration into clock parts for countdowns. */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** `"2026-06-12"` for a date input, in local time. */
export function toDateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
