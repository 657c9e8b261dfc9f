import { schema, type Database } from "@frontrow/db";
import { asc, eq } from "drizzle-orm";

const { priceTiers } = schema;

/** An event's price tiers in the order organizers set them, cheapest first among equals. */
export function listEventTiers(db: Database, eventId: string) {
  return db
    .select({ id: priceTiers.id, name: priceTiers.name, priceCents: priceTiers.priceCents, color: priceTiers.color })
    .from(priceTiers)
    .where(eq(priceTiers.eventId, eventId))
    .orderBy(asc(priceTiers.sortOrder), asc(priceTiers.priceCents));
}
