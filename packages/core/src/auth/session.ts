import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { schema, type Database } from "@frontrow/db";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used within this much of its expiry is extended by a full lifetime (sliding expiry). */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "fan" | "admin";
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionDeps {
  db: Database;
  clock: Clock;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash of the token is stored, so a leaked sessions table cannot be replayed. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(deps: SessionDeps, input: { token: string; userId: string }): Promise<Session> {
  const session: Session = {
    id: sessionIdFromToken(input.token),
    userId: input.userId,
    expiresAt: new Date(deps.clock.now().getTime() + SESSION_LIFETIME_MS),
  };
  await deps.db.insert(schema.sessions).values(session);
  return session;
}

export interface ValidatedSession {
  session: Session;
  user: SessionUser;
  /** True when the expiry moved, so the caller should send a fresh cookie. */
  renewed: boolean;
}

export async function validateSessionToken(deps: SessionDeps, token: string): Promise<ValidatedSession | null> {
  const sessionId = sessionIdFromToken(token);
  const [row] = await deps.db
    .select({
      session: { id: schema.sessions.id, userId: schema.sessions.userId, expiresAt: schema.sessions.expiresAt },
      user: {
        id: schema.users.id,
        email: schema.users.email,
        name: schema.users.name,
        role: schema.users.role,
      },
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(eq(schema.sessions.id, sessionId));
  if (!row) return null;
  const now = deps.clock.now().getTime();
  if (now >= row.session.expiresAt.getTime()) {
    await deps.db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
    return null;
  }
  let renewed = false;
  if (now >= row.session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
    row.session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await deps.db
      .update(schema.sessions)
      .set({ expiresAt: row.session.expiresAt })
      .where(eq(schema.sessions.id, sessionId));
    renewed = true;
  }
  return { session: row.session, user: row.user, renewed };
}

export async function invalidateSession(deps: { db: Database }, sessionId: string): Promise<void> {
  await deps.db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
}
