import { randomUUID } from "node:crypto";
import { schema, type Database } from "@frontrow/db";
import type { VenueSpec } from "@frontrow/validators";
import { DomainError } from "../errors";
import { generateSection } from "./generate-section";
import { insertVenueSections } from "./insert-venue-sections";
import { recordAudit } from "./record-audit";

/** Draws a venue exactly as fans will see it, without saving anything. */
export function previewVenue(spec: VenueSpec) {
  const names = new Set<string>();
  const sections = spec.sections.map((section, sortOrder) => {
    if (names.has(section.name)) {
      throw new DomainError("INVALID_INPUT", `Two sections are named "${section.name}"`, { field: "sections" });
    }
    names.add(section.name);
    const layout = generateSection(section);
    const outside = layout.seats.find((seat) => seat.x < 0 || seat.y < 0 || seat.x > spec.width || seat.y > spec.height);
    if (outside) {
      throw new DomainError(
        "INVALID_INPUT",
        `Section ${section.name}: row ${outside.row} seat ${outside.number} falls outside the ${spec.width} × ${spec.height} map`,
        { field: "sections" },
      );
    }
    return { name: section.name, kind: section.kind, sortOrder, ...layout };
  });
  return { ...spec, sections, seatCount: sections.reduce((sum, section) => sum + section.seats.length, 0) };
}

/** Creates a venue with its generated layout in one transaction, and records who did it. */
export async function createVenue(deps: { db: Database }, input: { spec: VenueSpec; actorId: string; requestId?: string }) {
  const preview = previewVenue(input.spec);
  const venueId = randomUUID();
  await deps.db.transaction(async (tx) => {
    const { sections: _sections, seatCount: _count, ...venue } = preview;
    await tx.insert(schema.venues).values({ id: venueId, ...venue });
    await insertVenueSections(tx, { venueId, sections: preview.sections, firstSortOrder: 0 });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "venue.create",
      subjectType: "venue",
      subjectId: venueId,
      details: { name: preview.name, sections: preview.sections.length, seats: preview.seatCount },
      requestId: input.requestId,
    });
  });
  return { venueId, seatCount: preview.seatCount, sectionCount: preview.sections.length };
}
