import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import type { AppRouter } from "@frontrow/api";
import { generateTicketSigningKey, TEST_CARDS } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { test as servicesTest } from "@frontrow/core/testing";
import { createTRPCClient, createWSClient, httpLink, TRPCClientError, wsLink } from "@trpc/client";
import { PDFDocument } from "pdf-lib";
import pino from "pino";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { createApp, type App } from "./app";
import { createMetrics } from "./metrics";
import { createPdfPool } from "./pdf-pool";
import { createServerDeps } from "./server-deps";

const METRICS_TOKEN = "a-metrics-token-for-the-tests";

interface Running {
  app: App;
  base: string;
  webDist: string;
}

const test = servicesTest.extend<{ running: Running }>({
  running: async ({ services }, use) => {
    const webDist = mkdtempSync(path.join(tmpdir(), "frontrow-web-"));
    writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>Frontrow</title>");
    mkdirSync(path.join(webDist, "assets"));
    writeFileSync(path.join(webDist, "assets", "app-abc123.js"), "console.log(1)");
    writeFileSync(path.join(webDist, "assets", "app-abc123.js.map"), '{"version":3,"sources":["src/secret.ts"]}');
    const { database, redisStore, clock } = services;
    const deps = createServerDeps({
      db: database.db,
      redis: redisStore.redis,
      subscriber: redisStore.connect({ forSubscriptions: true }),
      queueSubscriber: redisStore.connect({ forSubscriptions: true }),
      clock,
      passSecret: "a-test-pass-secret-of-enough-length",
      ticketSigningKey: generateTicketSigningKey(),
    });
    // The real worker-thread renderer, as main.ts wires it.
    const pdfPool = createPdfPool({ size: 1 });
    const app = createApp({
      deps,
      logger: pino({ level: "silent" }),
      metrics: createMetrics(),
      webDist,
      renderPdf: pdfPool.render,
      metricsToken: METRICS_TOKEN,
    });
    const address = await app.listen(0, "127.0.0.1");
    try {
      await use({ app, base: `http://127.0.0.1:${address.port}`, webDist });
    } finally {
      await app.close(1_000);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), pdfPool.close()]);
    }
  },
});

/** A tRPC HTTP client that keeps cookies like a browser. */
function httpClient(base: string) {
  const jar = new Map<string, string>();
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers as Record<string, string> | undefined);
          if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
          const response = await fetch(url, { ...init, headers } as RequestInit);
          for (const cookie of response.headers.getSetCookie()) {
            const [pair] = cookie.split(";");
            const [name, value] = pair!.split("=");
            if (value) jar.set(name!, value);
            else jar.delete(name!);
          }
          return response;
        },
      }),
    ],
  });
  return { client, jar };
}

const fan = { email: "sam@example.com", password: "a long enough password", name: "Sam" };

describe("server", () => {
  test("health, readiness and a request id on every response", async ({ running }) => {
    const health = await fetch(`${running.base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await fetch(`${running.base}/readyz`, { headers: { "x-request-id": "lb-check-1" } });
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toBe("lb-check-1");
    expect(await ready.json()).toEqual({ ok: true, postgres: true, redis: true });
  });

  test("sign-up sets an httpOnly SameSite=Lax session cookie that signs later requests in", async ({ running }) => {
    const response = await fetch(`${running.base}/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize(fan)),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("frontrow_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const { client, jar } = httpClient(running.base);
    await client.auth.login.mutate({ email: fan.email, password: fan.password });
    expect(jar.get("frontrow_session")).toBeTruthy();
    expect(await client.auth.me.query()).toMatchObject({ email: fan.email });
    await client.auth.logout.mutate();
    expect(jar.has("frontrow_session")).toBe(false);
    expect(await client.auth.me.query()).toBeNull();
  });

  test("errors carry the tRPC code, the domain code and field errors; bad input is never a 500", async ({
    running,
  }) => {
    const { client } = httpClient(running.base);
    await client.auth.register.mutate(fan);
    const taken = await client.auth.register.mutate(fan).catch((error: unknown) => error);
    expect(taken).toBeInstanceOf(TRPCClientError);
    expect((taken as TRPCClientError<AppRouter>).data).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      domainCode: "EMAIL_TAKEN",
    });

    const invalid = (await client.auth.register
      .mutate({ ...fan, email: "nope", password: "x" })
      .then(() => {
        throw new Error("expected BAD_REQUEST");
      })
      .catch((error: unknown) => error)) as TRPCClientError<AppRouter>;
    expect(invalid.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(Object.keys(invalid.data?.zodError?.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["email", "password"]),
    );
    expect(invalid.data?.stack).toBeUndefined();

    for (const body of ["{not json", JSON.stringify({ json: 42 }), ""]) {
      const raw = await fetch(`${running.base}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(raw.status).toBe(400);
    }
    const noContentType = await fetch(`${running.base}/trpc/auth.login`, { method: "POST", body: "x" });
    expect(noContentType.status).toBe(415);
    const unknown = await fetch(`${running.base}/trpc/nope.nothing`);
    expect(unknown.status).toBe(404);
  });

  test("large responses are gzipped for clients that accept it", async ({ running, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 20, seatsPerRow: 30 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const url = `${running.base}/trpc/seats.map?input=${encodeURIComponent(JSON.stringify({ json: { eventId } }))}`;
    const zipped = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const map = (await zipped.json()) as { result: { data: { json: { seats: unknown[] } } } };
    expect(map.result.data.json.seats).toHaveLength(600);
    const { request } = await import("node:http");
    const plainLength = await new Promise<number>((resolve, reject) => {
      request(url, (response) => {
        expect(response.headers["content-encoding"]).toBeUndefined();
        let length = 0;
        response.on("data", (chunk: Buffer) => (length += chunk.length));
        response.on("end", () => resolve(length));
      })
        .on("error", reject)
        .end();
    });
    expect(Number(zipped.headers.get("content-length"))).toBeLessThan(plainLength / 4);
    expect(plainLength).toBeGreaterThan(64 * 1024); // compressed in zlib's thread pool

    // A response of a few kilobytes is compressed in place, and reads the same.
    const small = await createTestVenue(services.database.db, { sections: [{ name: "B", rows: 2, seatsPerRow: 10 }] });
    const smallEvent = await createTestEvent(services.database.db, { venueId: small.venueId });
    const smallUrl = `${running.base}/trpc/seats.map?input=${encodeURIComponent(JSON.stringify({ json: { eventId: smallEvent.eventId } }))}`;
    const smallZipped = await fetch(smallUrl, { headers: { "accept-encoding": "gzip" } });
    expect(smallZipped.headers.get("content-encoding")).toBe("gzip");
    const smallMap = (await smallZipped.json()) as { result: { data: { json: { seats: unknown[] } } } };
    expect(smallMap.result.data.json.seats).toHaveLength(20);
    expect(Number(smallZipped.headers.get("content-length"))).toBeLessThan(64 * 1024);
  });

  test("metrics count procedure calls and expose latency histograms", async ({ running }) => {
    const { client } = httpClient(running.base);
    await client.auth.me.query();
    await client.events.list.query({});
    const text = await (await fetch(`${running.base}/metrics`)).text();
    expect(text).toMatch(/frontrow_trpc_calls_total\{path="auth.me",type="query",code="OK"\} 1/);
    expect(text).toMatch(/frontrow_trpc_duration_seconds_bucket\{le="0.005",path="events.list",type="query"\}/);
    expect(text).toMatch(/frontrow_websocket_connections 0/);
  });

  test("serves the SPA with a fallback for client routes, and 404s for missing files", async ({ running }) => {
    const page = await fetch(`${running.base}/events/some-id`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Frontrow</title>");
    const asset = await fetch(`${running.base}/assets/app-abc123.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${running.base}/assets/missing.js`)).status).toBe(404);
    const checkout = await fetch(`${running.base}/checkout/${crypto.randomUUID()}.${crypto.randomUUID()}`);
    expect(checkout.status).toBe(200);
    const traversal = await fetch(`${running.base}/..%2f..%2fetc%2fhostname`);
    expect(await traversal.text()).toContain("<title>Frontrow</title>");
  });

  test("the SPA's text files go brotli- or gzip-compressed to clients that accept it", async ({ running }) => {
    const { request } = await import("node:http");
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const get = (file: string, acceptEncoding?: string) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
        request(`${running.base}${file}`, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              encoding: response.headers["content-encoding"],
              vary: response.headers.vary,
              body: Buffer.concat(chunks),
            }),
          );
        })
          .on("error", reject)
          .end();
      });
    const script = `console.log(${JSON.stringify("a seat map ".repeat(2_000))});`;
    const file = path.join(running.webDist, "assets", "bundle-def456.js");
    writeFileSync(file, script);

    const br = await get("/assets/bundle-def456.js", "gzip, deflate, br");
    expect(br.encoding).toBe("br");
    expect(br.vary).toBe("Accept-Encoding");
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    const gzipped = await get("/assets/bundle-def456.js", "gzip");
    expect(gzipped.encoding).toBe("gzip");
    expect(gunzipSync(gzipped.body).toString()).toBe(script);
    const plain = await get("/assets/bundle-def456.js");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    const page = await get("/events/some-id", "br");
    expect(page.encoding).toBe("br");
    expect(brotliDecompressSync(page.body).toString()).toContain("<title>Frontrow</title>");

    // A file rebuilt under the same name is compressed again, not served from memory as it was.
    const rebuilt = `${script}\nconsole.log("rebuilt");`;
    writeFileSync(file, rebuilt);
    expect(brotliDecompressSync((await get("/assets/bundle-def456.js", "br")).body).toString()).toBe(rebuilt);
  });

  test("WebSocket clients are signed in by the upgrade's cookie or by connectionParams", async ({ running }) => {
    const { client, jar } = httpClient(running.base);
    await client.auth.register.mutate(fan);
    const token = jar.get("frontrow_session")!;
    const wsUrl = running.base.replace("http", "ws") + "/trpc";

    const viaParams = createWSClient({ url: wsUrl, WebSocket: WebSocket as never, connectionParams: { sessionToken: token } });
    class CookieWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie: `frontrow_session=${token}` } });
      }
    }
    const viaCookie = createWSClient({ url: wsUrl, WebSocket: CookieWebSocket as never });
    const anonymous = createWSClient({ url: wsUrl, WebSocket: WebSocket as never });
    try {
      for (const [ws, expected] of [
        [viaParams, fan.email],
        [viaCookie, fan.email],
        [anonymous, null],
      ] as const) {
        const wsClient = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
        const me = await wsClient.auth.me.query();
        expect(me?.email ?? null).toBe(expected);
      }
      const metrics = await (await fetch(`${running.base}/metrics`)).text();
      expect(metrics).toMatch(/frontrow_websocket_connections 3/);
    } finally {
      await Promise.all([viaParams.close(), viaCookie.close(), anonymous.close()]);
    }
  });

  test("downloads the signed-in fan's tickets as a PDF, and nobody else's", async ({ running, services }) => {
    const venue = await createTestVenue(services.database.db);
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const { client, jar } = httpClient(running.base);
    await client.auth.register.mutate(fan);
    const hold = await client.holds.create.mutate({ eventId, seatIds: [venue.seats[0]!.id, venue.seats[1]!.id] });
    const { order } = await client.checkout.complete.mutate({
      holdId: hold.holdId,
      idempotencyKey: "pdf-test-key",
      payment: { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2099, cvc: "123", name: "Sam" },
    });
    const url = `${running.base}/api/orders/${order.id}/tickets.pdf`;
    const pdf = await fetch(url, { headers: { cookie: `frontrow_session=${jar.get("frontrow_session")}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);

    expect((await fetch(url)).status).toBe(401);
    const other = httpClient(running.base);
    await other.client.auth.register.mutate({ ...fan, email: "other@example.com" });
    const theirs = await fetch(url, { headers: { cookie: `frontrow_session=${other.jar.get("frontrow_session")}` } });
    expect(theirs.status).toBe(404);
  });

  describe("browser security", () => {
    const evil = "https://evil.example";

    async function signedInCookie(base: string) {
      const { client, jar } = httpClient(base);
      await client.auth.register.mutate(fan);
      return `frontrow_session=${jar.get("frontrow_session")}`;
    }

    /** Opens a raw WebSocket with the fan's cookie: "open", or the status the upgrade was answered with. */
    function upgrade(base: string, headers: Record<string, string>) {
      return new Promise<number | "open">((resolve, reject) => {
        const socket = new WebSocket(`${base.replace("http", "ws")}/trpc`, { headers });
        socket.once("open", () => {
          socket.close();
          resolve("open");
        });
        socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        socket.once("error", reject);
      });
    }

    test("a WebSocket upgrade from another site's page is refused; the app's own origin and non-browsers connect", async ({
      running,
    }) => {
      const cookie = await signedInCookie(running.base);
      expect(await upgrade(running.base, { cookie, origin: evil })).toBe(403);
      expect(await upgrade(running.base, { cookie, origin: `${running.base}.evil.example` })).toBe(403);
      expect(await upgrade(running.base, { cookie, origin: running.base })).toBe("open");
      expect(await upgrade(running.base, { cookie, origin: "http://localhost:5173" })).toBe("open"); // Vite dev
      expect(await upgrade(running.base, { cookie })).toBe("open");
    });

    test("mutations take only JSON, and never from another site's page (CSRF)", async ({ running }) => {
      const cookie = await signedInCookie(running.base);
      const me = async () =>
        (await (await fetch(`${running.base}/trpc/auth.me`, { headers: { cookie } })).json()) as {
          result: { data: { json: { email: string } | null } };
        };
      const form = new FormData();
      form.set("json", "null");
      const forged: Array<[string, RequestInit]> = [
        ["multipart", { body: form }],
        ["urlencoded", { body: new URLSearchParams({ json: "null" }) }],
        ["text/plain", { body: "{}", headers: { "content-type": "text/plain" } }],
      ];
      for (const [kind, init] of forged) {
        const response = await fetch(`${running.base}/trpc/auth.logout`, {
          method: "POST",
          ...init,
          // No Origin: the content type alone must stop it (a form's Origin can be "null" or, same-site, absent).
          headers: { ...(init.headers as Record<string, string>), cookie },
        });
        expect([kind, response.status]).toEqual([kind, 415]);
      }
      const fromEvil = await fetch(`${running.base}/trpc/auth.logout`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: evil },
        body: "{}",
      });
      expect(fromEvil.status).toBe(403);
      expect((await me()).result.data.json?.email).toBe(fan.email);

      const fromApp = await fetch(`${running.base}/trpc/auth.logout`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: running.base },
        body: "{}",
      });
      expect(fromApp.status).toBe(200);
      expect((await me()).result.data.json).toBeNull();
    });

    test("/metrics answers this machine and the token, not clients relayed from elsewhere", async ({ running }) => {
      const metrics = (headers: Record<string, string> = {}) => fetch(`${running.base}/metrics`, { headers });
      expect((await metrics()).status).toBe(200); // the load tester, scraping from 127.0.0.1
      expect((await metrics({ "x-forwarded-for": "203.0.113.9" })).status).toBe(403);
      expect((await metrics({ forwarded: "for=203.0.113.9" })).status).toBe(403);
      expect((await metrics({ "x-forwarded-for": "203.0.113.9", authorization: "Bearer wrong-token-of-some-length" })).status).toBe(403);
      const withToken = await metrics({ "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${METRICS_TOKEN}` });
      expect(withToken.status).toBe(200);
      expect(await withToken.text()).toContain("frontrow_http_requests_total");
    });

    // A client on another machine, for real: the server listens on every interface and is called on this machine's
    // non-loopback address (skipped where there is none).
    const lanAddress = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === "IPv4" && !address.internal)?.address;
    test.skipIf(!lanAddress)("/metrics refuses a client that is not on loopback unless it sends the token", async () => {
      // /metrics touches none of the use-cases' dependencies.
      const app = createApp({
        deps: {} as never,
        logger: pino({ level: "silent" }),
        metrics: createMetrics(),
        metricsToken: METRICS_TOKEN,
      });
      const { port } = await app.listen(0, "0.0.0.0");
      try {
        const remote = `http://${lanAddress}:${port}/metrics`;
        expect((await fetch(remote)).status).toBe(403);
        expect((await fetch(remote, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      } finally {
        await app.close(500);
      }
    });

    test("pages carry a CSP, no framing and a referrer policy; source maps are not served; nothing is sniffed", async ({
      running,
    }) => {
      const page = await fetch(`${running.base}/admin`);
      const csp = page.headers.get("content-security-policy") ?? "";
      const host = new URL(running.base).host;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");

      const map = await fetch(`${running.base}/assets/app-abc123.js.map`);
      expect(map.status).toBe(404);
      expect(await map.text()).not.toContain("secret.ts");

      for (const url of ["/", "/assets/app-abc123.js", "/trpc/auth.me", "/healthz", "/nope.txt"]) {
        expect([url, (await fetch(`${running.base}${url}`)).headers.get("x-content-type-options")]).toEqual([url, "nosniff"]);
      }
    });
  });
});
