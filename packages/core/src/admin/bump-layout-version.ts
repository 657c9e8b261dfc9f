import { schema, type Queryable } from "@frontrow/db";
import { eq, sql } from "drizzle-orm";
import { recordAudit, type AuditActor } from "./record-audit";

const { venues } = schema;

/** Tells every instance caching this venue's seats to reload them (see EventLayoutCache). */
export async function bumpLayoutVersion(db: Queryable, venueId: string) {
  await db
    .update(venues)
    .set({ layoutVersion: sql`${venues.layoutVersion} + 1` })
    .where(eq(venues.id, venueId));
}

/**
 * Ends an edit of the venue's layout, inside its transaction: every instance reloads the seats, and the audit log
 * records the edit against the venue.
 */
export async function recordLayoutEdit(
  db: Queryable,
  actor: AuditActor,
  venueId: string,
  edit: { action: string; details: Record<string, unknown> },
) {
  await bumpLayoutVersion(db, venueId);
  await recordAudit(db, {
    actorId: actor.actorId,
    action: edit.action,
    subjectType: "venue",
    subjectId: venueId,
    details: edit.details,
    requestId: actor.requestId,
  });
}
