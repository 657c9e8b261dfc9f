import http from "node:http";
import type { AddressInfo } from "node:net";
import { appRouter, createContext, readCookie, SESSION_COOKIE, sessionCookie } from "@frontrow/api";
import { test as servicesTest } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import superjson from "superjson";
import { describe, expect } from "vitest";
import { testServerDeps } from "./test-instances";
import { createTrpcHttpHandler, MAX_BODY_BYTES } from "./trpc-http";

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
      const body = JSON.stringify(Object.fromEntries(inputs.map((input, i) => [i, superjson.serialize(input)])));
      const answer = await answerOf(base, `${inputs.map(() => "auth.login").join(",")}?batch=1`, {
        method: "POST",
        headers: json,
        body,
      });
      expect(answer.setsCookie).toBe(false);
      const results = JSON.parse(answer.body) as Array<{ error?: { json: { data: { domainCode?: string } } } }>;
      const codes = results.map((result) => result.error?.json.data.domainCode ?? "SIGNED_IN");
      // The default limit: 5 failures per account (and address) in 15 minutes.
      expect(codes.filter((code) => code === "INVALID_CREDENTIALS")).toHaveLength(5);
      expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(35);
      expect(codes[39]).toBe("RATE_LIMITED");
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
