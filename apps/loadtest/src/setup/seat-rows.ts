import type { FanClient } from "../client/fan-client";
import type { Random } from "../util/random";

export interface SeatRow {
  sectionId: string;
  sectionName: string;
  row: string;
  /** Seat ids ordered by seat number: neighbours in this list sit side by side. */
  seatIds: string[];
}

/** An event's seats grouped into rows, as a client sees them in `seats.map`. */
export class SeatRows {
  private constructor(
    readonly seq: number,
    readonly rows: SeatRow[],
    readonly sectionIdByName: Map<string, string>,
  ) {}

  static async fetch(fan: FanClient, eventId: string): Promise<SeatRows> {
    const map = await fan.trpc.seats.map.query({ eventId });
    const names = new Map(map.sections.map((section) => [section.id, section.name]));
    const rows = new Map<string, SeatRow & { numbers: number[] }>();
    const sorted = [...map.seats].sort((a, b) => a.number - b.number);
    for (const seat of sorted) {
      const key = `${seat.sectionId}|${seat.row}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          sectionId: seat.sectionId,
          sectionName: names.get(seat.sectionId) ?? "?",
          row: seat.row,
          seatIds: [],
          numbers: [],
        };
        rows.set(key, row);
      }
      row.seatIds.push(seat.id);
      row.numbers.push(seat.number);
    }
    return new SeatRows(
      map.seq,
      [...rows.values()].map(({ numbers: _numbers, ...row }) => row),
      new Map(map.sections.map((section) => [section.name, section.id])),
    );
  }

  /** The rows of the named sections, cut to the first `limit` seats (row by row) when given. */
  select(sectionNames: string[], limit?: number): SeatRow[] {
    const chosen = this.rows
      .filter((row) => sectionNames.includes(row.sectionName))
      .sort(
        (a, b) =>
          sectionNames.indexOf(a.sectionName) - sectionNames.indexOf(b.sectionName) ||
          a.row.localeCompare(b.row, "en", { numeric: true }),
      );
    if (limit === undefined) return chosen;
    const cut: SeatRow[] = [];
    let left = limit;
    for (const row of chosen) {
      if (left <= 0) break;
      cut.push({ ...row, seatIds: row.seatIds.slice(0, left) });
      left -= row.seatIds.length;
    }
    return cut;
  }
}

/** A random block of `quantity` side-by-side seats from `rows` (rows weighted by length). */
export function pickBlock(rows: readonly SeatRow[], quantity: number, random: Random): string[] {
  const total = rows.reduce((sum, row) => sum + row.seatIds.length, 0);
  let at = random.int(0, Math.max(0, total - 1));
  for (const row of rows) {
    if (at < row.seatIds.length) {
      const n = Math.min(quantity, row.seatIds.length);
      const start = random.int(0, row.seatIds.length - n);
      return row.seatIds.slice(start, start + n);
    }
    at -= row.seatIds.length;
  }
  return [];
}

/**
 * A random block of `quantity` side-by-side seats from `rows` of which none `isTaken`, every such block as likely
 * as any other; when there is none, a block picked blindly (a fan clicking on a map that shows no room).
 */
export function pickFreeBlock(
  rows: readonly SeatRow[],
  quantity: number,
  random: Random,
  isTaken: (seatId: string) => boolean,
): string[] {
  const blocks: Array<{ row: SeatRow; start: number; size: number }> = [];
  for (const row of rows) {
    const size = Math.min(quantity, row.seatIds.length);
    let freeInARow = 0;
    row.seatIds.forEach((seatId, i) => {
      freeInARow = isTaken(seatId) ? 0 : freeInARow + 1;
      if (size > 0 && freeInARow >= size) blocks.push({ row, start: i - size + 1, size });
    });
  }
  if (blocks.length === 0) return pickBlock(rows, quantity, random);
  const { row, start, size } = random.pick(blocks);
  return row.seatIds.slice(start, start + size);
}
