import http from "node:http";
import type { AddressInfo } from "node:net";
import { appRouter, createContext, readCookie, SESSION_COOKIE, sessionCookie } from "@frontrow/api";
import { test as servicesTest } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import superjson from "superjson";
import { describe, expect } from "vitest";
import { testServerDeps } from "./test-instances";
import { createTrpcHttpHandler, MAX_BATCH_SIZE, MAX_BODY_BYTES } from "./trpc-http";

interface Pair {
  direct: string;
  adapter: string;
}

/** Two servers over the same services: one answers plain calls itself, the other sends everything to tRPC. */
const test = servicesTest.extend<{ pair: Pair }>({
  pair: async ({ services }, use) => {
    const deps = testServerDeps(services);
    const servers = [true, false].map((direct) => {
      const handle = createTrpcHttpHandler({
        router: appRouter,
        direct,
        createContext: (req, setCookie) =>
          createContext(deps, {
            requestId: "test",
            ip: "127.0.0.1",
            sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE),
            cookies: { set: (token, expiresAt) => setCookie(sessionCookie(token, expiresAt, false)), clear: () => {} },
          }),
        onError: () => {},
      });
      return http.createServer((req, res) => void handle(req, res));
    });
    const urls = await Promise.all(
      servers.map(
        (server) =>
          new Promise<string>((resolve) =>
            server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
          ),
      ),
    );
    try {
      await use({ direct: urls[0]!, adapter: urls[1]! });
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close()]);
    }
  },
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));
const json = { "content-type": "application/json" };

async function answerOf(base: string, path: string, init?: RequestInit) {
  const response = await fetch(`${base}/trpc/${path}`, init);
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    setsCookie: response.headers.getSetCookie().some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`)),
    body: await response.text(),
  };
}

describe("tRPC over HTTP", () => {
  test("answers plain calls exactly as tRPC's own adapter does", async ({ pair, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 2, seatsPerRow: 5 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const account = { email: "pat@example.com", password: "a long enough password", name: "Pat" };
    const cases: Array<[string, RequestInit?]> = [
      ["auth.me"],
      [`events.byId?input=${q({ eventId })}`],
      [`events.byId?input=${q({ eventId: "not-a-uuid" })}`],
      [`events.byId?input=${q({ eventId: crypto.randomUUID() })}`],
      [`events.list?input=${q({ q: "nothing like it" })}`],
      [`auth.me,events.byId?batch=1&input=${q({ 1: { eventId } })}`],
      [`auth.me,holds.mine?batch=1&input=${q({})}`],
      ["holds.mine"],
      ["auth.login", { method: "POST", headers: json, body: JSON.stringify(superjson.serialize({ email: "x", password: "" })) }],
      [
        "auth.login",
        { method: "POST", headers: json, body: JSON.stringify(superjson.serialize({ email: account.email, password: "wrong one!" })) },
      ],
      ["auth.logout,auth.logout?batch=1", { method: "POST", headers: json, body: "{}" }],
      ["auth.me", { method: "POST", headers: json, body: "{}" }],
      ["auth.register?batch=1", { method: "POST", headers: json, body: "[1]" }],
      ["auth.login", { method: "POST", headers: json, body: "{not json" }],
      ["nope.nothing"],
      [`events.byId?input=%7Bbroken`],
    ];
    for (const [path, init] of cases) {
      const [direct, adapter] = [await answerOf(pair.direct, path, init), await answerOf(pair.adapter, path, init)];
      expect({ path, ...direct }).toEqual({ path, ...adapter });
    }
    for (const base of [pair.direct, pair.adapter]) {
      const [registered] = [
        await answerOf(base, "auth.register", {
          method: "POST",
          headers: json,
          body: JSON.stringify(superjson.serialize({ ...account, email: `${base.length}${Math.random()}@example.com` })),
        }),
      ];
      expect(registered).toMatchObject({ status: 200, setsCookie: true });
    }
  });

  test("a batch of many wrong passwords with the right one last does not sign in", async ({ pair }) => {
    for (const base of [pair.direct, pair.adapter]) {
      const account = { email: `batch-${base.length}-${Math.random()}@example.com`, password: "the right password", name: "Pat" };
      const registered = await answerOf(base, "auth.register", {
        method: "POST",
        headers: json,
        body: JSON.stringify(superjson.serialize(account)),
      });
      expect(registered.status).toBe(200);
      const inputs = [
        ...Array.from({ length: 39 }, (_, i) => ({ email: account.email, password: `wrong password ${i}` })),
        { email: account.email, password: account.password },
      ];
      // As many batches as the batch cap takes, sent one after another.
      const codes: string[] = [];
      for (let from = 0; from < inputs.length; from += MAX_BATCH_SIZE) {
        const chunk = inputs.slice(from, from + MAX_BATCH_SIZE);
        const body = JSON.stringify(Object.fromEntries(chunk.map((input, i) => [i, superjson.serialize(input)])));
        const answer = await answerOf(base, `${chunk.map(() => "auth.login").join(",")}?batch=1`, {
          method: "POST",
          headers: json,
          body,
        });
        expect(answer.setsCookie).toBe(false);
        const results = JSON.parse(answer.body) as Array<{ error?: { json: { data: { domainCode?: string } } } }>;
        codes.push(...results.map((result) => result.error?.json.data.domainCode ?? "SIGNED_IN"));
      }
      // The default limit: 5 failures per account (and address) in 15 minutes.
      expect(codes.filter((code) => code === "INVALID_CREDENTIALS")).toHaveLength(5);
      expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(35);
      expect(codes[39]).toBe("RATE_LIMITED");
    }
  });

  test("refuses oversized batches, heavy queries in a batch, subscriptions and odd input with a 4xx, on both paths", async ({
    pair,
  }) => {
    const calls = (count: number) => Array.from({ length: count }, () => "auth.me").join(",");
    const eventId = crypto.randomUUID();
    const cases: Array<[string, number, RegExp, RequestInit?]> = [
      [`${calls(MAX_BATCH_SIZE + 1)}?batch=1`, 400, /Batch call exceeds maximum size/],
      [`${calls(1_000)}?batch=1`, 400, /Batch call exceeds maximum size/],
      [`auth.logout,${calls(MAX_BATCH_SIZE)}?batch=1`, 400, /Batch call exceeds maximum size/, { method: "POST", headers: json, body: "{}" }],
      [`seats.map,auth.me?batch=1&input=${q({ 0: { eventId } })}`, 400, /seats\.map cannot be batched/],
      [`admin.venues.byId,admin.events.byId?batch=1`, 400, /cannot be batched/],
      [`seats.onChange?input=${q({ eventId })}`, 405, /subscription.*WebSocket/],
      [`auth.me,seats.onChange?batch=1`, 405, /WebSocket/],
      [`seats.onChange?input=${q({ eventId })}`, 405, /WebSocket/, { headers: { accept: "text/event-stream" } }],
      ["%E0%A4%A", 400, /Malformed URL/],
    ];
    for (const base of [pair.direct, pair.adapter]) {
      for (const [path, status, message, init] of cases) {
        const answer = await answerOf(base, path, { ...init, signal: AbortSignal.timeout(3_000) });
        expect({ path, status: answer.status }).toEqual({ path, status });
        expect(answer.body).toMatch(message);
      }
      // Up to the limit, a batch is answered; a heavy query alone in a batch too.
      expect((await answerOf(base, `${calls(MAX_BATCH_SIZE)}?batch=1`)).status).toBe(200);
      const alone = encodeURIComponent(JSON.stringify({ 0: superjson.serialize({ eventId }) }));
      expect((await answerOf(base, `seats.map?batch=1&input=${alone}`)).status).toBe(404);
      const traced = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${base}/trpc/auth.me`, { method: "TRACE" }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject).end();
      });
      expect(traced.status).toBe(405);
      expect(traced.body).toMatch(/Unsupported TRACE request/);
    }
  });

  test("refuses a body over the limit with 413 before parsing it", async ({ pair }) => {
    const response = await fetch(`${pair.direct}/trpc/auth.login`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ json: { email: "a".repeat(MAX_BODY_BYTES), password: "x" } }),
    });
    expect(response.status).toBe(413);
  });
});
