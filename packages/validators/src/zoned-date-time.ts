/**
 * Wall-clock times in an IANA time zone (a venue's), with Intl only: `datetime-local` inputs hold the time as
 * it reads at the venue, whatever zone the organizer's browser is in; the demo seed sets show times with them too.
 */

import { isTimeZone } from "./time-zone";

const DATE_TIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormat(timeZone).formatToParts(instantMs)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

function wallClockAsUtcMs(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** How far the zone's clocks are ahead of UTC at that instant, in ms (negative west of Greenwich). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockAsUtcMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

/** The zone itself when Intl knows it, otherwise the browser's own (a venue saved with a mistyped zone still renders). */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (timeZone && isTimeZone(timeZone)) return timeZone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An instant as a `datetime-local` value ("2026-06-12T20:00") on the clocks of `timeZone`. */
export function toZonedInputValue(date: Date, timeZone: string): string {
  const clock = wallClockAt(date.getTime(), timeZone);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}

/**
 * A `datetime-local` value read on the clocks of `timeZone`, as an instant; null when it is not a real date and
 * time. A time skipped by a daylight-saving jump lands just after the jump, as clocks there would show it.
 */
export function fromZonedInputValue(value: string, timeZone: string): Date | null {
  const match = DATE_TIME_LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  // Date.UTC rolls 31 April over into May; such a day does not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  // The offset at the wall time read as UTC is right except within hours of a DST change; one more step settles it.
  const firstGuess = wallMs - zoneOffsetMs(wallMs, timeZone);
  const settled = wallMs - zoneOffsetMs(firstGuess, timeZone);
  const readsBack = (instantMs: number) => wallClockAsUtcMs(wallClockAt(instantMs, timeZone)) === wallMs;
  if (readsBack(settled)) return new Date(settled);
  if (readsBack(firstGuess)) return new Date(firstGuess);
  // Neither reads back: the time falls in a spring-forward gap.
  return new Date(Math.max(firstGuess, settled));
}

/** The zone's short name at that instant: "CDT", "GMT+1". */
export function timeZoneAbbreviation(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((item) => item.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "Chicago time (CDT)" for "America/Chicago"; "UTC" for UTC. */
export function describeTimeZone(timeZone: string, at: Date = new Date()): string {
  const abbreviation = timeZoneAbbreviation(timeZone, at);
  const place = timeZone.split("/").pop()?.replaceAll("_", " ") ?? timeZone;
  if (place === abbreviation || timeZone === "UTC") return abbreviation;
  return `${place} time (${abbreviation})`;
}

const DAY_PARTS = { weekday: "short", day: "numeric", month: "short", year: "numeric" } as const;

/** "Fri, 12 Jun 2026, 8:00 PM CDT": an instant as the clocks at the venue show it. */
export function formatInTimeZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    ...DAY_PARTS,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** "Fri, 12 Jun 2026": the day at the venue. */
export function formatDayInTimeZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone, ...DAY_PARTS }).format(date);
}
