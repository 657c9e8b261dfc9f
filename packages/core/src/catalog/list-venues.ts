import { schema, type Database } from "@frontrow/db";
import { asc, sql } from "drizzle-orm";

const { venues } = schema;

export async function listVenues(deps: { db: Database }) {
  return deps.db
    .select({
      id: venues.id,
      name: venues.name,
      city: venues.city,
      sectionCount: sql<number>`(select count(*)::int from sections s where s.venue_id = venues.id)`,
      seatCount: sql<number>`(select count(*)::int from seats s where s.venue_id = venues.id)`,
    })
    .from(venues)
    .orderBy(asc(venues.name));
}
