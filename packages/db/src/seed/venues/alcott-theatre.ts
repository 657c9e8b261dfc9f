import { arcSection, polygonPath, withAccessibleSeats, withRestrictedView, type SectionLayout } from "../../layout";
import type { ReservedSectionBlueprint, VenueBlueprint } from "./types";

/** Every row of the house curves around this point, just behind the proscenium. */
const focus = { x: 55, y: -2 };
const down = Math.PI / 2;
const aisle = 1.4;

interface Level {
  name: string;
  radius: number;
  rows: number;
  /** Half the angle the whole level spans, and half the angle of its centre section. */
  halfSpan: number;
  halfCenter: number;
}

const orchestra: Level = { name: "Orchestra", radius: 26, rows: 22, halfSpan: 0.62, halfCenter: 0.2 };
const mezzanine: Level = { name: "Mezzanine", radius: 67, rows: 7, halfSpan: 0.56, halfCenter: 0.18 };
const balcony: Level = { name: "Balcony", radius: 84, rows: 8, halfSpan: 0.5, halfCenter: 0.16 };

/** Left and right as a fan facing the stage sees them: stage left of the house is the map's left. */
function levelSections(level: Level): { side: "Left" | "Center" | "Right"; layout: SectionLayout }[] {
  const wedge = (startAngle: number, endAngle: number) =>
    arcSection({ center: focus, radius: level.radius, startAngle, endAngle, rows: level.rows, edgeGap: aisle / 2 });
  return [
    { side: "Left", layout: wedge(down + level.halfCenter, down + level.halfSpan) },
    { side: "Center", layout: wedge(down - level.halfCenter, down + level.halfCenter) },
    { side: "Right", layout: wedge(down - level.halfSpan, down - level.halfCenter) },
  ];
}

/**
 * A 2,300-seat proscenium theatre: orchestra, mezzanine and balcony, each in left, center and right sections of
 * curved rows facing the stage. The last orchestra rows sit under the mezzanine overhang and the far ends of
 * the balcony look past the proscenium, so both have a restricted view.
 */
export function alcottTheatre(): VenueBlueprint {
  const sections: ReservedSectionBlueprint[] = [];
  for (const { side, layout } of levelSections(orchestra)) {
    let seats = withRestrictedView(layout.seats, (seat) => seat.rowIndex >= orchestra.rows - 3);
    seats = withAccessibleSeats(seats, { rowIndexes: side === "Center" ? [0] : [orchestra.rows - 4], perEnd: 2 });
    sections.push({
      name: `Orchestra ${side}`,
      kind: "reserved",
      layout: { ...layout, seats },
      zone: "orchestra",
      seatZone: (seat) => {
        if (seat.restrictedView) return "restricted";
        return side === "Center" && seat.rowIndex < 10 ? "orchestra-premium" : undefined;
      },
    });
  }
  for (const { side, layout } of levelSections(mezzanine)) {
    const seats = side === "Center" ? withAccessibleSeats(layout.seats, { rowIndexes: [0], perEnd: 1 }) : layout.seats;
    sections.push({ name: `Mezzanine ${side}`, kind: "reserved", layout: { ...layout, seats }, zone: "mezzanine" });
  }
  for (const { side, layout } of levelSections(balcony)) {
    const seats = withRestrictedView(layout.seats, (seat) => Math.abs(seat.x - focus.x) > 41);
    sections.push({
      name: `Balcony ${side}`,
      kind: "reserved",
      layout: { ...layout, seats },
      zone: "balcony",
      seatZone: (seat) => (seat.restrictedView ? "restricted" : undefined),
    });
  }

  return {
    key: "theatre",
    name: "The Alcott Theatre",
    city: "Chicago",
    country: "US",
    address: "410 West Alcott Street, Chicago, IL 60606",
    timezone: "America/Chicago",
    width: 110,
    height: 100,
    stage: polygonPath([
      { x: focus.x - 20, y: 3 },
      { x: focus.x + 20, y: 3 },
      { x: focus.x + 20, y: 17 },
      { x: focus.x - 20, y: 17 },
    ]),
    sections,
  };
}
