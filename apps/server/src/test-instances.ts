import { createServer } from "node:net";
import { Writable } from "node:stream";
import type { AppRouter } from "@frontrow/api";
import { generateTicketSigningKey } from "@frontrow/core";
import { test as servicesTest, type TestServices } from "@frontrow/core/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import pino from "pino";
import superjson from "superjson";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { createServerDeps } from "./server-deps";

const ticketSigningKey = generateTicketSigningKey();

/** A server instance's dependencies on the test's Postgres and Redis prefix (its own Redis connection if given). */
export function testServerDeps(services: TestServices, redis = services.redisStore.redis) {
  return createServerDeps({
    db: services.database.db,
    redis,
    subscriber: services.redisStore.connect({ forSubscriptions: true }),
    queueSubscriber: services.redisStore.connect({ forSubscriptions: true }),
    clock: services.clock,
    passSecret: "a-test-pass-secret-of-enough-length",
    ticketSigningKey,
  });
}

/** A logger at `level` whose lines are parsed into `lines`, for tests that read what the server logged. */
export function collectingLogger(level: pino.Level) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

/** Two server instances sharing one Postgres database and one Redis prefix, as in production. */
/** One server instance on a free port for each test (`base` is its URL); `options` as createApp takes them. */
export function singleInstanceTest(options: { trustProxy?: boolean } = {}) {
  return servicesTest.extend<{ base: string }>({
    base: async ({ services }, use) => {
      const deps = testServerDeps(services);
      const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics(), ...options });
      const { port } = await app.listen(0, "127.0.0.1");
      try {
        await use(`http://127.0.0.1:${port}`);
      } finally {
        await app.close(500);
        await Promise.all([deps.changeBus.close(), deps.queueHeads.close()]);
      }
    },
  });
}

export const test = servicesTest.extend<{ instances: string[] }>({
  instances: async ({ services }, use) => {
    const apps = await Promise.all(
      [0, 1].map(async () => {
        const deps = testServerDeps(services, services.redisStore.connect());
        const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics() });
        const { port } = await app.listen(0, "127.0.0.1");
        return { app, deps, base: `http://127.0.0.1:${port}` };
      }),
    );
    try {
      await use(apps.map((instance) => instance.base));
    } finally {
      for (const { app, deps } of apps) {
        await app.close(500);
        deps.seatMapParts.close();
        await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
      }
    }
  },
});

/** A tRPC HTTP client on one instance that keeps its session cookie in `cookie.value`, like a browser. */
export function cookieClient(base: string, cookie = { value: "" }) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const headers = { ...(init?.headers as object), cookie: cookie.value };
          const response = await fetch(url, { ...(init as RequestInit), headers });
          const set = response.headers.getSetCookie()[0];
          if (set) cookie.value = set.split(";")[0]!;
          return response;
        },
      }),
    ],
  });
  return client;
}

/** A fan registered through `base`, signed in by the cookie the server set (kept in `cookie.value`). */
export async function signedInClient(base: string, email: string, cookie = { value: "" }) {
  const client = cookieClient(base, cookie);
  await client.auth.register.mutate({ email, password: "correct horse battery", name: email });
  return client;
}

/** A TCP port free on 127.0.0.1 right now, for a server process a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}
