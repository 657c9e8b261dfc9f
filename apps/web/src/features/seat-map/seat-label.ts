import { formatMoney } from "../../lib/format";
import { seatAttributeWords } from "../../lib/seat-words";
import { FLAG_ACCESSIBLE, FLAG_COMPANION, FLAG_RESTRICTED, type SeatModel } from "./seat-model";
import { sectionName } from "./section-name";

/** Where a seat is: "Section 112, row F, seat 7". */
export function seatPlace(model: SeatModel, index: number): string {
  const section = model.sectionOfSeat(index);
  const where = section ? `${sectionName(section.name)}, ` : "";
  return `${where}row ${model.rowNameOf(index) ?? "?"}, seat ${model.seatNumber[index] ?? "?"}`;
}

/** The status of a seat in words, from this fan's point of view. */
export function seatStatusWords(model: SeatModel, index: number, mine: boolean): string {
  const status = model.statusOf(index);
  if (status === "available") return "available";
  if (status === "resale") return "available, resale at face value";
  if (status === "held" && mine) return "held by you";
  if (status === "blocked") return "not for sale";
  return "taken";
}

/**
 * The one label of a seat, used for the keyboard announcement and the list view's buttons:
 * "Section 101, row A, seat 3, $50, available" (then ", wheelchair space", ", restricted view").
 */
export function seatLabel(
  model: SeatModel,
  index: number,
  options: { currency: string; mine: boolean },
): string {
  const tier = model.tierOfSeat(index);
  const parts = [seatPlace(model, index)];
  if (tier) parts.push(formatMoney(tier.priceCents, options.currency));
  parts.push(seatStatusWords(model, index, options.mine));
  parts.push(...seatAttributes(model, index).map((word) => word.toLowerCase()));
  return parts.join(", ");
}

/** What is special about a seat, in fans' words: "Wheelchair space", "Companion seat", "Restricted view". */
export function seatAttributes(model: SeatModel, index: number): string[] {
  const flags = model.flags[index] ?? 0;
  return seatAttributeWords({
    accessible: (flags & FLAG_ACCESSIBLE) !== 0,
    companion: (flags & FLAG_COMPANION) !== 0,
    restrictedView: (flags & FLAG_RESTRICTED) !== 0,
  });
}

/** Whether the seat is a wheelchair space (a fan confirms before holding one). */
export function isWheelchairSpace(model: SeatModel, index: number): boolean {
  return ((model.flags[index] ?? 0) & FLAG_ACCESSIBLE) !== 0;
}
