import { schema, type Database } from "@frontrow/db";
import { and, desc, eq, type SQL } from "drizzle-orm";

/** The newest organizer actions first, optionally for one subject. */
export async function listAuditLog(
  deps: { db: Database },
  input: { subjectId?: string; limit?: number } = {},
) {
  const { auditLog, users } = schema;
  const filters: SQL[] = [];
  if (input.subjectId) filters.push(eq(auditLog.subjectId, input.subjectId));
  return deps.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actor: { id: users.id, name: users.name, email: users.email },
    })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt))
    .limit(input.limit ?? 100);
}
