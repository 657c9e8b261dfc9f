import { roundCoordinate } from "./svg-path";
import type { LayoutSeat, Point } from "./types";

/**
 * Seat `number` of a row at `point`, neither accessible nor restricted: accessible-seats.ts and restricted-view.ts
 * mark those.
 */
export function plainSeat(row: string, rowIndex: number, number: number, point: Point): LayoutSeat {
  return {
    row,
    rowIndex,
    number,
    x: roundCoordinate(point.x),
    y: roundCoordinate(point.y),
    accessible: false,
    companion: false,
    restrictedView: false,
  };
}
