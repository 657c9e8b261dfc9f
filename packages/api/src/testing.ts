import { TRPCError } from "@trpc/server";
import {
  createEventLayoutCache,
  createRedisEventUpdateBus,
  createRedisChangeBus,
  createRedisRateLimiter,
  createSeatSnapshotCache,
  createSeatMapParts,
  createSessionCache,
  createAccessPassSigner,
  createDashboardWatchers,
  createQueueWatchHub,
  createRedisQueueHeadBus,
  createTestPaymentProvider,
  createTicketSigner,
  generateTicketSigningKey,
  TEST_CARDS,
  isDomainError,
  type DomainErrorCode,
  type EventUpdate,
  type EventUpdateBus,
  type SignInLimits,
} from "@frontrow/core";
import { test as servicesTest, type TestServices } from "@frontrow/core/testing";
import type { Sql } from "postgres";
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
      const { user } = await (
        await client.call()
      ).auth.register({ email, password: "correct horse battery", name });
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
  perAccountAndIp: { limit: 3, windowMs: 60_000 },
  perAccount: { limit: 8, windowMs: 60_000 },
  perIp: { limit: 6, windowMs: 60_000 },
};

/** A card the test payment provider approves. */
export const approvedCard = {
  cardNumber: TEST_CARDS.approved,
  expMonth: 12,
  expYear: 2099,
  cvc: "123",
  name: "Fan",
};

interface TestInstance {
  deps: ApiDeps;
  close(): Promise<void>;
}

/** The dependencies of one server instance on the test's Postgres and Redis: its own caches and pub/sub connections. */
function startTestInstance(
  services: TestServices,
  options: { redis: ApiDeps["redis"]; layouts: { rulesTtlMs?: number; layoutTtlMs?: number } },
): TestInstance {
  const { database, redisStore, clock } = services;
  const { redis } = options;
  const changeBus = createRedisChangeBus({
    redis,
    subscriber: redisStore.connect({ forSubscriptions: true }),
    tickMs: 10,
  });
  const queueHeads = createRedisQueueHeadBus({
    redis,
    subscriber: redisStore.connect({ forSubscriptions: true }),
  });
  const passes = createAccessPassSigner("test-pass-secret-that-is-long-enough-for-hmac");
  const layouts = createEventLayoutCache({ db: database.db }, options.layouts);
  const eventUpdates = createRedisEventUpdateBus({
    redis,
    subscriber: redisStore.connect({ forSubscriptions: true }),
    clock,
    layouts,
  });
  // No heartbeat within a test: a dashboard that updates must have been pushed by a change.
  const dashboards = createDashboardWatchers(
    { db: database.db, redis, clock, layouts, changeBus, queueHeads, eventUpdates },
    { heartbeatMs: 3_600_000 },
  );
  const sessionCache = createSessionCache({ redis, subscriber: redisStore.connect({ forSubscriptions: true }) });
  const queueWatch = createQueueWatchHub({ redis, clock, layouts, passes, queueHeads });
  const seatMapParts = createSeatMapParts();
  return {
    deps: {
      db: database.db,
      redis,
      clock,
      rateLimiter: createRedisRateLimiter({ redis, clock }),
      sessionCache,
      signInLimits: testSignInLimits,
      layouts,
      snapshots: createSeatSnapshotCache({ maxAgeMs: 0 }),
      seatMapParts,
      changeBus,
      payments: createTestPaymentProvider(),
      tickets: testTicketSigner,
      passes,
      verifyAccessPass: passes.verify,
      queueHeads,
      queueWatch,
      dashboards,
      eventUpdates,
    },
    async close() {
      dashboards.close();
      await queueWatch.close();
      seatMapParts.close();
      await Promise.all([changeBus.close(), queueHeads.close(), eventUpdates.close(), sessionCache.close()]);
    },
  };
}

/** `test` with the router wired to this test's own Postgres database and Redis prefix. */
export const test = servicesTest.extend<{ api: ApiHarness }>({
  api: async ({ services }, use) => {
    // Rules are read again on every call: a change shows at once on this instance even without its published update.
    const instance = startTestInstance(services, {
      redis: services.redisStore.redis,
      layouts: { rulesTtlMs: 0 },
    });
    try {
      await use(createApiHarness(instance.deps));
    } finally {
      await instance.close();
    }
  },
});

/**
 * Another server instance on the same Postgres and Redis, with its own Redis connection, caches and pub/sub
 * connections. Its layouts never refresh on their own: only a published update can make it see a change.
 */
export function startOtherInstance(services: TestServices): ApiHarness & { close(): Promise<void> } {
  const instance = startTestInstance(services, {
    redis: services.redisStore.connect(),
    layouts: { rulesTtlMs: 3_600_000, layoutTtlMs: 3_600_000 },
  });
  return Object.assign(createApiHarness(instance.deps), { close: instance.close });
}

/** Registers a fan and makes them an organizer (the admin role). */
export async function signInOrganizer(api: ApiHarness, sql: Sql, name = "Organizer") {
  const admin = await api.fan(name);
  await sql`update users set role = 'admin' where id = ${admin.userId}`;
  return admin;
}

/** Takes the next value of a subscription, failing after `ms`. */
export async function nextValue<T>(iterator: AsyncIterator<T>, ms = 3_000): Promise<T> {
  const result = await Promise.race([
    iterator.next(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("nothing arrived")), ms)),
  ]);
  if (result.done) throw new Error("subscription ended");
  return result.value;
}

/** Resolves once the bus is listening: `heard` then resolves to the event's next organizer update on that instance. */
export async function listenForEventUpdate(
  bus: EventUpdateBus,
  eventId: string,
): Promise<{ heard: Promise<EventUpdate> }> {
  let resolve: (update: EventUpdate) => void = () => undefined;
  const heard = new Promise<EventUpdate>((resolveHeard) => (resolve = resolveHeard));
  const unsubscribe = await bus.subscribe(eventId, (update) => resolve(update));
  return { heard: heard.finally(unsubscribe) };
}

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
export function domainCode(error: TRPCError): DomainErrorCode | undefined {
  return isDomainError(error.cause) ? error.cause.code : undefined;
}
