/** A position on a venue map, in map units (x to the right, y down, as in SVG). */
export interface Point {
  x: number;
  y: number;
}

/** Distances between neighbouring seats, in map units. */
export interface Spacing {
  /** Centre to centre along a row. */
  seat: number;
  /** Centre to centre between consecutive rows. */
  row: number;
}

/** One seat produced by a layout function; `rowIndex` 0 is the row nearest the stage. */
export interface LayoutSeat {
  row: string;
  rowIndex: number;
  number: number;
  x: number;
  y: number;
  accessible: boolean;
  companion: boolean;
  restrictedView: boolean;
}

/** A reserved section's seats, its outline (an SVG path) and where its name is drawn. */
export interface SectionLayout {
  seats: LayoutSeat[];
  outline: string;
  label: Point;
}
