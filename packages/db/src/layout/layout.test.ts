import { describe, expect, it } from "vitest";
import { arcSection } from "./arc-section";
import { rowLabel } from "./row-label";
import { straightSection } from "./straight-section";
import type { LayoutSeat } from "./types";

const distance = (a: LayoutSeat, b: LayoutSeat) => Math.hypot(a.x - b.x, a.y - b.y);

describe("layout functions", () => {
  it("labels rows A…Z without I and O, then doubles the letters", () => {
    expect([0, 1, 7, 8, 12, 13, 23, 24, 25].map(rowLabel)).toEqual(["A", "B", "H", "J", "N", "P", "Z", "AA", "BB"]);
    expect(() => rowLabel(-1)).toThrow(RangeError);
  });

  it("a straight section puts rows behind each other, facing where it is told, one seat unit apart", () => {
    const layout = straightSection({ origin: { x: 50, y: 20 }, facing: Math.PI / 2, rows: 3, seatsPerRow: 6 });
    expect(layout.seats).toHaveLength(18);
    const rowA = layout.seats.filter((seat) => seat.row === "A").sort((a, b) => a.number - b.number);
    const rowC = layout.seats.filter((seat) => seat.row === "C");
    // Facing down the map (+y), the rows behind are further up (smaller y).
    expect(Math.max(...rowC.map((seat) => seat.y))).toBeLessThan(Math.min(...rowA.map((seat) => seat.y)));
    for (let i = 1; i < rowA.length; i++) expect(distance(rowA[i - 1]!, rowA[i]!)).toBeCloseTo(1, 5);
    // Centred on the origin.
    expect((rowA[0]!.x + rowA.at(-1)!.x) / 2).toBeCloseTo(50, 5);
  });

  it("an angled section widens going back", () => {
    const layout = straightSection({ origin: { x: 50, y: 50 }, facing: 0, rows: 5, seatsPerRow: 4, extraSeatsPerRow: 1 });
    const counts = ["A", "B", "C", "D", "E"].map((row) => layout.seats.filter((seat) => seat.row === row).length);
    expect(counts).toEqual([4, 5, 6, 7, 8]);
  });

  it("a curved section keeps every row on its radius and back rows longer", () => {
    const center = { x: 100, y: 100 };
    const layout = arcSection({ center, radius: 20, startAngle: 0, endAngle: Math.PI / 3, rows: 4 });
    for (const seat of layout.seats) {
      const radius = Math.hypot(seat.x - center.x, seat.y - center.y);
      expect(radius).toBeCloseTo(20 + "ABCD".indexOf(seat.row) * 1.6, 1);
    }
    const counts = ["A", "D"].map((row) => layout.seats.filter((seat) => seat.row === row).length);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
    expect(() => arcSection({ center, radius: 20, startAngle: 1, endAngle: 1, rows: 1 })).toThrow(RangeError);
  });
});
