import type { LayoutSeat } from "./types";

export interface AccessibleSeatsOptions {
  /** Row indexes (0 = front) that get wheelchair positions at both ends. */
  rowIndexes: readonly number[];
  /** Wheelchair positions at each end of such a row; each has a companion seat beside it. Default 1. */
  perEnd?: number;
}

/**
 * Marks wheelchair positions at the ends of the given rows, each followed inwards by a companion seat:
 * from either end of the row the seats go accessible, companion, accessible, companion, … Rows too short
 * to hold every pair at both ends keep as many pairs as fit.
 */
export function withAccessibleSeats(seats: readonly LayoutSeat[], options: AccessibleSeatsOptions): LayoutSeat[] {
  const perEnd = options.perEnd ?? 1;
  const rows = new Set(options.rowIndexes);
  const rowLength = new Map<number, number>();
  for (const seat of seats) {
    if (rows.has(seat.rowIndex)) rowLength.set(seat.rowIndex, Math.max(rowLength.get(seat.rowIndex) ?? 0, seat.number));
  }
  return seats.map((seat) => {
    const length = rowLength.get(seat.rowIndex);
    if (length === undefined) return seat;
    const pairs = Math.min(perEnd, Math.floor(length / 4));
    const fromEnd = Math.min(seat.number - 1, length - seat.number);
    if (fromEnd >= pairs * 2) return seat;
    const accessible = fromEnd % 2 === 0;
    return { ...seat, accessible, companion: !accessible };
  });
}
