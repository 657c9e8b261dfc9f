import { test as servicesTest } from "@frontrow/core/testing";
import superjson from "superjson";
import { describe, expect } from "vitest";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { collectingLogger, testServerDeps } from "./test-instances";

/** One server whose log lines are kept in `lines`. */
const test = servicesTest.extend<{ server: { base: string; lines: Array<Record<string, unknown>> } }>({
  server: async ({ services }, use) => {
    const { logger, lines } = collectingLogger("error");
    const deps = testServerDeps(services);
    const app = createApp({
      deps,
      logger,
      metrics: createMetrics(),
      // A failure outside tRPC: /metrics of this server cannot be gathered.
      metricsText: () => Promise.reject(new Error("metrics registry at 10.0.0.7 refused: secret detail")),
    });
    const { port } = await app.listen(0, "127.0.0.1");
    try {
      await use({ base: `http://127.0.0.1:${port}`, lines });
    } finally {
      await app.close(500);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
    }
  },
});

describe("a real failure (500)", () => {
  test("tells the client only a generic message and the request id; the log has the query and the cause", async ({
    server,
    services,
  }) => {
    // A real database failure inside a procedure: the insert of the new user breaks a constraint.
    await services.database.sql.unsafe(`alter table users add constraint users_no_boom check (position('Boom' in name) = 0)`);
    const response = await fetch(`${server.base}/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-500-check" },
      body: JSON.stringify(superjson.serialize({ email: "boom@example.com", password: "a long enough password", name: "Boom" })),
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    for (const leak of ["insert into", "users", "params", "argon2", "boom@example.com", "users_no_boom", "constraint"]) {
      expect(text.toLowerCase()).not.toContain(leak.toLowerCase());
    }
    const body = JSON.parse(text) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.message).toBe("Something went wrong on our side");
    expect(body.error.json.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, requestId: "req-500-check" });
    expect(body.error.json.data.stack).toBeUndefined();

    const logged = server.lines.find((line) => line.msg === "procedure failed");
    expect(logged).toMatchObject({ requestId: "req-500-check", path: "auth.register" });
    const detail = String((logged?.err as { message?: string } | undefined)?.message);
    expect(detail).toContain('insert into "users"');
    expect(detail).toContain("users_no_boom");
  });

  test("outside tRPC too: a generic JSON body with the request id, the detail only in the log", async ({ server }) => {
    const response = await fetch(`${server.base}/metrics`, { headers: { "x-request-id": "req-metrics-500" } });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "Something went wrong on our side", requestId: "req-metrics-500" });
    const logged = server.lines.find((line) => line.msg === "request failed");
    expect(logged).toMatchObject({ requestId: "req-metrics-500", err: { message: expect.stringContaining("secret detail") } });
  });

  test("a forged order id in the tickets PDF path is not found (404), never a failed query (500)", async ({ server }) => {
    const signUp = await fetch(`${server.base}/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize({ email: "pdf@example.com", password: "a long enough password", name: "Pat" })),
    });
    const cookie = signUp.headers.getSetCookie()[0]!.split(";")[0]!;
    const response = await fetch(`${server.base}/api/orders/${"-".repeat(36)}/tickets.pdf`, { headers: { cookie } });
    expect(response.status).toBe(404);
    expect(server.lines).toEqual([]);
  });
});
