import { index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey, uuidReference } from "./columns";

export const userRole = pgEnum("user_role", ["fan", "admin", "scanner"]);

export const users = pgTable(
  "users",
  {
    id: uuidPrimaryKey(),
    /** Stored normalized (trimmed, lower-case); see normalizeEmail in core. */
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: userRole().notNull().default("fan"),
    createdAt: timestamptzNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

/** Lucia-guide sessions: the id is the SHA-256 of the token the client holds; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuidReference(() => users.id, "cascade").notNull(),
    expiresAt: timestamptz().notNull(),
    createdAt: timestamptzNow(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);
