import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTimeZone, fromZonedInputValue, toZonedInputValue, usableTimeZone } from "./zoned-date-time";

const ZONES = ["UTC", "America/Los_Angeles", "America/Chicago", "Europe/London", "Asia/Tokyo", "Australia/Lord_Howe", "Asia/Kolkata"];

describe("venue-local date inputs", () => {
  it("reads a datetime-local value on the venue's clocks, whatever zone the browser is in", () => {
    expect(fromZonedInputValue("2026-06-12T20:00", "America/Chicago")?.toISOString()).toBe("2026-06-13T01:00:00.000Z");
    expect(fromZonedInputValue("2026-12-12T20:00", "America/Chicago")?.toISOString()).toBe("2026-12-13T02:00:00.000Z");
    expect(toZonedInputValue(new Date("2026-06-13T01:00:00Z"), "America/Chicago")).toBe("2026-06-12T20:00");
    expect(toZonedInputValue(new Date("2026-06-13T01:00:00Z"), "Asia/Tokyo")).toBe("2026-06-13T10:00");
  });

  it("gives back the instant it showed, to the minute, in every zone", () => {
    const minutes = fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 });
    fc.assert(
      fc.property(minutes, fc.constantFrom(...ZONES), (minute, zone) => {
        const instant = new Date(minute * 60_000);
        const shown = toZonedInputValue(instant, zone);
        const read = fromZonedInputValue(shown, zone);
        // Where clocks fall back, a time shows twice: reading it gives one of the two instants that show it.
        expect(read && toZonedInputValue(read, zone)).toBe(shown);
        if (read?.getTime() !== instant.getTime()) expect(Math.abs(read!.getTime() - instant.getTime())).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });

  it("puts a time skipped by spring-forward just after the jump, as the venue's clocks would", () => {
    // Clocks in Chicago went from 01:59 to 03:00 on 8 March 2026: 02:30 never happened there.
    const read = fromZonedInputValue("2026-03-08T02:30", "America/Chicago");
    expect(read?.toISOString()).toBe("2026-03-08T08:30:00.000Z");
    expect(toZonedInputValue(read!, "America/Chicago")).toBe("2026-03-08T03:30");
  });

  it("refuses days and times that do not exist", () => {
    expect(fromZonedInputValue("2026-04-31T20:00", "UTC")).toBeNull();
    expect(fromZonedInputValue("2026-02-29T20:00", "UTC")).toBeNull();
    expect(fromZonedInputValue("2026-06-12T24:00", "UTC")).toBeNull();
    expect(fromZonedInputValue("12/06/2026 20:00", "UTC")).toBeNull();
    expect(fromZonedInputValue("2028-02-29T20:00", "UTC")?.toISOString()).toBe("2028-02-29T20:00:00.000Z");
  });
});

describe("zone names", () => {
  it("falls back to the browser's zone for a mistyped one, so a venue still renders", () => {
    expect(usableTimeZone("Europe/London")).toBe("Europe/London");
    expect(usableTimeZone("Mars/Olympus_Mons")).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(usableTimeZone(null)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it("names the zone by its city and its abbreviation at that date", () => {
    expect(describeTimeZone("UTC")).toBe("UTC");
    expect(describeTimeZone("America/Los_Angeles", new Date("2026-07-01T12:00:00Z"))).toMatch(/^Los Angeles time \((PDT|GMT-7)\)$/);
  });
});
