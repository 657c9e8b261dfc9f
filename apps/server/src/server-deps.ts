import type { ApiDeps } from "@frontrow/api";
import {
  createAccessPassSigner,
  createProofOfWork,
  createDashboardWatchers,
  createEventLayoutCache,
  createRedisChangeBus,
  createRedisEventUpdateBus,
  createQueueWatchHub,
  createRedisQueueHeadBus,
  createRedisRateLimiter,
  createSeatSnapshotCache,
  createSeatMapParts,
  createSessionCache,
  createTestPaymentProvider,
  createTicketSigner,
  postgresLiveness,
  type Clock,
  type AbuseLimits,
  type ProofOfWorkSettings,
  type SignInLimits,
} from "@frontrow/core";
import type { Database } from "@frontrow/db";
import type { Redis } from "@frontrow/redis";

/** Wires the use-cases' dependencies for one process; `subscriber` is a dedicated connection for pub/sub. */
export function createServerDeps(input: {
  db: Database;
  redis: Redis;
  subscriber: Redis;
  /** A second dedicated pub/sub connection, for waiting-room heads. */
  queueSubscriber: Redis;
  clock: Clock;
  /** This process's name among the database's connections (its pool's application_name), if it has one. */
  processName?: string;
  ticketSigningKey: string;
  passSecret: string;
  paymentLatencyMs?: number;
  /** Failed sign-ins allowed; the defaults of `defaultSignInLimits` when unset. */
  signInLimits?: SignInLimits;
  /** Limits against bots; the defaults of `defaultAbuseLimits` when unset. */
  abuseLimits?: AbuseLimits;
  /** Proof-of-work challenges; none asked for when unset. */
  proofOfWork?: ProofOfWorkSettings;
}): Omit<ApiDeps, "observeProcedure"> {
  const { db, redis, subscriber, clock } = input;
  const passes = createAccessPassSigner(input.passSecret);
  const changeBus = createRedisChangeBus({ redis, subscriber });
  const queueHeads = createRedisQueueHeadBus({ redis, subscriber: input.queueSubscriber });
  const layouts = createEventLayoutCache({ db });
  // Shares the seat changes' subscriber connection: one more channel on it, not one more connection.
  const eventUpdates = createRedisEventUpdateBus({ redis, subscriber, clock, layouts });
  return {
    db,
    redis,
    clock,
    rateLimiter: createRedisRateLimiter({ redis, clock }),
    signInLimits: input.signInLimits,
    abuseLimits: input.abuseLimits,
    proofOfWork: input.proofOfWork && createProofOfWork({ redis }, input.proofOfWork),
    // One more channel on the seat changes' subscriber connection.
    sessionCache: createSessionCache({ redis, subscriber }),
    layouts,
    snapshots: createSeatSnapshotCache(),
    seatMapParts: createSeatMapParts(),
    changeBus,
    payments: createTestPaymentProvider({ latencyMs: input.paymentLatencyMs }),
    tickets: createTicketSigner(input.ticketSigningKey),
    liveness: input.processName ? postgresLiveness(db, input.processName) : undefined,
    passes,
    verifyAccessPass: passes.verify,
    queueHeads,
    queueWatch: createQueueWatchHub({ redis, clock, layouts, passes, queueHeads }),
    dashboards: createDashboardWatchers({ db, redis, clock, layouts, changeBus, queueHeads, eventUpdates }),
    eventUpdates,
  };
}
