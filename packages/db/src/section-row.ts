import { sectionDrawingFields } from "@frontrow/validators/plain";
import type { Point } from "./layout/types";
import type * as schema from "./schema";

/** A venue section's row: what it is and where its outline and name are drawn on the venue's map. */
export function sectionRow(
  venueId: string,
  section: {
    id: string;
    name: string;
    kind: "reserved" | "general_admission";
    capacity: number;
    outline: string;
    label: Point;
    sortOrder: number;
  },
): typeof schema.sections.$inferInsert {
  return {
    id: section.id,
    venueId,
    ...sectionDrawingFields(section),
    sortOrder: section.sortOrder,
  };
}
