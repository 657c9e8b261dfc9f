import { TRPCError } from "@trpc/server";
import {
  createEventLayoutCache,
  createRedisEventUpdateBus,
  createRedisChangeBus,
  createRedisRateLimiter,
  createSeatSnapshotCache,
  createAccessPassSigner,
  createDashboardWatchers,
  createRedisQueueHeadBus,
  createTestPaymentProvider,
  createTicketSigner,
  generateTicketSigningKey,
  type SignInLimits,
} from "@frontrow/core";
import { test as servicesTest } from "@frontrow/core/testing";
import { createContext, type ApiDeps } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);

export interface ClientOptions {
  ip?: string;
  sessionToken?: string;
}

/** A caller of the real router, carrying its own cookie jar the way a browser would. */
export interface TestClient {
  call(options?: { signal?: AbortSignal }): Promise<ReturnType<typeof createCaller>>;
  sessionToken: string | undefined;
}

export interface ApiHarness {
  deps: ApiDeps;
  client(options?: ClientOptions): TestClient;
  /** Registers a fan and returns their signed-in client. */
  fan(name?: string): Promise<TestClient & { userId: string }>;
}

export function createApiHarness(deps: ApiDeps): ApiHarness {
  let fans = 0;
  const harness: ApiHarness = {
    deps,
    async fan(name = `Fan ${++fans}`) {
      const client = harness.client({ ip: `198.18.0.${fans % 250}` });
      const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2)}@example.com`;
      const { user } = await (await client.call()).auth.register({ email, password: "correct horse battery", name });
      return Object.assign(client, { userId: user.id });
    },
    client(options = {}) {
      const client: TestClient = {
        sessionToken: options.sessionToken,
        async call(callOptions = {}) {
          const ctx = await createContext(deps, {
            requestId: "test",
            ip: options.ip ?? "203.0.113.1",
            sessionToken: client.sessionToken,
            cookies: {
              set: (token) => {
                client.sessionToken = token;
              },
              clear: () => {
                client.sessionToken = undefined;
              },
            },
          });
          return createCaller(ctx, { signal: callOptions.signal });
        },
      };
      return client;
    },
  };
  return harness;
}

const testTicketSigner = createTicketSigner(generateTicketSigningKey());

export const testSignInLimits: SignInLimits = {
  perAccount: { limit: 3, windowMs: 60_000 },
  perIp: { limit: 6, windowMs: 60_000 },
};

/** `test` with the router wired to this test's own Postgres database and Redis prefix. */
export const test = servicesTest.extend<{ api: ApiHarness }>({
  api: async ({ services }, use) => {
    const { database, redisStore, clock } = services;
    const changeBus = createRedisChangeBus({ redis: redisStore.redis, subscriber: redisStore.connect({ forSubscriptions: true }), tickMs: 10 });
    const queueHeads = createRedisQueueHeadBus({ redis: redisStore.redis, subscriber: redisStore.connect({ forSubscriptions: true }) });
    const passes = createAccessPassSigner("test-pass-secret-that-is-long-enough-for-hmac");
    const layouts = createEventLayoutCache({ db: database.db }, { rulesTtlMs: 0 });
    const eventUpdates = createRedisEventUpdateBus({
      redis: redisStore.redis,
      subscriber: redisStore.connect({ forSubscriptions: true }),
      clock,
      layouts,
    });
    // No heartbeat within a test: a dashboard that updates must have been pushed by a change.
    const dashboards = createDashboardWatchers(
      { db: database.db, redis: redisStore.redis, clock, layouts, changeBus, queueHeads },
      { heartbeatMs: 3_600_000 },
    );
    try {
      await use(
        createApiHarness({
          db: database.db,
          redis: redisStore.redis,
          clock,
          rateLimiter: createRedisRateLimiter({ redis: redisStore.redis, clock }),
          signInLimits: testSignInLimits,
          layouts,
          snapshots: createSeatSnapshotCache({ maxAgeMs: 0 }),
          changeBus,
          payments: createTestPaymentProvider(),
          tickets: testTicketSigner,
          passes,
          verifyAccessPass: passes.verify,
          queueHeads,
          dashboards,
          eventUpdates,
        }),
      );
    } finally {
      dashboards.close();
      await Promise.all([changeBus.close(), queueHeads.close(), eventUpdates.close()]);
    }
  },
});

/** Awaits a call that must fail and returns its TRPCError. */
export async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The domain code behind a TRPCError, as clients see it in `error.data.domainCode`. */
export function domainCode(error: TRPCError): string | undefined {
  return (error.cause as { code?: string } | undefined)?.code;
}
