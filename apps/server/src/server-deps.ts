import type { ApiDeps } from "@frontrow/api";
import {
  createEventLayoutCache,
  createRedisChangeBus,
  createRedisRateLimiter,
  createSeatSnapshotCache,
  createTestPaymentProvider,
  createTicketSigner,
  type Clock,
} from "@frontrow/core";
import type { Database } from "@frontrow/db";
import type { Redis } from "@frontrow/redis";

/** Wires the use-cases' dependencies for one process; `subscriber` is a dedicated connection for pub/sub. */
export function createServerDeps(input: {
  db: Database;
  redis: Redis;
  subscriber: Redis;
  clock: Clock;
  ticketSigningKey: string;
  paymentLatencyMs?: number;
}): Omit<ApiDeps, "observeProcedure"> {
  const { db, redis, subscriber, clock } = input;
  return {
    db,
    redis,
    clock,
    rateLimiter: createRedisRateLimiter({ redis, clock }),
    layouts: createEventLayoutCache({ db }),
    snapshots: createSeatSnapshotCache(),
    changeBus: createRedisChangeBus({ redis, subscriber }),
    payments: createTestPaymentProvider({ latencyMs: input.paymentLatencyMs }),
    tickets: createTicketSigner(input.ticketSigningKey),
  };
}
