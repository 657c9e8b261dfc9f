import { readdirSync, readFileSync } from "node:fs";
import type { Order } from "@frontrow/core";
import { describe, expect, it } from "vitest";
import { createPdfPool } from "./pdf-pool";

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

const order = {
  id: "0b7e3c2a-6f1d-4e8b-9a51-3c2d1e0f9a8b",
  currency: "USD",
  event: {
    name: "Show",
    performer: "Band",
    startsAt: new Date("2026-12-24T20:00:00Z"),
    timezone: "America/New_York",
    venueName: "Hall",
    venueCity: "Town",
  },
  tickets: [
    {
      status: "valid",
      seat: "Section 101, row A, seat 1",
      tierName: "Standard",
      priceCents: 5_000,
      code: "FR-AAAA-BBBB",
      qr: "FRT1.a.b.c.d",
    },
  ],
} as unknown as Order;

describe.runIf(process.platform === "linux")("the PDF pool", () => {
  it("renders mail in the background on a thread of lower priority; a fan's download renders at the server's", async () => {
    const before = threadNiceValues();
    const background = createPdfPool({ size: 1, background: true });
    const downloads = createPdfPool({ size: 1 });
    try {
      for (const pool of [background, downloads]) {
        const pdf = await pool.render(order);
        expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
      }
      const after = threadNiceValues();
      expect(after.filter((nice) => nice === 10)).toHaveLength(
        before.filter((nice) => nice === 10).length + 1,
      );
      expect(Math.min(...after)).toBe(Math.min(...before));
    } finally {
      await Promise.all([background.close(), downloads.close()]);
    }
  });
});
