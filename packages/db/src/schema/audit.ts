import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** Every organizer action: who changed what, when. Written in the same transaction as the change. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    action: text().notNull(),
    /** What was changed: "event", "venue", … and its id. */
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    details: jsonb().notNull().default({}),
    requestId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_at_idx").on(t.createdAt),
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId, t.createdAt),
  ],
);
