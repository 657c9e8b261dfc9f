import { polygonPath, straightSection, withAccessibleSeats } from "../../layout";
import type { SectionBlueprint, VenueBlueprint } from "./types";

const width = 90;
const floor = { left: 9, right: width - 9, top: 18, bottom: 50 };

/**
 * A music club: a standing general-admission floor for 800 in front of the stage, and a small horseshoe
 * balcony of reserved seats: a centre block facing the stage and two side rails facing across the room.
 */
export function theFoundry(): VenueBlueprint {
  const balconyCenter = straightSection({ origin: { x: width / 2, y: 57 }, facing: -Math.PI / 2, rows: 5, seatsPerRow: 34 });
  const balconyLeft = straightSection({ origin: { x: 6.5, y: 34 }, facing: 0, rows: 3, seatsPerRow: 24 });
  const balconyRight = straightSection({ origin: { x: width - 6.5, y: 34 }, facing: Math.PI, rows: 3, seatsPerRow: 24 });

  const sections: SectionBlueprint[] = [
    {
      name: "General Admission Floor",
      kind: "general_admission",
      capacity: 800,
      outline: polygonPath([
        { x: floor.left, y: floor.top },
        { x: floor.right, y: floor.top },
        { x: floor.right, y: floor.bottom },
        { x: floor.left, y: floor.bottom },
      ]),
      label: { x: width / 2, y: (floor.top + floor.bottom) / 2 },
      zone: "floor",
    },
    {
      name: "Balcony Center",
      kind: "reserved",
      layout: { ...balconyCenter, seats: withAccessibleSeats(balconyCenter.seats, { rowIndexes: [0], perEnd: 1 }) },
      zone: "balcony",
      seatZone: (seat) => (seat.rowIndex === 0 ? "balcony-front" : undefined),
    },
    { name: "Balcony Left", kind: "reserved", layout: balconyLeft, zone: "balcony" },
    { name: "Balcony Right", kind: "reserved", layout: balconyRight, zone: "balcony" },
  ];

  return {
    key: "club",
    name: "The Foundry",
    city: "Austin",
    country: "US",
    address: "1201 East Sixth Street, Austin, TX 78702",
    timezone: "America/Chicago",
    width,
    height: 68,
    stage: polygonPath([
      { x: 25, y: 3 },
      { x: width - 25, y: 3 },
      { x: width - 25, y: 15 },
      { x: 25, y: 15 },
    ]),
    sections,
  };
}
