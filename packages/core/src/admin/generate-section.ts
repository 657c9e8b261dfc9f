import { arcSection, polygonPath, rowLabel, straightSection, type LayoutSeat, type SectionLayout } from "@frontrow/db/layout";
import type { SectionSpec } from "@frontrow/validators";

const AISLE_WIDTH = 1.4;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Renumbers a row right to left, and opens an aisle after the given seat numbers by sliding later seats along. */
function applyRowRules(seats: LayoutSeat[], spec: Extract<SectionSpec, { kind: "reserved" }>): LayoutSeat[] {
  const rows = new Map<number, LayoutSeat[]>();
  for (const seat of seats) rows.set(seat.rowIndex, [...(rows.get(seat.rowIndex) ?? []), seat]);
  const result: LayoutSeat[] = [];
  for (const [rowIndex, rowSeats] of rows) {
    const ordered = [...rowSeats].sort((a, b) => a.number - b.number);
    if (spec.numbering === "right_to_left") ordered.reverse();
    const label = spec.rowLabels === "numbers" ? String(rowIndex + 1) : rowLabel(rowIndex);
    let shiftX = 0;
    let shiftY = 0;
    ordered.forEach((seat, i) => {
      const number = i + 1;
      result.push({ ...seat, row: label, number, x: round(seat.x + shiftX), y: round(seat.y + shiftY) });
      if (spec.aisleAfterSeats.includes(number) && i + 1 < ordered.length) {
        // Slide the rest of the row along the local row direction by one aisle width.
        const next = ordered[i + 1]!;
        const dx = next.x - seat.x;
        const dy = next.y - seat.y;
        const length = Math.hypot(dx, dy) || 1;
        shiftX += (dx / length) * AISLE_WIDTH;
        shiftY += (dy / length) * AISLE_WIDTH;
      }
    });
  }
  return result;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** A reserved section's seats and outline from an organizer's spec, or a standing area's outline. */
export function generateSection(spec: SectionSpec): SectionLayout & { capacity: number } {
  if (spec.kind === "general_admission") {
    const { x, y, width, height } = spec.area;
    return {
      seats: [],
      capacity: spec.capacity,
      outline: polygonPath([
        { x, y },
        { x: x + width, y },
        { x: x + width, y: y + height },
        { x, y: y + height },
      ]),
      label: { x: x + width / 2, y: y + height / 2 },
    };
  }
  const base =
    spec.shape === "curved"
      ? arcSection({
          center: spec.center!,
          radius: spec.radius!,
          startAngle: radians(spec.startDegrees!),
          endAngle: radians(spec.endDegrees!),
          rows: spec.rows,
        })
      : straightSection({
          origin: spec.origin!,
          facing: radians(spec.facingDegrees!),
          rows: spec.rows,
          seatsPerRow: spec.seatsPerRow,
          extraSeatsPerRow: spec.shape === "angled" ? (spec.extraSeatsPerRow ?? 0.5) : 0,
        });
  const seats = applyRowRules(base.seats, spec);
  return { ...base, seats, capacity: seats.length };
}
