import { hash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { schema, type Database } from "@frontrow/db";
import { eq, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { isDatabaseUnreachable } from "../db/connection-errors";
import { perDatabase } from "../prepared";
import type { CachedSession, SessionCache } from "./session-cache";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used within this much of its expiry is extended by a full lifetime (sliding expiry). */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "fan" | "admin" | "scanner";
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
}

export interface SessionDeps {
  db: Database;
  clock: Clock;
  /** Recently validated sessions of this process; without it every validation reads Postgres. */
  sessionCache?: SessionCache;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Only this hash of the token is stored, so a leaked sessions table cannot be replayed. SHA-256 in hex as the
 * Lucia guide has it, from Node's one-shot native hash: it runs on every request, and @oslojs/crypto's JavaScript
 * SHA-256 took 2.8 µs, a `createHash` object 0.9 µs, this 0.3 µs (the same digest).
 */
export function sessionIdFromToken(token: string): string {
  return hash("sha256", token, "hex");
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
  return validateSessionId(deps, sessionIdFromToken(token));
}

const statements = perDatabase((db) => ({
  readSession: db
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
    .where(eq(schema.sessions.id, sql.placeholder("sessionId")))
    .prepare("session_read"),
}));

async function readSession(db: Database, sessionId: string): Promise<CachedSession | undefined> {
  const [row] = await statements(db).readSession.execute({ sessionId });
  return row;
}

/**
 * The session and its user, or null when it does not exist or has expired. Served from the session cache when
 * it has the session; the sliding renewal writes once per renewal window, not per request.
 */
export async function validateSessionId(deps: SessionDeps, sessionId: string): Promise<ValidatedSession | null> {
  const cached = deps.sessionCache?.get(sessionId);
  let entry = cached;
  if (!entry) {
    try {
      entry = await readSession(deps.db, sessionId);
    } catch (error) {
      // Postgres restarting must not sign every fan out of what needs no Postgres (holds): a session this process
      // validated minutes ago, and that no instance revoked since, still counts until Postgres answers again.
      const stale = isDatabaseUnreachable(error) ? deps.sessionCache?.getStale(sessionId) : undefined;
      if (!stale) throw error;
      return deps.clock.now() >= stale.session.expiresAt ? null : { ...stale, renewed: false };
    }
  }
  if (!entry) return null;
  const now = deps.clock.now().getTime();
  if (now >= entry.session.expiresAt.getTime()) {
    await invalidateSession(deps, sessionId);
    return null;
  }
  let renewed = false;
  let session = entry.session;
  if (now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
    session = { ...session, expiresAt: new Date(now + SESSION_LIFETIME_MS) };
    // Cached before the write, so the requests that arrive meanwhile do not renew it again.
    deps.sessionCache?.set(sessionId, { session, user: entry.user });
    await deps.db.update(schema.sessions).set({ expiresAt: session.expiresAt }).where(eq(schema.sessions.id, sessionId));
    renewed = true;
  } else if (!cached) {
    deps.sessionCache?.set(sessionId, entry);
  }
  return { session, user: entry.user, renewed };
}

/** Ends a session: deleted from Postgres, then dropped from every instance's session cache. */
export async function invalidateSession(
  deps: { db: Database; sessionCache?: SessionCache },
  sessionId: string,
): Promise<void> {
  await deps.db.delete(schema.sessions).where(eq(schema.sessions.id, sessionId));
  await deps.sessionCache?.forget(sessionId);
}
