import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SEAT_STATUSES, SeatModel } from "./seat-model";
import { id, snapshot } from "./test-snapshot";
import type { SeatChangeMessage, SeatStatus } from "./types";

/** Two sections of 20 seats (the first 3 of section A sold) and a standing area, at layout version "v1", seq 10. */
function model() {
  const map = snapshot(
    [
      { name: "A", top: 0, rows: 2, taken: 3 },
      { name: "B", top: 100, rows: 2 },
    ],
    [{ name: "Floor", capacity: 500, available: 120 }],
  );
  return SeatModel.fromSnapshot({ ...map, seq: 10, version: "v1" });
}

const seatId = (index: number) => id(1000 + index);
const section = (m: SeatModel, name: string) => m.sections.find((entry) => entry.name === name)!;

describe("SeatModel.applyMessage", () => {
  it("applies a change by its index when the message names this layout, and counts the section", () => {
    const m = model();
    const applied = m.applyMessage({ seq: 11, version: "v1", changes: [{ seatId: "not-looked-at", status: "held", index: 25 }] });
    expect(applied).toEqual({ taken: [25], released: [] });
    expect(m.statusOf(25)).toBe("held");
    expect(section(m, "B").available).toBe(19);
    expect(m.seq).toBe(11);
  });

  it("finds seats by id when the message names another layout (indexes there mean other seats)", () => {
    const m = model();
    m.applyMessage({ seq: 11, version: "v2", changes: [{ seatId: seatId(4), status: "sold", index: 30 }] });
    expect(m.statusOf(4)).toBe("sold");
    expect(m.statusOf(30)).toBe("available");
  });

  it("ignores a message at or below its sequence: the snapshot already holds it", () => {
    const m = model();
    expect(m.applyMessage({ seq: 10, version: "v1", changes: [{ seatId: seatId(5), status: "held", index: 5 }] })).toBeNull();
    expect(m.statusOf(5)).toBe("available");
  });

  it("gives seats back: released, and the section's count goes up", () => {
    const m = model();
    const applied = m.applyMessage({ seq: 12, version: "v1", changes: [{ seatId: seatId(1), status: "available", index: 1 }] });
    expect(applied).toEqual({ taken: [], released: [1] });
    expect(section(m, "A").available).toBe(18);
  });

  it("takes a standing area's count as the message gives it", () => {
    const m = model();
    m.applyMessage({ seq: 11, version: "v1", changes: [{ sectionId: section(m, "Floor").id, available: 97 }] });
    expect(section(m, "Floor").available).toBe(97);
    expect(m.availableByKind()).toEqual({ seats: 17 + 20, standing: 97 });
  });

  it("counts a seat once when the fan's own hold was shown before its live change arrived", () => {
    const m = model();
    m.markHeld([7]);
    expect(section(m, "A").available).toBe(16);
    const applied = m.applyMessage({ seq: 11, version: "v1", changes: [{ seatId: seatId(7), status: "held", index: 7 }] });
    expect(applied).toEqual({ taken: [], released: [] });
    expect(section(m, "A").available).toBe(16);
  });

  it("tells change listeners what each message took and released", () => {
    const m = model();
    const heard: unknown[] = [];
    const stop = m.onChanges((applied) => heard.push(applied));
    m.applyMessage({
      seq: 11,
      version: "v1",
      changes: [
        { seatId: seatId(0), status: "available", index: 0 },
        { seatId: seatId(9), status: "sold", index: 9 },
      ],
    });
    stop();
    m.applyMessage({ seq: 12, version: "v1", changes: [{ seatId: seatId(10), status: "held", index: 10 }] });
    expect(heard).toEqual([{ taken: [9], released: [0] }]);
  });

  it("ends, after any run of messages in any order, with each seat's latest status and counts that add up", () => {
    const seatChange = fc.record({
      index: fc.integer({ min: 0, max: 39 }),
      status: fc.constantFrom<SeatStatus>(...SEAT_STATUSES),
    });
    const messages = fc.array(
      fc.record({ seq: fc.integer({ min: 0, max: 60 }), changes: fc.array(seatChange, { maxLength: 6 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(messages, (run) => {
        const m = model();
        const expected: SeatStatus[] = Array.from({ length: 40 }, (_, index) => (index < 3 ? "sold" : "available"));
        let seq = 10;
        for (const message of run) {
          const changes: SeatChangeMessage["changes"] = message.changes.map((change) => ({
            seatId: seatId(change.index),
            status: change.status,
            index: change.index,
          }));
          m.applyMessage({ seq: message.seq, version: "v1", changes });
          if (message.seq <= seq) continue;
          seq = message.seq;
          for (const change of message.changes) expected[change.index] = change.status;
        }
        expect(Array.from({ length: 40 }, (_, index) => m.statusOf(index))).toEqual(expected);
        const availableIn = (from: number) => expected.slice(from, from + 20).filter((s) => s === "available").length;
        expect(section(m, "A").available).toBe(availableIn(0));
        expect(section(m, "B").available).toBe(availableIn(20));
        expect(m.seq).toBe(seq);
      }),
    );
  });
});

describe("SeatModel.seatIndexesOf", () => {
  it("uses a hold's indexes only when they belong to this layout, its ids otherwise", () => {
    const m = model();
    expect(m.seatIndexesOf({ seatIds: [seatId(3)], seatIndexes: [33], layoutVersion: "v1" })).toEqual([33]);
    expect(m.seatIndexesOf({ seatIds: [seatId(3)], seatIndexes: [33], layoutVersion: "v0" })).toEqual([3]);
    expect(m.seatIndexesOf({ seatIds: ["unknown"], seatIndexes: [99], layoutVersion: "v1" })).toEqual([]);
  });
});
