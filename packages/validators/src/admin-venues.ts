import { z } from "zod";
import { sectionSpec, venueSpec } from "./admin";
import { idSchema } from "./catalog";

/** Whether the runtime knows this IANA time zone ("Europe/Paris"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An organizer's edit of a venue's details (its layout is edited seat by seat and section by section). */
export const updateVenueInput = z.object({
  venueId: idSchema,
  name: venueSpec.shape.name,
  city: venueSpec.shape.city,
  address: z.string().trim().max(300),
  timezone: z
    .string()
    .trim()
    .min(1, "Choose a time zone")
    .max(60)
    .refine(isTimeZone, "Not a time zone we know, e.g. America/New_York"),
});
export type UpdateVenueInput = z.output<typeof updateVenueInput>;

/** Sections generated from specs and appended to a venue's layout. */
export const addSectionsInput = z.object({
  venueId: idSchema,
  sections: z.array(sectionSpec).min(1, "Add at least one section").max(300),
});

export const removeSectionInput = z.object({ sectionId: idSchema });
