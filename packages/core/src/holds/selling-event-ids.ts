import { schema, type Database } from "@frontrow/db";
import { and, gt, inArray, sql } from "drizzle-orm";
import { perDatabase } from "../prepared";

const { events } = schema;

const statements = perDatabase((db) => ({
  selling: db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        inArray(events.status, ["scheduled", "on_sale", "paused"]),
        gt(events.startsAt, sql.param(sql.placeholder("now"), events.startsAt)),
      ),
    )
    .prepare("selling_event_ids"),
}));

/** Events that may have live holds: not cancelled or ended, and not yet started. */
export async function listSellingEventIds(deps: { db: Database }, now: Date): Promise<string[]> {
  const rows = await statements(deps.db).selling.execute({ now });
  return rows.map((row) => row.id);
}
