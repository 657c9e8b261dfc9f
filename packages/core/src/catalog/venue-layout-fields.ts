import { schema } from "@frontrow/db";

const { sections, seats } = schema;

/** The columns that draw a section on a map, as fans' and organizers' maps alike need them. */
export const sectionDrawingFields = {
  id: sections.id,
  name: sections.name,
  kind: sections.kind,
  outline: sections.outline,
  labelX: sections.labelX,
  labelY: sections.labelY,
};

/** The columns that place a seat on a map, with its marks. */
export const seatPlacementFields = {
  id: seats.id,
  sectionId: seats.sectionId,
  row: seats.row,
  number: seats.number,
  x: seats.x,
  y: seats.y,
  accessible: seats.accessible,
  companion: seats.companion,
  restrictedView: seats.restrictedView,
};
