import { eventDisplayStatus } from "./event-display-status";
import type { SummaryRow } from "./event-summary-fields";

/** Replaces the stored lifecycle with the status a fan sees. */
export function toEventSummary<Row extends SummaryRow>(row: Row, now: Date) {
  const { lifecycle, salesEndAt, ...rest } = row;
  const status = eventDisplayStatus({ status: lifecycle, onSaleAt: row.onSaleAt, startsAt: row.startsAt, salesEndAt }, row.available, now);
  return { ...rest, salesEndAt, status };
}
