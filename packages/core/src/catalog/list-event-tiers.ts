import { schema, type Database } from "@frontrow/db";
import { asc, eq, sql } from "drizzle-orm";
import { perDatabase } from "../prepared";

const { priceTiers } = schema;

const statements = perDatabase((db) => ({
  tiers: db
    .select({ id: priceTiers.id, name: priceTiers.name, priceCents: priceTiers.priceCents, color: priceTiers.color })
    .from(priceTiers)
    .where(eq(priceTiers.eventId, sql.placeholder("eventId")))
    .orderBy(asc(priceTiers.sortOrder), asc(priceTiers.priceCents))
    .prepare("catalog_event_tiers"),
}));

/** An event's price tiers in the order organizers set them, cheapest first among equals. */
export function listEventTiers(db: Database, eventId: string) {
  return statements(db).tiers.execute({ eventId });
}
