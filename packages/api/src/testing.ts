import { createRedisRateLimiter, type SignInLimits } from "@frontrow/core";
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
  call(): Promise<ReturnType<typeof createCaller>>;
  sessionToken: string | undefined;
}

export interface ApiHarness {
  deps: ApiDeps;
  client(options?: ClientOptions): TestClient;
}

export function createApiHarness(deps: ApiDeps): ApiHarness {
  return {
    deps,
    client(options = {}) {
      const client: TestClient = {
        sessionToken: options.sessionToken,
        async call() {
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
          return createCaller(ctx);
        },
      };
      return client;
    },
  };
}

export const testSignInLimits: SignInLimits = {
  perAccount: { limit: 3, windowMs: 60_000 },
  perIp: { limit: 6, windowMs: 60_000 },
};

/** `test` with the router wired to this test's own Postgres database and Redis prefix. */
export const test = servicesTest.extend<{ api: ApiHarness }>({
  api: async ({ services }, use) => {
    const { database, redisStore, clock } = services;
    await use(
      createApiHarness({
        db: database.db,
        redis: redisStore.redis,
        clock,
        rateLimiter: createRedisRateLimiter({ redis: redisStore.redis, clock }),
        signInLimits: testSignInLimits,
      }),
    );
  },
});
