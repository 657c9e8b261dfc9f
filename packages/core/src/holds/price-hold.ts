import { priceTotals, seatAttributeWords, seatLabel, type HoldPrice, type HoldPriceLine } from "@frontrow/validators";
import type { EventLayout } from "./event-layout";

const byNumber = new Intl.Collator(undefined, { numeric: true });

/**
 * What a hold costs at the event's current prices: a line per reserved seat (in section, row and seat order) and
 * one per standing area, the subtotal, the fee per ticket and the total. The one pricing rule: holds show it, and
 * checkout charges it. A seat on resale costs what its seller paid (`resalePrices`, by seat id), never the tier's price.
 */
export function priceHold(
  layout: EventLayout,
  hold: { seatIds: readonly string[]; generalAdmission: ReadonlyArray<{ sectionId: string; quantity: number }> },
  resalePrices?: ReadonlyMap<string, number>,
): HoldPrice {
  const seated: Array<HoldPriceLine & { order: [string, string, number] }> = [];
  for (const seatId of hold.seatIds) {
    const seat = layout.seatById.get(seatId)!;
    const section = layout.sectionById.get(seat.sectionId)!;
    const tier = layout.tierById.get(seat.tierId)!;
    seated.push({
      key: seatId,
      seatId,
      sectionId: section.id,
      tierId: tier.id,
      label: seatLabel(section.name, seat.row, seat.number),
      tierName: tier.name,
      attributes: seatAttributeWords(seat),
      quantity: 1,
      unitCents: resalePrices?.get(seatId) ?? tier.priceCents,
      order: [section.name, seat.row, seat.number],
    });
  }
  seated.sort(
    ({ order: a }, { order: b }) => byNumber.compare(a[0], b[0]) || byNumber.compare(a[1], b[1]) || a[2] - b[2],
  );
  const lines: HoldPriceLine[] = seated.map(({ order: _order, ...line }) => line);
  for (const { sectionId, quantity } of hold.generalAdmission) {
    const section = layout.sectionById.get(sectionId)!;
    const tier = layout.tierById.get(section.tierId)!;
    lines.push({
      key: sectionId,
      seatId: null,
      sectionId,
      tierId: tier.id,
      label: section.name,
      tierName: tier.name,
      attributes: [],
      quantity,
      unitCents: tier.priceCents,
    });
  }
  return { lines, ...priceTotals(lines, layout.event.feeCents), currency: layout.event.currency };
}
