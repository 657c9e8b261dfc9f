import type * as PdfLibModule from "pdf-lib";
import type { PDFOperator } from "pdf-lib";
import { formatVenueFullDateTime, shortOrderCode } from "@frontrow/validators";
import { onFirstUse } from "../on-first-use";
import type { Order } from "../orders/get-order";

type PdfLib = typeof PdfLibModule;

/**
 * pdf-lib and qrcode load at the first render, not with this module: every server process imports core, few of
 * them ever render a PDF (a worker thread does), and loading both cost each process about 0.25 s of CPU at start-up
 * (more than a second of wall time for an instance restarting on a busy machine).
 */
const loadLibraries = onFirstUse(async () => {
  const [pdf, qrcode] = await Promise.all([import("pdf-lib"), import("qrcode")]);
  return { pdf, qrcode: qrcode.default };
});

/** A horizontal run of dark QR modules: row, first column, length (in modules, row 0 at the top). */
export type QrRun = [row: number, column: number, length: number];

/** The dark modules of a QR code as horizontal runs, row by row. */
export async function qrRuns(payload: string): Promise<{ size: number; runs: QrRun[] }> {
  const { qrcode } = await loadLibraries();
  const { modules } = qrcode.create(payload, { errorCorrectionLevel: "M" });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const start = col;
      while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
      runs.push([row, start, col - start + 1]);
    }
  }
  return { size: modules.size, runs };
}

/**
 * The QR code as vector rectangles (sharp at any print size) inside a white `box` with a four-module quiet zone:
 * one rectangle per run of dark modules and a single fill. Drawn module by module with pdf-lib's drawRectangle (a
 * dozen operators each) it was most of a ticket's render time and of its deflate.
 */
async function qrOperators(
  pdf: PdfLib,
  ink: ReturnType<PdfLib["rgb"]>,
  payload: string,
  at: { left: number; bottom: number; box: number },
): Promise<PDFOperator[]> {
  const { pushGraphicsState, setFillingColor, rectangle, fill, popGraphicsState } = pdf;
  const { size, runs } = await qrRuns(payload);
  const cell = at.box / (size + 8);
  const top = at.bottom + at.box - 4 * cell;
  return [
    pushGraphicsState(),
    setFillingColor(ink),
    ...runs.map(([row, col, length]) =>
      rectangle(at.left + (col + 4) * cell, top - (row + 1) * cell, length * cell, cell),
    ),
    fill(),
    popGraphicsState(),
  ];
}

/** Renders an order's tickets as a PDF; the server runs `renderTicketsPdf` off its event loop behind this. */
export type TicketsPdfRenderer = (order: Order) => Promise<Uint8Array>;

/** The order's tickets as a PDF, one page per ticket: event, venue, date, seat, QR code and ticket code. */
export async function renderTicketsPdf(order: Order): Promise<Uint8Array> {
  const { pdf: lib } = await loadLibraries();
  const { PDFDocument, StandardFonts, rgb } = lib;
  const INK = rgb(0.07, 0.07, 0.12);
  const MUTED = rgb(0.38, 0.38, 0.45);
  const ACCENT = rgb(0.31, 0.27, 0.9);
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Tickets — ${order.event.name}`);
  pdf.setProducer("Frontrow");
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const valid = order.tickets.filter((ticket) => ticket.status === "valid");

  for (const [index, ticket] of valid.entries()) {
    const page = pdf.addPage([420, 595]); // A5 portrait, in points
    const { width, height } = page.getSize();
    page.drawRectangle({ x: 0, y: height - 70, width, height: 70, color: INK });
    page.drawText("FRONTROW", { x: 28, y: height - 44, size: 18, font: bold, color: rgb(1, 1, 1) });
    page.drawText(`Ticket ${index + 1} of ${valid.length}`, {
      x: width - 28 - regular.widthOfTextAtSize(`Ticket ${index + 1} of ${valid.length}`, 10),
      y: height - 42,
      size: 10,
      font: regular,
      color: rgb(0.85, 0.85, 0.9),
    });

    let y = height - 110;
    const line = (text: string, size: number, font = regular, color = INK) => {
      page.drawText(text, { x: 28, y, size, font, color, maxWidth: width - 56 });
      y -= size + 10;
    };
    line(order.event.name, 20, bold);
    line(order.event.performer, 12, regular, MUTED);
    line(formatVenueFullDateTime(order.event.startsAt, order.event.timezone, "en-US"), 11);
    line(`${order.event.venueName}, ${order.event.venueCity}`, 11);
    y -= 6;
    line(ticket.seat, 16, bold, ACCENT);
    line(
      `${ticket.tierName} · ${(ticket.priceCents / 100).toLocaleString("en-US", { style: "currency", currency: order.currency })}`,
      10,
      regular,
      MUTED,
    );

    const box = 220;
    const left = (width - box) / 2;
    const bottom = 90;
    page.drawRectangle({ x: left, y: bottom, width: box, height: box, color: rgb(1, 1, 1) });
    if (ticket.qr !== null) {
      page.pushOperators(...(await qrOperators(lib, INK, ticket.qr, { left, bottom, box })));
    } else {
      // The organizer allows no printed tickets: the door takes only the live code of the fan's ticket page.
      const lines = ["Printed tickets are not", "accepted for this event.", "", "Open your order in Frontrow", "and show the live QR code", "at the door."];
      lines.forEach((text, at) => {
        const font = at < 2 ? bold : regular;
        page.drawText(text, { x: (width - font.widthOfTextAtSize(text, 12)) / 2, y: bottom + box - 60 - at * 18, size: 12, font, color: INK });
      });
    }
    const codeWidth = bold.widthOfTextAtSize(ticket.code, 16);
    page.drawText(ticket.code, { x: (width - codeWidth) / 2, y: 60, size: 16, font: bold, color: INK });
    const note = `Order ${shortOrderCode(order.id)} · ${ticket.qr !== null ? "Show this code at the door" : "Show the live code in Frontrow"}`;
    page.drawText(note, {
      x: (width - regular.widthOfTextAtSize(note, 9)) / 2,
      y: 40,
      size: 9,
      font: regular,
      color: MUTED,
    });
  }
  return pdf.save();
}
