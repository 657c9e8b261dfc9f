import { schema, type Database } from "@frontrow/db";
import { asc, eq } from "drizzle-orm";
import { DomainError } from "../errors";
import { sectionDrawingFields } from "./venue-layout-fields";

const { venues, sections } = schema;

/** A venue with its sections (outlines included, for drawing); seats come with an event's seat map. */
export async function getVenue(deps: { db: Database }, input: { venueId: string }) {
  const [venue] = await deps.db.select().from(venues).where(eq(venues.id, input.venueId));
  if (!venue) throw new DomainError("NOT_FOUND", "This venue does not exist");
  const venueSections = await deps.db
    .select({ ...sectionDrawingFields, capacity: sections.capacity })
    .from(sections)
    .where(eq(sections.venueId, input.venueId))
    .orderBy(asc(sections.sortOrder), asc(sections.name));
  return { ...venue, sections: venueSections };
}
