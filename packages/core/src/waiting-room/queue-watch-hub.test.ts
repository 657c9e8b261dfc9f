import { describe, expect, test } from "vitest";
import { neverBack } from "./queue-watch-hub";
import type { QueueStatus } from "./queue-status";

const startsAt = new Date("2026-12-07T12:00:00Z");
const waiting = (ahead: number, etaSeconds: number): QueueStatus => ({
  state: "waiting",
  startsAt,
  position: ahead + 1,
  ahead,
  etaSeconds,
});

describe("a waiting fan's pushed position", () => {
  test("never goes up while the fan keeps their place: a push derived from an older head keeps the better one", () => {
    const pushed = neverBack(
      { status: waiting(49, 100), place: 120 },
      { status: waiting(69, 140), place: 120 },
    );
    expect(pushed).toMatchObject({ state: "waiting", position: 50, ahead: 49, etaSeconds: 100 });
  });

  test("moves forward as the line does", () => {
    expect(
      neverBack({ status: waiting(49, 100), place: 120 }, { status: waiting(39, 80), place: 120 }),
    ).toMatchObject({
      position: 40,
    });
  });

  test("starts again from a new place (the fan left and joined the back of the line)", () => {
    expect(
      neverBack({ status: waiting(9, 20), place: 120 }, { status: waiting(900, 1800), place: 1500 }),
    ).toMatchObject({
      position: 901,
    });
  });

  test("is not held back once the fan is no longer waiting", () => {
    const admitted: QueueStatus = { state: "admitted", startsAt, position: 120 };
    expect(neverBack({ status: waiting(0, 1), place: 120 }, { status: admitted, place: undefined })).toBe(
      admitted,
    );
  });
});
