import type { ReactNode } from "react";
import { formatMoney } from "../lib/format";

/** Tickets, fees and total of an order, as checkout shows them before paying and the order page after. */
export function SummaryTotals({
  tickets,
  subtotalCents,
  feesCents,
  totalCents,
  currency,
  feeNote,
  flush = false,
}: {
  tickets: number;
  subtotalCents: number;
  feesCents: number;
  totalCents: number;
  currency: string;
  /** How the fees add up, after the word "Fees" (checkout passes one, or null when there is no fee). */
  feeNote?: ReactNode;
  flush?: boolean;
}) {
  return (
    <dl className={flush ? "summary-totals summary-totals--flush" : "summary-totals"}>
      <div>
        <dt>Tickets ({tickets})</dt>
        <dd>{formatMoney(subtotalCents, currency)}</dd>
      </div>
      <div>
        <dt>
          Fees{feeNote === undefined ? null : " "}
          {feeNote}
        </dt>
        <dd>{formatMoney(feesCents, currency)}</dd>
      </div>
      <div className="summary-totals__total">
        <dt>Total</dt>
        <dd>{formatMoney(totalCents, currency)}</dd>
      </div>
    </dl>
  );
}
