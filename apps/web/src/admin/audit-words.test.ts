import { describe, expect, it } from "vitest";
import { describeAuditDetails } from "./audit-words";

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
      "Fee per ticket: $2 → $3.50; Waiting room: on → off; Shopping time: 10 minutes → 15 minutes; Description changed; " +
        "Price tier added: VIP at $120; Standard price: $50 → $55; 4 seats moved to another price tier",
    );
    expect(text).not.toMatch(/cents|enabled|seconds/i);
  });
});
