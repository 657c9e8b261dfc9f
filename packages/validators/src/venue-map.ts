/**
 * What a venue's map is drawn from, shared by the server, which stores and serves it, and the admin console, which
 * draws a generated layout before it is stored. No zod (see constants.ts).
 */

/** A seat's marks, as fans filter by them. */
export interface SeatMarks {
  accessible: boolean;
  companion: boolean;
  restrictedView: boolean;
}

/** Where a seat is: its section, row and number, and its centre on the venue's map (map units). */
export interface SeatPosition {
  id: string;
  sectionId: string;
  row: string;
  number: number;
  x: number;
  y: number;
}

type GeneratedSeat = Omit<SeatPosition, "id" | "sectionId"> & SeatMarks;

/** A generated seat's row, number, centre and marks, without the generator's working fields (its `rowIndex`). */
export function generatedSeatFields(seat: GeneratedSeat): GeneratedSeat {
  return {
    row: seat.row,
    number: seat.number,
    x: seat.x,
    y: seat.y,
    accessible: seat.accessible,
    companion: seat.companion,
    restrictedView: seat.restrictedView,
  };
}

/** A generated section as the map draws it: its label's place flattened into `labelX` and `labelY`. */
export function sectionDrawingFields(section: {
  name: string;
  kind: "reserved" | "general_admission";
  capacity: number;
  outline: string;
  label: { x: number; y: number };
}) {
  return {
    name: section.name,
    kind: section.kind,
    capacity: section.capacity,
    outline: section.outline,
    labelX: section.label.x,
    labelY: section.label.y,
  };
}
