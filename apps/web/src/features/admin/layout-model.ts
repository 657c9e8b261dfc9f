import type { SeatMarks, SeatPosition } from "@frontrow/validators/plain";
import { DEFAULT_SEAT_COLOR } from "../seat-map/render-seat-map";
import { SeatModel, type TierInfo } from "../seat-map/seat-model";
import type { SeatMapSnapshot, SeatStatus } from "../seat-map/types";

/** A venue's layout as the admin API returns it (`admin.venues.byId`, `admin.venues.preview` after `toVenueLayout`). */
export interface VenueLayout {
  venue: { id: string; name: string; width: number; height: number; stage: string };
  sections: ReadonlyArray<{
    id: string;
    name: string;
    kind: "reserved" | "general_admission";
    capacity: number;
    outline: string;
    labelX: number;
    labelY: number;
    /** Colour key (a tier id); sections without one use the first colour. */
    tierId?: string;
    /** What the section label counts as left; defaults to its capacity. */
    available?: number;
  }>;
  seats: ReadonlyArray<VenueLayoutSeat>;
}

/** A seat of a venue's layout; marks left out are off. */
type VenueLayoutSeat = SeatPosition &
  Partial<SeatMarks> & {
    /** Blocked at the venue: drawn grey, as fans see a seat that is not for sale. */
    blocked?: boolean;
    /** Overrides `blocked` (an event's live status). */
    status?: SeatStatus;
    tierId?: string;
  };

/** The one "tier" of a venue layout that has no prices yet. */
export const LAYOUT_SEAT_TIER: TierInfo = {
  id: "seat",
  name: "Seat",
  priceCents: 0,
  color: DEFAULT_SEAT_COLOR,
};
const DEFAULT_TIERS: TierInfo[] = [LAYOUT_SEAT_TIER];

/**
 * Builds the fans' seat model from a venue layout, so the admin console draws it with the fans' renderer.
 * `tiers` are colour keys that seats and sections point at by `tierId`; `colorKeyOf` can pick one per seat
 * (e.g. to colour seats by their marks). Memoize the result: building it indexes every seat.
 */
export function layoutModel(
  layout: VenueLayout,
  options: { tiers?: TierInfo[]; colorKeyOf?: (seat: VenueLayout["seats"][number]) => string } = {},
): SeatModel {
  const tiers = options.tiers && options.tiers.length > 0 ? options.tiers : DEFAULT_TIERS;
  const fallbackTier = tiers[0]!.id;
  const available = new Map<string, number>();
  for (const seat of layout.seats) {
    const status = seat.status ?? (seat.blocked ? "blocked" : "available");
    if (status === "available") available.set(seat.sectionId, (available.get(seat.sectionId) ?? 0) + 1);
  }
  const snapshot: SeatMapSnapshot = {
    eventId: layout.venue.id,
    seq: 0,
    venue: layout.venue,
    tiers,
    sections: layout.sections.map((section) => ({
      id: section.id,
      name: section.name,
      kind: section.kind,
      capacity: section.capacity,
      tierId: section.tierId ?? fallbackTier,
      outline: section.outline,
      labelX: section.labelX,
      labelY: section.labelY,
      available:
        section.available ??
        (section.kind === "general_admission" ? section.capacity : (available.get(section.id) ?? 0)),
    })),
    seats: layout.seats.map((seat) => ({
      id: seat.id,
      sectionId: seat.sectionId,
      row: seat.row,
      number: seat.number,
      x: seat.x,
      y: seat.y,
      tierId: options.colorKeyOf?.(seat) ?? seat.tierId ?? fallbackTier,
      accessible: seat.accessible ?? false,
      companion: seat.companion ?? false,
      restrictedView: seat.restrictedView ?? false,
      status: seat.status ?? (seat.blocked ? "blocked" : "available"),
      mine: false,
    })),
  };
  return SeatModel.fromSnapshot(snapshot);
}
