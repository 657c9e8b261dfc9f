import type { LayoutSeat, Point, SectionLayout } from "../../layout";

interface SectionBlueprintBase {
  name: string;
  /** Pricing zone of the section; each demo event maps every zone of its venue to one of its price tiers. */
  zone: string;
}

export interface ReservedSectionBlueprint extends SectionBlueprintBase {
  kind: "reserved";
  layout: SectionLayout;
  /** A different pricing zone for some seats (front rows, restricted views); undefined keeps `zone`. */
  seatZone?: (seat: LayoutSeat) => string | undefined;
}

export interface GeneralAdmissionSectionBlueprint extends SectionBlueprintBase {
  kind: "general_admission";
  /** How many may stand there. */
  capacity: number;
  outline: string;
  label: Point;
}

export type SectionBlueprint = ReservedSectionBlueprint | GeneralAdmissionSectionBlueprint;

/** A demo venue as plain data, before it gets ids. Coordinates are in map units (≈ 0.5 m). */
export interface VenueBlueprint {
  /** Stable handle the demo events use to pick their venue. */
  key: string;
  name: string;
  city: string;
  country: string;
  address: string;
  timezone: string;
  width: number;
  height: number;
  stage: string;
  sections: SectionBlueprint[];
}
