import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrRuns } from "./tickets-pdf";

describe("qrRuns", () => {
  it("covers exactly the dark modules of the code, each run as long as it can be", async () => {
    const payload = `FR1.${"a1b2c3".repeat(30)}`;
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: "M" });
    const { size, runs } = await qrRuns(payload);
    expect(size).toBe(modules.size);
    const covered = new Set<string>();
    for (const [row, column, length] of runs) {
      for (let col = column; col < column + length; col++) covered.add(`${row},${col}`);
      // Maximal: the modules just before and after a run are light (or outside the code).
      expect(column === 0 || !modules.get(row, column - 1)).toBe(true);
      expect(column + length === size || !modules.get(row, column + length)).toBe(true);
    }
    const dark = new Set<string>();
    for (let row = 0; row < size; row++)
      for (let col = 0; col < size; col++) if (modules.get(row, col)) dark.add(`${row},${col}`);
    expect(covered).toEqual(dark);
    expect(runs.length).toBeLessThan(dark.size / 1.5);
  });
});
