import { schema, type Queryable } from "@frontrow/db";

export interface AuditEntry {
  actorId: string;
  action: string;
  subjectType: "event" | "venue";
  subjectId: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** Writes one audit-log line; call it inside the transaction of the change it records. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(schema.auditLog).values({ ...entry, details: entry.details ?? {}, requestId: entry.requestId ?? null });
}
