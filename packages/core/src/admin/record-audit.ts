import { schema, type Queryable } from "@frontrow/db";

/** Who made a change, and in which request: what every audited admin action is given. */
export interface AuditActor {
  actorId: string;
  requestId?: string;
}

export interface AuditEntry extends AuditActor {
  action: string;
  subjectType: "event" | "venue" | "user";
  subjectId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit-log line; call it inside the transaction of the change it records. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(schema.auditLog).values({ ...entry, details: entry.details ?? {}, requestId: entry.requestId ?? null });
}
