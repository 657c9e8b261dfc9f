import { plainSeat } from "./plain-seat";
import { rowLabel } from "./row-label";
import { standardSpacing } from "./spacing";
import { arcBandPath, polarPoint, roundCoordinate } from "./svg-path";
import type { LayoutSeat, Point, SectionLayout, Spacing } from "./types";

export interface ArcSectionOptions {
  /** The point every row curves around and faces (the stage, or the centre of a bowl's corner). */
  center: Point;
  /** Distance from `center` to the front row's seats. */
  radius: number;
  /** Angles in radians, clockwise on the map from the +x axis (π/2 points down the map); start < end. */
  startAngle: number;
  endAngle: number;
  rows: number;
  spacing?: Spacing;
  /** Free space between the section's side edges and its seats: half the aisle to the next section. */
  edgeGap?: number;
}

/**
 * A wedge of curved rows facing `center`: each row sits `spacing.row` further out than the one in front and
 * holds as many seats as fit along its arc, centred, so back rows are longer. Seats are numbered from 1 on the
 * left of a fan facing the centre.
 */
export function arcSection(options: ArcSectionOptions): SectionLayout {
  const { center, radius, startAngle, endAngle, rows } = options;
  const spacing = options.spacing ?? standardSpacing;
  const edgeGap = options.edgeGap ?? 0;
  if (!(endAngle > startAngle)) throw new RangeError("arcSection: endAngle must be greater than startAngle");
  if (!(radius > edgeGap)) throw new RangeError("arcSection: radius must exceed edgeGap");

  const seats: LayoutSeat[] = [];
  for (let rowIndex = 0; rowIndex < rows; rowIndex++) {
    const rowRadius = radius + rowIndex * spacing.row;
    const edgeAngle = Math.asin(edgeGap / rowRadius);
    const usableLength = rowRadius * (endAngle - startAngle - 2 * edgeAngle);
    const count = Math.max(0, Math.floor(usableLength / spacing.seat));
    const step = spacing.seat / rowRadius;
    const middle = (startAngle + endAngle) / 2;
    const row = rowLabel(rowIndex);
    for (let i = 0; i < count; i++) {
      // Angles grow clockwise, which is towards the fan's left, so seat 1 takes the largest angle.
      const point = polarPoint(center, rowRadius, middle + ((count - 1) / 2 - i) * step);
      seats.push(plainSeat(row, rowIndex, i + 1, point));
    }
  }

  const innerRadius = radius - spacing.row / 2;
  const outerRadius = radius + (rows - 1) * spacing.row + spacing.row / 2;
  const label = polarPoint(center, (innerRadius + outerRadius) / 2, (startAngle + endAngle) / 2);
  return {
    seats,
    outline: arcBandPath(center, innerRadius, outerRadius, startAngle, endAngle, edgeGap),
    label: { x: roundCoordinate(label.x), y: roundCoordinate(label.y) },
  };
}
