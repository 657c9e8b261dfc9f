import { z } from "zod";
import { sectionSpec, venueSpec } from "./admin";
import { idSchema } from "./catalog";
import { timeZoneSchema } from "./primitives";

/** An organizer's edit of a venue's details (its layout is edited seat by seat and section by section). */
export const updateVenueInput = z.object({
  venueId: idSchema,
  name: venueSpec.shape.name,
  city: venueSpec.shape.city,
  address: venueSpec.shape.address.removeDefault(),
  timezone: timeZoneSchema,
});
export type UpdateVenueInput = z.output<typeof updateVenueInput>;

/** Sections generated from specs and appended to a venue's layout. */
export const addSectionsInput = z.object({
  venueId: idSchema,
  sections: z.array(sectionSpec).min(1, "Add at least one section").max(300),
});

export const removeSectionInput = z.object({ sectionId: idSchema });
