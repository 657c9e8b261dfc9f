import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The Vite dev server's origin (apps/web): it proxies /trpc, WebSockets included, with the browser's Origin. */
export const VITE_DEV_ORIGIN = "http://localhost:5173";

/** The origins allowed when PUBLIC_ORIGINS is unset: the server's own address, localhost on its port, Vite's. */
export function defaultPublicOrigins(host: string, port: number): string[] {
  const own = host.includes(":") ? `[${host}]` : host;
  return [...new Set([`http://${own}:${port}`, `http://localhost:${port}`, VITE_DEV_ORIGIN])];
}

/**
 * A browser names the page that opened a request in `Origin`. A request without one is not a browser's
 * cross-site request (a script, a load tester, a native app), and cannot carry a victim's cookie across sites.
 */
export function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowed.has(origin.toLowerCase());
}

/** Refuses a request whose Origin is another site's (cross-site request forgery, WebSocket hijacking). */
export function refuseForeignOrigin(res: ServerResponse): void {
  res.statusCode = 403;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ error: "Cross-origin request refused" }));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may read /metrics: a client on this machine talking to the port directly (a request relayed by a reverse
 * proxy on this machine carries X-Forwarded-For or Forwarded and does not count), or anyone sending
 * `Authorization: Bearer <METRICS_TOKEN>` when a token is set.
 */
export function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  const relayed = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  if (!relayed && LOOPBACK.test(req.socket.remoteAddress ?? "")) return true;
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  return token !== undefined && bearer !== undefined && sameSecret(bearer, token);
}

const HOST_HEADER = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The policy of the built SPA's pages: its own scripts and styles only (React's style props are set through the
 * DOM, which CSP allows), API calls and the WebSocket to the page's own host, images from itself and data: URLs
 * (the favicon), and it may not be framed (clickjacking of the admin console).
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && HOST_HEADER.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** Headers of an HTML page of the SPA. */
export function setPageSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(req.headers.host));
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
}
