import { describe, expect, test } from "vitest";
import { ClientLedger } from "./client-ledger";

const eventId = "event-1";
const seat = "seat-1";

/** A hold of `seat` as a fan saw it: requested, granted (the success response) and, optionally, released. */
function hold(ledger: ClientLedger, holdId: string, at: { requested: number; granted: number; released?: number }) {
  ledger.hold({
    holdId,
    eventId,
    userId: `fan-of-${holdId}`,
    seatIds: [seat],
    requestedAt: at.requested,
    grantedAt: at.granted,
    expiresAt: at.granted + 30_000,
  });
  if (at.released !== undefined) ledger.released(holdId, at.released);
}

describe("ClientLedger.doubleHolds across a Redis data loss", () => {
  // Run 4 of a fault drill (December 7): Redis killed at 1,000 and back at 2,200; the first hold was wiped by the
  // kill, and the new Redis granted the seat again at 2,196, before the drill had noted the loss as over (2,200).
  test("a hold the wipe took ends at the wipe, not when the wipe was noted over", () => {
    const ledger = new ClientLedger();
    hold(ledger, "wiped", { requested: 0, granted: 100 });
    hold(ledger, "regranted", { requested: 2_140, granted: 2_196 });
    ledger.markDataLoss(eventId, 1_000, 2_200);
    expect(ledger.doubleHolds(eventId).doubles).toEqual([]);
  });

  test("two holds of one seat at once are still caught, before and after a loss", () => {
    const ledger = new ClientLedger();
    hold(ledger, "first", { requested: 0, granted: 100 });
    hold(ledger, "second", { requested: 500, granted: 600 });
    hold(ledger, "third", { requested: 3_000, granted: 3_100 });
    hold(ledger, "fourth", { requested: 3_200, granted: 3_300 });
    ledger.markDataLoss(eventId, 1_000, 2_200);
    expect(ledger.doubleHolds(eventId).doubles.map((double) => [double.first, double.second])).toEqual([
      ["first", "second"],
      ["third", "fourth"],
    ]);
  });
});
