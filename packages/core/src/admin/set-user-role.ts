import { schema, type Database } from "@frontrow/db";
import { eq } from "drizzle-orm";
import type { SessionCache } from "../auth/session-cache";
import { DomainError } from "../errors";
import { recordAudit, type AuditActor } from "./record-audit";

export interface SetUserRoleDeps {
  db: Database;
  sessionCache?: SessionCache;
}

/**
 * An organizer makes an account a door scanner (or a fan again). Admins keep their role: this cannot make or unmake
 * one. The change and its audit-log line are one transaction (a scanner can let people in, so who granted it is kept).
 * The account's cached sessions are dropped on every instance, so the new role counts from its next request.
 */
export async function setUserRole(
  deps: SetUserRoleDeps,
  input: { email: string; role: "fan" | "scanner" } & AuditActor,
) {
  const { users, sessions } = schema;
  const updated = await deps.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, input.email))
      .for("update");
    if (!user) throw new DomainError("NOT_FOUND", "No account has this email");
    if (user.role === "admin")
      throw new DomainError("FORBIDDEN", "Organizers keep their role", { field: "email" });
    const [changed] = await tx
      .update(users)
      .set({ role: input.role })
      .where(eq(users.id, user.id))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (user.role !== input.role) {
      await recordAudit(tx, {
        actorId: input.actorId,
        requestId: input.requestId,
        action: "user.role",
        subjectType: "user",
        subjectId: user.id,
        details: { from: user.role, to: input.role },
      });
    }
    return changed!;
  });
  const open = await deps.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, updated.id));
  await Promise.all(open.map((session) => deps.sessionCache?.forget(session.id)));
  return updated;
}
