import { sectionLabel } from "./section-label";

/** A seat as a person reads it, the section named by the shared rule: "Section 101, row A, seat 3"; "Floor (general admission)". */
export function seatLabel(section: string, row: string | null, number: number | null): string {
  return row !== null && number !== null
    ? `${sectionLabel(section)}, row ${row}, seat ${number}`
    : `${section} (general admission)`;
}

/** A seat's attributes in fans' words, in a fixed order: "Wheelchair space", "Companion seat", "Restricted view". */
export function seatAttributeWords(seat: { accessible?: boolean; companion?: boolean; restrictedView?: boolean }): string[] {
  return [
    seat.accessible ? "Wheelchair space" : null,
    seat.companion ? "Companion seat" : null,
    seat.restrictedView ? "Restricted view" : null,
  ].filter((word): word is string => word !== null);
}

/** One line of a hold's price: a reserved seat, or a number of places in one standing area. */
export interface HoldPriceLine {
  /** The seat's id, or the standing area's section id. */
  key: string;
  seatId: string | null;
  sectionId: string;
  tierId: string;
  /** "Section 101, row A, seat 3", or the standing area's name. */
  label: string;
  tierName: string;
  /** What is special about the seat: "Wheelchair space", "Companion seat", "Restricted view". */
  attributes: string[];
  quantity: number;
  unitCents: number;
}

/** What a hold costs, priced by the server: checkout charges exactly `totalCents`. */
export interface HoldPrice {
  lines: HoldPriceLine[];
  tickets: number;
  subtotalCents: number;
  feesCents: number;
  totalCents: number;
  currency: string;
}

/** The totals of priced lines with a fee per ticket: the one rule for what a fan pays, on the map, at checkout and in the charge. */
export function priceTotals(
  lines: ReadonlyArray<{ quantity: number; unitCents: number }>,
  feeCents: number,
): Pick<HoldPrice, "tickets" | "subtotalCents" | "feesCents" | "totalCents"> {
  let tickets = 0;
  let subtotalCents = 0;
  for (const line of lines) {
    tickets += line.quantity;
    subtotalCents += line.quantity * line.unitCents;
  }
  const feesCents = tickets * feeCents;
  return { tickets, subtotalCents, feesCents, totalCents: subtotalCents + feesCents };
}
