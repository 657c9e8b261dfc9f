import {
  validateSessionToken,
  type AbuseLimits,
  type ProofOfWork,
  type AccessPassVerifier,
  type ChangeBus,
  type DashboardWatchers,
  type EventLayoutCache,
  type EventUpdateBus,
  type AccessPassSigner,
  type PaymentProvider,
  type QueueHeadBus,
  type QueueWatchHub,
  type TicketSigner,
  type SeatSnapshotCache,
  type SeatMapParts,
  type Clock,
  type RateLimiter,
  type Session,
  type SessionUser,
  type SignInLimits,
  type SessionCache,
  type ProcessLiveness,
} from "@frontrow/core";
import type { Database } from "@frontrow/db";
import type { Redis } from "@frontrow/redis";
import { unavailableIfUnreachable } from "./unavailable";

/** Records one procedure call; the server feeds these into Prometheus. */
export type ProcedureObserver = (call: { path: string; type: string; durationMs: number; code: string }) => void;

/** Everything procedures may reach; built once per process by the server (or per test). */
export interface ApiDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  rateLimiter: RateLimiter;
  /** Sessions validated recently by this process; revocations reach every instance's cache. */
  sessionCache: SessionCache;
  signInLimits?: SignInLimits;
  /** Limits against bots (sign-ups, holds, waiting-room joins, seats held per address); defaults when unset. */
  abuseLimits?: AbuseLimits;
  /** ALTCHA challenges for sign-ups and high-demand waiting rooms; unset: none asked for. */
  proofOfWork?: ProofOfWork;
  observeProcedure?: ProcedureObserver;
  layouts: EventLayoutCache;
  snapshots: SeatSnapshotCache;
  /** The seat map's layout, seat ids and live status, encoded once (GET /api/events/:id/…). */
  seatMapParts: SeatMapParts;
  changeBus: ChangeBus;
  verifyAccessPass: AccessPassVerifier;
  passes: AccessPassSigner;
  queueHeads: QueueHeadBus;
  /** Live waiting-room positions of the fans subscribed on this process. */
  queueWatch: QueueWatchHub;
  /** Organizer changes to events, published to every instance (which drops its cached layout) and to fans. */
  eventUpdates: EventUpdateBus;
  /** The live organizer dashboards of this process, shared by every admin watching an event. */
  dashboards: DashboardWatchers;
  payments: PaymentProvider;
  tickets: TicketSigner;
  /** This process's name, and whether another process is alive (a checkout it was running died with it). */
  liveness?: ProcessLiveness;
  /** How long a change waits for a row lock before it is refused as BUSY (DEFAULT_LOCK_TIMEOUT_MS when unset). */
  lockTimeoutMs?: number;
  onAfterCommitError?: (error: unknown, context: { orderId: string; step: string }) => void;
}

/** Sets or clears the session cookie; a no-op where the transport has no response headers (WebSocket). */
export interface SessionCookieJar {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface RequestMeta {
  requestId: string;
  ip: string;
  /** The session token from the cookie or, for non-browser WebSocket clients, connectionParams. */
  sessionToken: string | undefined;
  cookies: SessionCookieJar;
  /**
   * What the call came over when it outlives the call (a WebSocket): subscriptions are counted per connection,
   * including those the server serves outside tRPC (see seat-change-subscriptions.ts).
   */
  connection?: object;
}

export interface Context extends Omit<RequestMeta, "sessionToken"> {
  deps: ApiDeps;
  user: SessionUser | null;
  session: Session | null;
}

/**
 * Resolves the session; a bad or expired one makes the request anonymous, never an error. A session that can only
 * be read from a Postgres out of reach is a 503.
 */
export async function createContext(deps: ApiDeps, meta: RequestMeta): Promise<Context> {
  const { sessionToken } = meta;
  const validated = sessionToken
    ? await validateSessionToken(deps, sessionToken).catch((error: unknown) => {
        throw unavailableIfUnreachable(error);
      })
    : null;
  if (validated?.renewed && sessionToken) meta.cookies.set(sessionToken, validated.session.expiresAt);
  if (sessionToken && !validated) meta.cookies.clear();
  // Spelled out rather than spread from `meta`: one per request, and a rest spread was 2 % of a refused hold.
  return {
    requestId: meta.requestId,
    ip: meta.ip,
    cookies: meta.cookies,
    connection: meta.connection,
    deps,
    user: validated?.user ?? null,
    session: validated?.session ?? null,
  };
}
