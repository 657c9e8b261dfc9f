import { describe, expect, it } from "vitest";
import {
  formatVenueDateTime,
  formatVenueFullDateTime,
  formatVenueLongDate,
  formatVenueShortDay,
  formatVenueTime,
} from "./venue-time";

// 7:30 PM in Boston on Sunday Dec 27 2026 is 00:30 UTC on Monday Dec 28.
const bostonShow = new Date("2026-12-28T00:30:00Z");
// 7:30 PM in Los Angeles on Friday Jun 12 2026 (PDT) is 02:30 UTC on Saturday Jun 13.
const laShow = new Date("2026-06-13T02:30:00Z");

describe("venue-local times", () => {
  it("shows the time as the venue's clocks read it, with the zone's name", () => {
    expect(formatVenueTime(bostonShow, "America/New_York", { locale: "en-US" })).toBe("7:30 PM EST");
    expect(formatVenueTime(laShow, "America/Los_Angeles", { locale: "en-US" })).toBe("7:30 PM PDT");
    expect(formatVenueTime(laShow, "America/Los_Angeles", { locale: "en-US", withZone: false })).toBe("7:30 PM");
  });

  it("uses the venue's day, not the UTC day", () => {
    expect(formatVenueLongDate(bostonShow, "America/New_York", "en-US")).toBe("Sunday, December 27, 2026");
    expect(formatVenueShortDay(laShow, "America/Los_Angeles", new Date("2026-01-01T12:00:00Z"), "en-US")).toBe("Fri, Jun 12");
  });

  it("adds the year only when the show is in another year at the venue", () => {
    const now = new Date("2026-07-01T12:00:00Z");
    expect(formatVenueDateTime(bostonShow, "America/New_York", now, "en-US")).toBe("Sun, Dec 27 · 7:30 PM EST");
    expect(formatVenueDateTime(bostonShow, "UTC", now, "en-US")).toBe("Mon, Dec 28 · 12:30 AM UTC");
    expect(formatVenueDateTime(laShow, "America/Los_Angeles", new Date("2025-12-01T12:00:00Z"), "en-US")).toBe(
      "Fri, Jun 12, 2026 · 7:30 PM PDT",
    );
  });

  it("writes the full line mails and tickets use", () => {
    expect(formatVenueFullDateTime(bostonShow, "America/New_York", "en-US")).toBe("Sunday, December 27, 2026 at 7:30 PM EST");
  });

  it("still renders, labelled UTC, when a venue's zone is unknown", () => {
    expect(formatVenueTime(bostonShow, "Mars/Olympus_Mons", { locale: "en-US" })).toBe("12:30 AM UTC");
  });
});
