import { randomUUID } from "node:crypto";
import { schema, sectionRow, type Queryable } from "@frontrow/db";
import { generatedSeatFields } from "@frontrow/validators/plain";
import type { previewVenue } from "./create-venue";

type GeneratedSection = ReturnType<typeof previewVenue>["sections"][number];

const SEATS_PER_INSERT = 4_000;

/**
 * Stores generated sections and their seats on a venue, numbering their sort order from `firstSortOrder`, and
 * returns them with their new ids. Seats go in batches, so a 20,000-seat arena stays within Postgres' parameter limit.
 */
export async function insertVenueSections(
  tx: Queryable,
  input: { venueId: string; sections: GeneratedSection[]; firstSortOrder: number },
) {
  const inserted = input.sections.map((section) => ({ ...section, id: randomUUID() }));
  for (const section of inserted) {
    await tx
      .insert(schema.sections)
      .values(sectionRow(input.venueId, { ...section, sortOrder: input.firstSortOrder + section.sortOrder }));
    const seats = section.seats.map((seat) => ({
      venueId: input.venueId,
      sectionId: section.id,
      ...generatedSeatFields(seat),
    }));
    for (let i = 0; i < seats.length; i += SEATS_PER_INSERT) {
      await tx.insert(schema.seats).values(seats.slice(i, i + SEATS_PER_INSERT));
    }
  }
  return inserted;
}
