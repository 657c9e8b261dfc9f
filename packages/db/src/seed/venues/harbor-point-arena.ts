import {
  bowlRing,
  polygonPath,
  roundedRectPath,
  withAccessibleSeats,
  withRestrictedView,
  type BowlRingSection,
} from "../../layout";
import type { ReservedSectionBlueprint, VenueBlueprint } from "./types";

const center = { x: 130, y: 100 };
/** The arena floor: about 60 m × 30 m, room for a hockey rink, a basketball court or a concert floor. */
const floor = { halfWidth: 60, halfHeight: 30, cornerRadius: 18 };
const sectionsPer = { lower: { side: 5, end: 1, corner: 3 }, upper: { side: 5, end: 2, corner: 4 } };

/** Numbering of the wedge in the middle of each corner / the middle of each side, for accessible seating. */
const lowerAccessible = new Set(["top:2", "bottom:2", "top-right:1", "bottom-right:1", "bottom-left:1", "top-left:1"]);
const upperAccessible = new Set(["top:2", "bottom:2", "top-right:1", "bottom-right:2", "bottom-left:1", "top-left:2"]);

const isSide = (section: BowlRingSection) => section.segment === "top" || section.segment === "bottom";

/** One bowl's sections, numbered in ring order: those behind the stage have a restricted view. */
function bowlSections(
  rings: BowlRingSection[],
  bowl: {
    firstNumber: number;
    zone: "lower" | "upper";
    /** The sections with wheelchair places (by `segment:indexInSegment`), and where in each they are. */
    accessible: { sections: Set<string>; rowIndexes: number[]; perEnd: number };
    /** The zone of a seat in a side section, where it is not the section's. */
    sideSeatZone?: ReservedSectionBlueprint["seatZone"];
  },
): ReservedSectionBlueprint[] {
  const { sections: accessibleSections, ...accessibleSeats } = bowl.accessible;
  return rings.map((ring, index) => {
    const behindStage = ring.segment === "left";
    let seats = ring.layout.seats;
    if (accessibleSections.has(`${ring.segment}:${ring.indexInSegment}`)) {
      seats = withAccessibleSeats(seats, accessibleSeats);
    }
    if (behindStage) seats = withRestrictedView(seats);
    return {
      name: String(bowl.firstNumber + index),
      kind: "reserved",
      layout: { ...ring.layout, seats },
      zone: behindStage ? "restricted" : `${bowl.zone}-${isSide(ring) ? "side" : "end"}`,
      seatZone: isSide(ring) ? bowl.sideSeatZone : undefined,
    };
  });
}

/**
 * A 16,000-seat indoor arena: a lower bowl of 24 sections (101–124) and an upper bowl of 30 (201–230) around
 * the floor, with the concert stage at the left (west) end, so the sections behind it have a restricted view.
 */
export function harborPointArena(): VenueBlueprint {
  const lower = bowlRing({ center, floor, offset: 4, rows: 18, sectionsPer: sectionsPer.lower });
  const upper = bowlRing({ center, floor, offset: 40, rows: 15, sectionsPer: sectionsPer.upper });

  const lowerSections = bowlSections(lower, {
    firstNumber: 101,
    zone: "lower",
    // Wheelchair platforms at the top of the lower bowl, on the concourse.
    accessible: { sections: lowerAccessible, rowIndexes: [17], perEnd: 2 },
    sideSeatZone: (seat) => (seat.rowIndex < 3 ? "lower-premium" : undefined),
  });
  const upperSections = bowlSections(upper, {
    firstNumber: 201,
    zone: "upper",
    accessible: { sections: upperAccessible, rowIndexes: [0], perEnd: 1 },
  });

  const stageDeck = polygonPath([
    { x: center.x - 56, y: center.y - 20 },
    { x: center.x - 36, y: center.y - 20 },
    { x: center.x - 36, y: center.y + 20 },
    { x: center.x - 56, y: center.y + 20 },
  ]);
  return {
    key: "arena",
    name: "Harbor Point Arena",
    city: "Boston",
    country: "US",
    address: "100 Harbor Point Boulevard, Boston, MA 02210",
    timezone: "America/New_York",
    width: 260,
    height: 200,
    // The floor outline, and the end stage on it.
    stage: `${roundedRectPath(center, floor.halfWidth, floor.halfHeight, floor.cornerRadius)} ${stageDeck}`,
    sections: [...lowerSections, ...upperSections],
  };
}
