import { describe, expect, it } from "vitest";
import { describeAuditAction, describeAuditDetails } from "./audit-words";

/** No entry may fall back to stored field names or raw numbers of cents and seconds. */
const RAW = /cents|enabled|seconds|camel|_|\b(price|refunded|blocked) (cents|seats)\b|: (yes|no), (yes|no)|\d, \d/i;

describe("audit log entries in organizer words", () => {
  it("writes an event edit with the form's names and readable values, not raw field names", () => {
    const text = describeAuditDetails({
      action: "event.update",
      details: {
        feeCents: [200, 350],
        waitingRoomEnabled: [true, false],
        shoppingWindowSeconds: [600, 900],
        description: ["Old words", "New words"],
        tiers: { added: ["VIP (12000)"], changed: [{ tier: "Standard", priceCents: [5000, 5500] }], seatsMoved: 4 },
      },
    });
    expect(text).toBe(
      "Booking fee: $2 → $3.50; Waiting room: on → off; Shopping window: 10 minutes → 15 minutes; Description changed; " +
        "Price tier added: VIP at $120; Standard price: $50 → $55; 4 seats moved to another price tier",
    );
    expect(text).not.toMatch(RAW);
  });

  it("writes the sale rules and refund policy as the event form names them", () => {
    const text = describeAuditDetails({
      action: "event.update",
      details: {
        singleSeatRule: [true, false],
        selfCancel: [true, false],
        selfCancelUntil: ["2026-12-20T18:00:00.000Z", null],
        feesRefundable: [false, true],
        holdSeconds: [600, 300],
        highDemand: [false, true],
      },
    });
    expect(text).toMatch(
      /^No single seats left alone: on → off; Fans may cancel their own orders: yes → no; Fans may cancel until: [^;]*Dec 20[^;]* → until the show starts; Refund booking fees: no → yes; Hold duration: 10 minutes → 5 minutes; High-demand browser check: off → on$/,
    );
    expect(text).not.toMatch(RAW);
  });

  it("writes the creation of an event, and an organizer's cancellation of an order with its short code", () => {
    expect(
      describeAuditDetails({
        action: "event.create",
        details: { name: "Night Owls", venue: "The Cellar", tiers: 2, blockedSeats: 3 },
      }),
    ).toBe("Night Owls at The Cellar; 2 price tiers; 3 seats blocked");
    expect(
      describeAuditDetails({
        action: "order.cancel",
        details: { orderId: "1a2b3c4d-0000-4000-8000-000000000000", refundedCents: 8_550 },
      }),
    ).toBe("Order 1A2B3C4D: $85.50 refunded");
  });

  it("writes an account's role change", () => {
    expect(describeAuditAction("user.role")).toBe("Changed an account's role");
    expect(describeAuditDetails({ action: "user.role", details: { from: "fan", to: "scanner" } })).toBe(
      "Fan → Door staff (scanner)",
    );
  });

  it("writes every venue change in words: details, sections added and removed, standing places, seat marks", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["venue.create", { name: "The Cellar", sections: 2, seats: 1_200 }, "The Cellar: 2 sections, 1,200 seats"],
      [
        "venue.update",
        { name: { from: "Cellar", to: "The Cellar" }, timezone: { from: "Europe/London", to: "Europe/Paris" } },
        "Name: Cellar → The Cellar; Time zone: Europe/London → Europe/Paris",
      ],
      [
        "venue.add_sections",
        { sections: ["Circle", "Boxes"], seats: 140, events: ["Matinee"] },
        "Circle, Boxes: 140 seats; also on sale for Matinee",
      ],
      ["venue.remove_section", { section: "Floor", kind: "general_admission", capacity: 500 }, "Floor (standing, 500 places)"],
      ["venue.remove_section", { section: "Stalls", kind: "reserved", capacity: 1 }, "Stalls (1 seat)"],
      ["venue.remove_seats", { seats: 3 }, "3 seats removed"],
      ["venue.resize_section", { section: "Floor", from: 500, to: 650 }, "Floor: 500 → 650 standing places"],
      [
        "venue.seat_attributes",
        { seats: 4, accessible: true, restrictedView: false },
        "4 seats; Wheelchair space: on; Restricted view: off",
      ],
    ];
    for (const [action, details, words] of cases) {
      const text = describeAuditDetails({ action, details });
      expect(text, action).toBe(words);
      expect(text, action).not.toMatch(RAW);
    }
  });

  it("still writes a field it does not know as a change, not as a list of two values", () => {
    expect(describeAuditDetails({ action: "event.update", details: { loyaltyPoints: [1, 2] } })).toBe(
      "Loyalty points: 1 → 2",
    );
  });
});
