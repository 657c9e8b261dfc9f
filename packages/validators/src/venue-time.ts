/**
 * Times as the clocks at the venue show them, always with the zone's name, so a fan in another zone never reads a
 * show time shifted to their own clock without knowing it ("Sun, Dec 27 · 7:30 PM EST"). Intl only. Shared by the
 * web app, the mails and the PDF tickets so every place shows the same words. `locale` undefined means the
 * reader's own (in a browser); the server passes "en-US".
 */

import { isTimeZone } from "./time-zone";

/** The zone when Intl knows it, otherwise UTC (a venue saved with an unknown zone still renders, labelled). */
function knownZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : "UTC";
}

function yearIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" }).format(date);
}

/** "7:30 PM EST" (the zone's short name is always shown unless `withZone` is false). */
export function formatVenueTime(date: Date, timeZone: string, options: { withZone?: boolean; locale?: string } = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    timeZone: knownZone(timeZone),
    hour: "numeric",
    minute: "2-digit",
    ...(options.withZone === false ? {} : { timeZoneName: "short" }),
  }).format(date);
}

/** "Sunday, December 27, 2026": the day at the venue. */
export function formatVenueLongDate(date: Date, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: knownZone(timeZone),
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(date);
}

/** "Sun, Dec 27": the short day at the venue, with the year when it is not the current one there. */
export function formatVenueShortDay(date: Date, timeZone: string, now: Date = new Date(), locale?: string): string {
  const zone = knownZone(timeZone);
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(yearIn(date, zone) === yearIn(now, zone) ? {} : { year: "numeric" }),
  }).format(date);
}

/** Card date: "Sun, Dec 27 · 7:30 PM EST" at the venue (the year added when it is not this year). */
export function formatVenueDateTime(date: Date, timeZone: string, now: Date = new Date(), locale?: string): string {
  return `${formatVenueShortDay(date, timeZone, now, locale)} · ${formatVenueTime(date, timeZone, { locale })}`;
}

/** Mails and tickets: "Sunday, December 27, 2026 at 7:30 PM EST". */
export function formatVenueFullDateTime(date: Date, timeZone: string, locale?: string): string {
  return `${formatVenueLongDate(date, timeZone, locale)} at ${formatVenueTime(date, timeZone, { locale })}`;
}
