import { schema, type Database } from "@frontrow/db";
import { and, gt, inArray } from "drizzle-orm";

/** Events that may have live holds: not cancelled or ended, and not yet started. */
export async function listSellingEventIds(deps: { db: Database }, now: Date): Promise<string[]> {
  const { events } = schema;
  const rows = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(inArray(events.status, ["scheduled", "on_sale", "paused"]), gt(events.startsAt, now)));
  return rows.map((row) => row.id);
}
