import { arcSection } from "./arc-section";
import { standardAisle, standardSpacing } from "./spacing";
import { straightSection } from "./straight-section";
import type { Point, SectionLayout, Spacing } from "./types";

/** Where a section of a bowl ring sits, clockwise from the top side. */
export type BowlSegment =
  | "top"
  | "top-right"
  | "right"
  | "bottom-right"
  | "bottom"
  | "bottom-left"
  | "left"
  | "top-left";

export interface BowlRingOptions {
  /** Centre of the floor (court, rink or stage area) that the ring surrounds. */
  center: Point;
  /** The floor: a rectangle with rounded corners, given by its half extents and corner radius. */
  floor: { halfWidth: number; halfHeight: number; cornerRadius: number };
  /** Distance from the floor's edge to the ring's front row. */
  offset: number;
  rows: number;
  /** How many sections along each top/bottom side, each left/right end, and each corner. */
  sectionsPer: { side: number; end: number; corner: number };
  spacing?: Spacing;
  /** Width of the aisles between neighbouring sections. */
  aisle?: number;
}

export interface BowlRingSection {
  segment: BowlSegment;
  /** Position within its segment, 0-based, clockwise. */
  indexInSegment: number;
  layout: SectionLayout;
}

/**
 * One tier of an arena bowl: rows that follow the floor's outline at a constant distance, cut into sections.
 * Along the straight sides the rows are straight; around each corner they are arcs centred on the corner's
 * centre, so the rows of neighbouring sections line up. Sections come clockwise, starting from the left end
 * of the top side.
 */
export function bowlRing(options: BowlRingOptions): BowlRingSection[] {
  const { center, floor, offset, rows, sectionsPer } = options;
  const spacing = options.spacing ?? standardSpacing;
  const aisle = options.aisle ?? standardAisle;
  const straightX = floor.halfWidth - floor.cornerRadius;
  const straightY = floor.halfHeight - floor.cornerRadius;
  const frontX = floor.halfWidth + offset;
  const frontY = floor.halfHeight + offset;
  const radius = floor.cornerRadius + offset;

  const straight = (segment: BowlSegment, from: Point, to: Point, facing: number, count: number) => {
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const seatsPerRow = Math.floor((length / count - aisle) / spacing.seat);
    return Array.from({ length: count }, (_, index): BowlRingSection => {
      const t = (index + 0.5) / count;
      const origin = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
      return {
        segment,
        indexInSegment: index,
        layout: straightSection({ origin, facing, rows, seatsPerRow, spacing }),
      };
    });
  };
  const corner = (segment: BowlSegment, cornerCenter: Point, fromAngle: number) =>
    Array.from({ length: sectionsPer.corner }, (_, index): BowlRingSection => {
      const step = Math.PI / 2 / sectionsPer.corner;
      return {
        segment,
        indexInSegment: index,
        layout: arcSection({
          center: cornerCenter,
          radius,
          startAngle: fromAngle + index * step,
          endAngle: fromAngle + (index + 1) * step,
          rows,
          spacing,
          edgeGap: aisle / 2,
        }),
      };
    });

  const { x: cx, y: cy } = center;
  return [
    ...straight("top", { x: cx - straightX, y: cy - frontY }, { x: cx + straightX, y: cy - frontY }, Math.PI / 2, sectionsPer.side),
    ...corner("top-right", { x: cx + straightX, y: cy - straightY }, -Math.PI / 2),
    ...straight("right", { x: cx + frontX, y: cy - straightY }, { x: cx + frontX, y: cy + straightY }, Math.PI, sectionsPer.end),
    ...corner("bottom-right", { x: cx + straightX, y: cy + straightY }, 0),
    ...straight("bottom", { x: cx + straightX, y: cy + frontY }, { x: cx - straightX, y: cy + frontY }, -Math.PI / 2, sectionsPer.side),
    ...corner("bottom-left", { x: cx - straightX, y: cy + straightY }, Math.PI / 2),
    ...straight("left", { x: cx - frontX, y: cy + straightY }, { x: cx - frontX, y: cy - straightY }, 0, sectionsPer.end),
    ...corner("top-left", { x: cx - straightX, y: cy - straightY }, Math.PI),
  ];
}
