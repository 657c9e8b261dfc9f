import type { RouterOutputs } from "@frontrow/api";

/** A venue as the editor loads it: details, sections, every seat with its marks, and the events that follow it. */
export type AdminVenue = RouterOutputs["admin"]["venues"]["byId"];
export type AdminVenueSeat = AdminVenue["seats"][number];
export type AdminVenueSection = AdminVenue["sections"][number];
