import { schema, type Database } from "@frontrow/db";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

/**
 * The newest organizer actions first, optionally for one subject, with who did each and the subject's name.
 * `cursor` (an entry's id) continues the list after that entry.
 */
export async function listAuditLog(
  deps: { db: Database },
  input: { subjectId?: string; limit?: number; cursor?: string } = {},
) {
  const { auditLog, users, events, venues } = schema;
  const subjectUser = alias(users, "subject_user");
  const filters: SQL[] = [];
  if (input.subjectId) filters.push(eq(auditLog.subjectId, input.subjectId));
  if (input.cursor) {
    // Entries written in the same instant keep a stable order by id.
    filters.push(
      sql`(${auditLog.createdAt}, ${auditLog.id}) < (select a.created_at, a.id from audit_log a where a.id = ${input.cursor})`,
    );
  }
  return deps.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      /** The event's or venue's current name, or the account's email; null once it no longer exists. */
      subjectName: sql<string | null>`coalesce(${events.name}, ${venues.name}, ${subjectUser.email})`,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actor: { id: users.id, name: users.name, email: users.email },
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(events, and(eq(auditLog.subjectType, "event"), eq(events.id, auditLog.subjectId)))
    .leftJoin(venues, and(eq(auditLog.subjectType, "venue"), eq(venues.id, auditLog.subjectId)))
    .leftJoin(subjectUser, and(eq(auditLog.subjectType, "user"), eq(subjectUser.id, auditLog.subjectId)))
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit ?? 100);
}
