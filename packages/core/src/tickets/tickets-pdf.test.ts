import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import type { Order } from "../orders/get-order";
import { qrRuns, renderTicketsPdf } from "./tickets-pdf";

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

describe("renderTicketsPdf", () => {
  const order = (qr: string | null) =>
    ({
      id: "0b7e3c2a-6f1d-4e8b-9a51-3c2d1e0f9a8b",
      currency: "USD",
      event: { name: "Show", performer: "Band", startsAt: new Date("2026-12-24T20:00:00Z"), timezone: "America/New_York", venueName: "Hall", venueCity: "Town" },
      tickets: [{ status: "valid", seat: "Section 101, row A, seat 1", tierName: "Standard", priceCents: 5_000, code: "FR-AAAA-BBBB", qr }],
    }) as unknown as Order;

  /** The text a page draws: pdf-lib writes each string as hex in the page's (deflated) content stream. */
  async function drawnText(pdf: Uint8Array): Promise<string> {
    const raw = Buffer.from(pdf).toString("latin1");
    const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map(([, body]) => {
      const bytes = Buffer.from(body!, "latin1");
      try {
        return inflateSync(bytes).toString("latin1");
      } catch {
        return bytes.toString("latin1");
      }
    });
    return streams
      .flatMap((stream) => [...stream.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1")))
      .join("\n");
  }

  it("prints the static QR code where printing is allowed, and says to show the live code where it is not", async () => {
    const printed = await drawnText(await renderTicketsPdf(order("FRT1.a.b.c.d")));
    expect(printed).toContain("Show this code at the door");
    expect(printed).not.toContain("Printed tickets are not");
    const unprinted = await drawnText(await renderTicketsPdf(order(null)));
    expect(unprinted).toContain("Printed tickets are not");
    expect(unprinted).toContain("Show the live code in Frontrow");
    expect(unprinted).toContain("FR-AAAA-BBBB");
  });
});
