import type { SeatMapSnapshot } from "./types";

/** A seat map for tests: ids are made-up UUIDs numbered by `id`. */
export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const TIER = id(900);

/** Seated sections of `rows` rows of 10 seats, 10 map units apart, their first row at `top`; and standing areas. */
export function snapshot(
  seated: Array<{ name: string; top: number; rows: number; taken?: number }>,
  standing: Array<{ name: string; capacity: number; available: number }> = [],
): SeatMapSnapshot {
  const seats: SeatMapSnapshot["seats"] = [];
  const sections: SeatMapSnapshot["sections"] = [];
  seated.forEach((section, s) => {
    let available = 0;
    for (let row = 0; row < section.rows; row++) {
      for (let n = 1; n <= 10; n++) {
        const taken = seats.filter((seat) => seat.sectionId === id(s + 1)).length < (section.taken ?? 0);
        if (!taken) available++;
        seats.push({
          id: id(1000 + seats.length),
          sectionId: id(s + 1),
          row: String.fromCharCode(65 + row),
          number: n,
          x: 100 + n * 10,
          y: section.top + row * 10,
          tierId: TIER,
          accessible: false,
          companion: false,
          restrictedView: false,
          status: taken ? "sold" : "available",
        });
      }
    }
    sections.push({
      id: id(s + 1),
      name: section.name,
      kind: "reserved",
      capacity: section.rows * 10,
      tierId: TIER,
      outline: "",
      labelX: 155,
      labelY: section.top,
      available,
    });
  });
  standing.forEach((area, a) => {
    sections.push({
      id: id(100 + a),
      name: area.name,
      kind: "general_admission",
      capacity: area.capacity,
      tierId: TIER,
      outline: "M 0 0 L 50 0 L 50 50 L 0 50 Z",
      labelX: 25,
      labelY: 25,
      available: area.available,
    });
  });
  return {
    eventId: id(0),
    seq: 0,
    venue: { id: id(800), name: "Hall", width: 400, height: 400, stage: "" },
    tiers: [{ id: TIER, name: "Standard", priceCents: 4000, color: "#2563eb" }],
    sections,
    seats,
  };
}
