import { randomUUID } from "node:crypto";
import cluster from "node:cluster";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  appRouter,
  clearedSessionCookie,
  createContext,
  createLiveSubscriptions,
  INTERNAL_ERROR_MESSAGE,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sharedEncodingWsEncoder,
  type ApiDeps,
  type SessionCookieJar,
} from "@frontrow/api";
import { createEventUpdateHub, createSeatChangeHub, renderTicketsPdf, type TicketsPdfRenderer } from "@frontrow/core";
import { getWSConnectionHandler } from "@trpc/server/adapters/ws";
import type { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { WebSocket, WebSocketServer } from "ws";
import { startWsHeartbeat } from "./ws-heartbeat";
import { addAcceptors } from "./acceptors";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import { answerClientErrors } from "./client-errors";
import { defaultPublicOrigins, metricsAllowed, originAllowed, refuseForeignOrigin } from "./security";
import { slowConsumerGuardedWebSocket, type InterceptingWebSocket } from "./slow-consumer";
import { createStaticHandler } from "./static-files";
import { createTrpcHttpHandler } from "./trpc-http";
import { serveSeatMapParts } from "./seat-map-routes";
import { serveTicketsPdf } from "./tickets-pdf-route";

export interface AppOptions {
  deps: Omit<ApiDeps, "observeProcedure">;
  logger: Logger;
  metrics: Metrics;
  /** Folder of the built SPA; when it has no index.html, only the API is served. */
  webDist?: string;
  trustProxy?: boolean;
  /** The text of /metrics when this process is one worker of several (the whole server's, from the primary). */
  metricsText?: () => Promise<string>;
  /** Unsent bytes a WebSocket client may fall behind by before it is cut off (tests lower it). */
  wsMaxBufferedBytes?: number;
  /** Renders ticket PDFs; in this process unless given (main.ts passes a worker-thread pool). */
  renderPdf?: TicketsPdfRenderer;
  /**
   * Origins (scheme://host[:port]) whose pages may call the API with the fan's cookie: a WebSocket upgrade or a
   * POST naming another Origin is refused (403). Default: the address the server listens on, localhost on its
   * port and the Vite dev server.
   */
  publicOrigins?: string[];
  /** A bearer token that opens /metrics to non-loopback clients (unset: loopback only). */
  metricsToken?: string;
  /** Limits on how long a client may take to send a request (tests lower them); see HTTP_TIMEOUTS. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** New connections taken per turn of the event loop (see `addAcceptors`); 1 unless given (main.ts: ACCEPTORS). */
  acceptors?: number;
}

export interface HttpTimeouts {
  /** The whole request, headers and body, must arrive within this (else 408 and the connection closes). */
  requestMs: number;
  /** The headers must arrive within this. */
  headersMs: number;
  /** How often Node checks connections against the two limits above. */
  checkEveryMs: number;
}

/** A request's body is at most 1 MB (MAX_BODY_BYTES): even a slow phone sends it well within 30 s. */
export const HTTP_TIMEOUTS: HttpTimeouts = { requestMs: 30_000, headersMs: 10_000, checkEveryMs: 2_000 };

/**
 * Connections the kernel completes and keeps for the server while its event loop is busy. Node's default (511) is
 * passed in a second when thousands of fans open their waiting-room sockets at an on-sale: the kernel then drops
 * their SYNs and each client retries 1, 3, 7, 15… s later (minutes in all before it gives up). Linux caps it at
 * net.core.somaxconn (4096 on current kernels).
 */
export const LISTEN_BACKLOG = 4096;

/** The methods any route answers; the others (TRACE, PUT…) get 405. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * What a WebSocket's context is made of, read from its upgrade request at once and handed to tRPC in the request's
 * place (with the URL and host its handler reads): tRPC keeps the request it is given for as long as the socket is
 * open, and an IncomingMessage with its headers, raw headers and stream state is about 2 KB of every idle watcher.
 */
interface UpgradeSummary {
  url: string;
  headers: { host: string | undefined };
  socket: object;
  requestId: string;
  ip: string;
  sessionToken: string | undefined;
  /** The URL said `connectionParams=1`: the client's first message is its connection params (tRPC's protocol). */
  connectionParams: boolean;
}

/** How often every WebSocket is pinged; one that has not answered the previous ping by then is cut off. */
const WS_HEARTBEAT_MS = 30_000;

/** What tRPC's WebSocket handler sends its clients when the server goes away (its `broadcastReconnectNotification`). */
const RECONNECT_NOTICE = JSON.stringify({ id: null, method: "reconnect" });

/** A WebSocket cannot set cookies: its context's cookie jar does nothing (one for every socket). */
const NO_COOKIES = { set: () => {}, clear: () => {} };

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

function searchOf(url: string | undefined): URLSearchParams {
  const at = url?.indexOf("?") ?? -1;
  return new URLSearchParams(at === -1 ? "" : url!.slice(at + 1));
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || undefined;
}

/**
 * The address our reverse proxy saw: the last entry of X-Forwarded-For. A client can send the header itself, and
 * a proxy appends to what it received, so every entry before the last is whatever the client chose; taking the
 * first would let a bot pick a fresh address per request and walk past every per-address limit.
 */
export function proxiedClientIp(value: string | string[] | undefined): string | undefined {
  const entries = (Array.isArray(value) ? value.join(",") : value)?.split(",");
  return entries?.at(-1)?.trim() || undefined;
}

/** One HTTP server: tRPC over HTTP and WebSocket at /trpc, health, metrics and the SPA, on one port. */
export function createApp(options: AppOptions) {
  const { logger, metrics } = options;
  const deps: ApiDeps = { ...options.deps, observeProcedure: metrics.observeProcedure };
  const renderPdf = options.renderPdf ?? renderTicketsPdf;
  const serveStatic = options.webDist ? createStaticHandler(options.webDist) : () => false;
  /** A procedure's real failure goes to the log with its request id; Postgres out of reach (a 503) as a warning. */
  const logFailure = (error: TRPCError, where: { path?: string; requestId?: string }, message: string) => {
    if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, ...where }, message);
    else if (error.code === "SERVICE_UNAVAILABLE") logger.warn({ err: error.cause ?? error, ...where }, message);
  };
  let accepting = true;
  let stopAcceptors: () => Promise<void> = async () => {};
  let allowedOrigins = new Set(options.publicOrigins);

  const clientIp = (req: http.IncomingMessage) =>
    (options.trustProxy ? proxiedClientIp(req.headers["x-forwarded-for"]) : undefined) ??
    req.socket.remoteAddress ??
    "unknown";
  const isSecure = (req: http.IncomingMessage) =>
    (options.trustProxy && firstHeader(req.headers["x-forwarded-proto"]) === "https") ||
    "encrypted" in req.socket;

  const trpcHandler = createTrpcHttpHandler({
    router: appRouter,
    createContext: (req, setCookie) => {
      const secure = isSecure(req);
      const cookies: SessionCookieJar = {
        set: (token, expiresAt) => setCookie(sessionCookie(token, expiresAt, secure)),
        clear: () => setCookie(clearedSessionCookie(secure)),
      };
      return createContext(deps, {
        requestId: requestIdOf(req),
        ip: clientIp(req),
        sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE),
        cookies,
      });
    },
    onError: ({ error, path, ctx }) => {
      const requestId = (ctx as { requestId?: string } | undefined)?.requestId;
      logFailure(error, { path, requestId }, "procedure failed");
    },
  });

  /** A dependency that does not answer within this counts as down: a load balancer's probe must not hang. */
  const READINESS_TIMEOUT_MS = 1_000;
  const answered = (check: Promise<boolean>) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS)));
    return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
  };

  async function readiness(): Promise<{ ok: boolean; postgres: boolean; redis: boolean }> {
    const [postgres, redis] = await Promise.all([
      answered(deps.db.execute(sql`select 1`).then(() => true)),
      answered(deps.redis.ping().then((reply) => reply === "PONG")),
    ]);
    return { ok: accepting && postgres && redis, postgres, redis };
  }

  const timeouts = { ...HTTP_TIMEOUTS, ...options.httpTimeouts };
  // Never rejects: whatever fails is answered with the generic 500 at its end.
  const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    // Pinned on the request too, so the procedure's context and logs carry the id the response names.
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    res.setHeader("X-Content-Type-Options", "nosniff");
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = path.startsWith("/trpc")
      ? "trpc"
      : path.startsWith("/assets/")
        ? "assets"
        : path.startsWith("/api/")
          ? "api"
          : path;
    res.on("finish", () => {
      const known = ["trpc", "assets", "api", "/healthz", "/readyz", "/metrics"].includes(route);
      metrics.httpRequests.inc({ route: known ? route : "spa", status: String(res.statusCode) });
      if (route === "/healthz" || route === "/readyz" || route === "/metrics") return;
      logger.info(
        {
          requestId,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });

    try {
      if (!METHODS.has(req.method ?? "") && route !== "trpc") {
        // tRPC answers its own (in its error format); Node would send TRACE and the like to the SPA or a 404.
        res.statusCode = 405;
        res.setHeader("Allow", [...METHODS].join(", "));
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ error: `Method ${req.method} not allowed` }));
      } else if (path === "/healthz") {
        res.setHeader("Content-Type", "application/json");
        // Which worker answered (0: a single process), for whoever checks that every worker serves.
        res.end(JSON.stringify({ ok: true, worker: cluster.worker?.id ?? 0 }));
      } else if (path === "/readyz") {
        const state = await readiness();
        res.statusCode = state.ok ? 200 : 503;
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify(state));
      } else if (path === "/metrics") {
        if (!metricsAllowed(req, options.metricsToken)) {
          res.statusCode = 403;
          res.setHeader("Content-Type", "application/json");
          res.end(JSON.stringify({ error: "Metrics are served to this machine or with METRICS_TOKEN" }));
          return;
        }
        res.setHeader("Content-Type", metrics.registry.contentType);
        res.end(await (options.metricsText ?? (() => metrics.registry.metrics()))());
      } else if (path === "/trpc" || path.startsWith("/trpc/")) {
        if (req.method === "POST" && !originAllowed(req, allowedOrigins)) refuseForeignOrigin(res);
        else await trpcHandler(req, res);
      } else if (path.startsWith("/api/") && (await serveTicketsPdf({ ...deps, renderPdf }, req, res, path))) {
        // served
      } else if (path.startsWith("/api/events/") && (await serveSeatMapParts(deps, req, res, path, searchOf(req.url)))) {
        // served
      } else if ((req.method === "GET" || req.method === "HEAD") && serveStatic(req, res)) {
        // served
      } else {
        res.statusCode = 404;
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ error: "Not found" }));
      }
    } catch (error) {
      logger.error({ err: error, requestId }, "request failed");
      if (res.headersSent) {
        res.end();
      } else {
        // Like a procedure's 500: a generic message and the id to quote; the detail is only in the log.
        res.statusCode = 500;
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ error: INTERNAL_ERROR_MESSAGE, requestId }));
      }
    }
  };
  const server = http.createServer({ connectionsCheckingInterval: timeouts.checkEveryMs }, (req, res) => {
    void handleRequest(req, res);
  });

  // Node closes idle keep-alive connections after 5 s; a client reusing a pooled connection at that moment gets
  // ECONNRESET. Keep idle connections longer than clients and proxies keep them pooled.
  server.keepAliveTimeout = 65_000;
  // A client trickling its headers or body is cut off (408) instead of holding a connection for minutes.
  server.requestTimeout = timeouts.requestMs;
  server.headersTimeout = timeouts.headersMs;
  answerClientErrors(server);

  const seatChanges = createSeatChangeHub(deps);
  const eventUpdates = createEventUpdateHub(deps);
  const liveSubscriptions = createLiveSubscriptions({ ...deps, seatChanges, eventUpdates });
  metrics.countLiveSubscriptions(() => ({
    "seats.onChange": seatChanges.size(),
    "events.onUpdate": eventUpdates.size(),
    "queue.onStatus": liveSubscriptions.queueStatusCount(),
  }));
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    WebSocket: slowConsumerGuardedWebSocket(options.wsMaxBufferedBytes, (socket, text) =>
      liveSubscriptions.take(socket, text),
    ),
  });
  // tRPC's handler is attached to a socket only when it gets a message the live subscriptions do not take: a fan
  // watching a seat map never costs tRPC's per-connection state (its context, closures, abort controller).
  const connectTrpc = getWSConnectionHandler({
    wss,
    router: appRouter,
    // A tick's seat changes are turned into JSON once per process, not once per watcher.
    experimental_encoder: sharedEncodingWsEncoder,
    // Dead sockets are found by the heartbeat below (protocol pings), not tRPC's per-socket timers.
    keepAlive: { enabled: false },
    createContext: ({ req, res, info }) => {
      const upgrade = req as unknown as UpgradeSummary;
      return createContext(deps, {
        requestId: upgrade.requestId,
        ip: upgrade.ip,
        sessionToken: upgrade.sessionToken ?? info.connectionParams?.sessionToken,
        cookies: NO_COOKIES,
        // Subscriptions are counted per socket, the seat maps' (served beside tRPC) with tRPC's own.
        connection: res,
      });
    },
    onError: ({ error, path, ctx }) => logFailure(error, { path, requestId: ctx?.requestId }, "ws procedure failed"),
  });
  const stopHeartbeat = startWsHeartbeat(wss, { everyMs: WS_HEARTBEAT_MS });
  wss.on("connection", (socket: InterceptingWebSocket, upgrade: UpgradeSummary) => {
    socket.attachListeners = () => connectTrpc(socket, upgrade as unknown as http.IncomingMessage);
    // What tRPC's context would be made of, for the waiting-room subscriptions served beside it.
    socket.sessionToken = upgrade.sessionToken;
    socket.connectionParams = upgrade.connectionParams;
    metrics.wsConnections.inc();
    metrics.wsConnectionsTotal.inc();
    socket.once("close", () => {
      metrics.wsConnections.dec();
      liveSubscriptions.closed(socket);
    });
  });
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "").split("?")[0];
    if (!accepting || (path !== "/trpc" && path !== "/trpc/")) {
      socket.destroy();
      return;
    }
    // A page of another site may open a WebSocket here, and the browser would send the fan's cookie with it.
    if (!originAllowed(req, allowedOrigins)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const upgrade: UpgradeSummary = {
      url: req.url ?? "/trpc",
      headers: { host: req.headers.host },
      socket: {},
      // randomUUID's string is a tree of 16 joined pieces (512 bytes); kept per socket, a flat copy is 80.
      requestId: Buffer.from(requestIdOf(req)).toString(),
      ip: clientIp(req),
      sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE),
      connectionParams: searchOf(req.url).get("connectionParams") === "1",
    };
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, upgrade));
  });

  return {
    server,
    async listen(port: number, host: string): Promise<AddressInfo> {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          server.off("error", reject);
          resolve();
        });
      });
      stopAcceptors = await addAcceptors(server, options.acceptors ?? 1, LISTEN_BACKLOG, (error) =>
        logger.warn({ err: error }, "taking one connection per event-loop turn: the extra listeners failed"),
      );
      const address = server.address() as AddressInfo;
      if (!options.publicOrigins) allowedOrigins = new Set(defaultPublicOrigins(host, address.port));
      return address;
    },
    /** Stops taking work, tells WebSocket clients to reconnect elsewhere, and waits for requests in flight. */
    async close(graceMs = 10_000): Promise<void> {
      accepting = false;
      // As tRPC's own notice: its clients reconnect (to another instance) at once.
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(RECONNECT_NOTICE);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const extrasClosed = stopAcceptors();
      server.closeIdleConnections();
      setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 250).unref();
      const forced = setTimeout(() => server.closeAllConnections(), graceMs);
      forced.unref();
      await Promise.all([closed, extrasClosed]);
      clearTimeout(forced);
      stopHeartbeat();
      seatChanges.close();
      eventUpdates.close();
      wss.close();
    },
  };
}

export type App = ReturnType<typeof createApp>;
