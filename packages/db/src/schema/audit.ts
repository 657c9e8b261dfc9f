import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";
import { users } from "./auth";

/** Every organizer action: who changed what, when. Written in the same transaction as the change. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuidPrimaryKey(),
    actorId: uuidReference(() => users.id, "restrict").notNull(),
    action: text().notNull(),
    /** What was changed: "event", "venue", … and its id. */
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    details: jsonb().notNull().default({}),
    requestId: text(),
    createdAt: timestamptzNow(),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId, t.createdAt),
  ],
);
