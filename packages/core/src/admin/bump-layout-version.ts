import { schema, type Queryable } from "@frontrow/db";
import { eq, sql } from "drizzle-orm";

const { venues } = schema;

/** Tells every instance caching this venue's seats to reload them (see EventLayoutCache). */
export async function bumpLayoutVersion(db: Queryable, venueId: string) {
  await db
    .update(venues)
    .set({ layoutVersion: sql`${venues.layoutVersion} + 1` })
    .where(eq(venues.id, venueId));
}
