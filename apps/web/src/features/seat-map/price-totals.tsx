import type { HoldPrice } from "@frontrow/validators";
import { formatPrice } from "./format-price";

/** Tickets, fees and total of a selection or a hold, as the map's side panel shows them. */
export function PriceTotals({
  totals,
  currency,
}: {
  totals: Pick<HoldPrice, "tickets" | "subtotalCents" | "feesCents" | "totalCents">;
  currency: string;
}) {
  const { tickets, subtotalCents, feesCents, totalCents } = totals;
  return (
    <dl className="totals">
      <div>
        <dt>
          {tickets} {tickets === 1 ? "ticket" : "tickets"}
        </dt>
        <dd>{formatPrice(subtotalCents, currency)}</dd>
      </div>
      {feesCents > 0 ? (
        <div>
          <dt>Fees</dt>
          <dd>{formatPrice(feesCents, currency)}</dd>
        </div>
      ) : null}
      <div className="totals__total">
        <dt>Total</dt>
        <dd>{formatPrice(totalCents, currency)}</dd>
      </div>
    </dl>
  );
}
