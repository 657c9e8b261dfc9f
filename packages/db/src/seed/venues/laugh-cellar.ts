import { arcSection, roundCoordinate, straightSection, withAccessibleSeats } from "../../layout";
import type { SectionBlueprint, VenueBlueprint } from "./types";

const width = 64;
/** The centre of the round thrust stage, which every row curves around. */
const stageCenter = { x: width / 2, y: 4 };
const stageRadius = 7;
const down = Math.PI / 2;

/**
 * A 380-seat comedy club: three wedges of curved rows hugging a small thrust stage, and a bar rail at the back.
 */
export function laughCellar(): VenueBlueprint {
  const wedge = (startAngle: number, endAngle: number) =>
    arcSection({ center: stageCenter, radius: 10, startAngle, endAngle, rows: 10, edgeGap: 0.7 });
  const center = wedge(down - 0.4, down + 0.4);
  const barRail = straightSection({ origin: { x: width / 2, y: 33 }, facing: -Math.PI / 2, rows: 2, seatsPerRow: 30 });

  const sections: SectionBlueprint[] = [
    { name: "Left", kind: "reserved", layout: wedge(down + 0.4, down + 1.15), zone: "tables" },
    {
      name: "Center",
      kind: "reserved",
      layout: { ...center, seats: withAccessibleSeats(center.seats, { rowIndexes: [0], perEnd: 1 }) },
      zone: "tables",
      seatZone: (seat) => (seat.rowIndex < 2 ? "front" : undefined),
    },
    { name: "Right", kind: "reserved", layout: wedge(down - 1.15, down - 0.4), zone: "tables" },
    { name: "Bar Rail", kind: "reserved", layout: barRail, zone: "bar" },
  ];

  const { x, y } = stageCenter;
  const r = roundCoordinate(stageRadius);
  return {
    key: "comedy",
    name: "The Laugh Cellar",
    city: "Los Angeles",
    country: "US",
    address: "8420 Sunset Boulevard, Los Angeles, CA 90069",
    timezone: "America/Los_Angeles",
    width,
    height: 40,
    // A back wall strip and a half-round thrust in front of it.
    stage: `M ${x - r} 1 L ${x + r} 1 L ${x + r} ${y} A ${r} ${r} 0 0 1 ${x - r} ${y} Z`,
    sections,
  };
}
