import { describe, expect, it } from "vitest";
import { createRandom } from "../util/random";
import { pickFreeBlock, type SeatRow } from "./seat-rows";

const row = (name: string, count: number): SeatRow => ({
  sectionId: "s",
  sectionName: "101",
  row: name,
  seatIds: Array.from({ length: count }, (_, i) => `${name}${i + 1}`),
});

describe("pickFreeBlock", () => {
  const rows = [row("A", 6), row("B", 3)];
  const random = createRandom(7);

  it("only picks side-by-side seats that are all free", () => {
    const taken = new Set(["A2", "A5", "B2"]);
    for (let i = 0; i < 200; i++) {
      const block = pickFreeBlock(rows, 2, random, (seatId) => taken.has(seatId));
      expect(block).toHaveLength(2);
      expect(block.some((seatId) => taken.has(seatId))).toBe(false);
      // The only free pair is A3-A4.
      expect(block).toEqual(["A3", "A4"]);
    }
  });

  it("gives every free block a chance", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) seen.add(pickFreeBlock(rows, 3, random, () => false).join());
    // A has 4 blocks of 3 seats, B has 1.
    expect(seen.size).toBe(5);
  });

  it("picks blindly when no block is free", () => {
    const block = pickFreeBlock(rows, 2, random, () => true);
    expect(block).toHaveLength(2);
  });
});
