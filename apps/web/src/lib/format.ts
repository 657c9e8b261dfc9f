/** Formatting helpers: money, counts and dates in the user's locale (Intl only). */

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

function sameYear(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear();
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/** Card date: "Fri, 12 Jun · 8:00 PM" (year added when it is not this year). */
export function formatEventDate(date: Date, now: Date = new Date()): string {
  const day = new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(sameYear(date, now) ? {} : { year: "numeric" }),
  }).format(date);
  return `${day} · ${timeFormat.format(date)}`;
}

/** Long date for the event page: "Friday, 12 June 2026". */
export function formatLongDate(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** "8:00 PM" (optionally with the zone name: "8:00 PM EDT"). */
export function formatTime(date: Date, options: { timeZone?: string; withZone?: boolean } = {}): string {
  return new Intl.DateTimeFormat(undefined, {
    hour: "numeric",
    minute: "2-digit",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.withZone ? { timeZoneName: "short" } : {}),
  }).format(date);
}

const SIX_DAYS_MS = 6 * 24 * 60 * 60 * 1000;

/**
 * When an on-sale opens, short: "Fri 10:00 AM" within the coming week, "Fri 12 Jun 10:00 AM" further out.
 */
export function formatOnSaleTime(date: Date, now: Date = new Date()): string {
  const soon = date.getTime() - now.getTime() < SIX_DAYS_MS && date.getTime() > now.getTime() - SIX_DAYS_MS;
  const day = new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    ...(soon ? {} : { day: "numeric", month: "short" }),
    ...(sameYear(date, now) ? {} : { year: "numeric" }),
  }).format(date);
  return `${day} ${timeFormat.format(date)}`;
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
