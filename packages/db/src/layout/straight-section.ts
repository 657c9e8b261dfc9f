import { plainSeat } from "./plain-seat";
import { rowLabel } from "./row-label";
import { standardSpacing } from "./spacing";
import { polygonPath, roundCoordinate } from "./svg-path";
import type { LayoutSeat, Point, SectionLayout, Spacing } from "./types";

export interface StraightSectionOptions {
  /** Centre of the front row. */
  origin: Point;
  /** The direction the seats face, in radians clockwise from the +x axis (π/2 faces down the map). */
  facing: number;
  rows: number;
  seatsPerRow: number;
  /** Seats added per row going back (0.5 adds one every other row), for angled, fan-shaped sections. */
  extraSeatsPerRow?: number;
  spacing?: Spacing;
}

/**
 * A block of straight, parallel rows: each row sits `spacing.row` behind the one in front and is centred on
 * the same line. Seats are numbered from 1 on the left of a fan facing forward.
 */
export function straightSection(options: StraightSectionOptions): SectionLayout {
  const { origin, facing, rows, seatsPerRow } = options;
  const extra = options.extraSeatsPerRow ?? 0;
  const spacing = options.spacing ?? standardSpacing;
  const forward = { x: Math.cos(facing), y: Math.sin(facing) };
  // A fan's right hand, on a map whose y axis points down.
  const right = { x: -forward.y, y: forward.x };
  const at = (along: number, back: number): Point => ({
    x: origin.x + along * right.x - back * forward.x,
    y: origin.y + along * right.y - back * forward.y,
  });

  const seats: LayoutSeat[] = [];
  for (let rowIndex = 0; rowIndex < rows; rowIndex++) {
    const count = seatsPerRow + Math.floor(rowIndex * extra);
    const row = rowLabel(rowIndex);
    for (let i = 0; i < count; i++) {
      const point = at((i - (count - 1) / 2) * spacing.seat, rowIndex * spacing.row);
      seats.push(plainSeat(row, rowIndex, i + 1, point));
    }
  }

  const front = -spacing.row / 2;
  const back = (rows - 1) * spacing.row + spacing.row / 2;
  // The sides widen linearly with the rows, so every row's seats lie inside them.
  const halfWidth = (distanceBack: number) =>
    ((seatsPerRow + (extra * distanceBack) / spacing.row) * spacing.seat) / 2;
  const label = at(0, (front + back) / 2);
  return {
    seats,
    outline: polygonPath([
      at(-halfWidth(front), front),
      at(halfWidth(front), front),
      at(halfWidth(back), back),
      at(-halfWidth(back), back),
    ]),
    label: { x: roundCoordinate(label.x), y: roundCoordinate(label.y) },
  };
}
