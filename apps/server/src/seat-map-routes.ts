import type { IncomingMessage, ServerResponse } from "node:http";
import { layoutRequest, statusRequest, type ApiDeps } from "@frontrow/api";
import { isDomainError, type EncodedPayload } from "@frontrow/core";
import type { z } from "zod";
import { acceptedEncoding } from "./content-encoding";

const ROUTE = /^\/api\/events\/([^/]+)\/(layout|seat-ids|status)$/;

/** A year: a versioned layout URL (`?v=`) never changes. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The browser keeps it and asks again with If-None-Match; an unchanged one costs a 304. */
const REVALIDATE = "public, no-cache";

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

function badInput(res: ServerResponse, error: z.ZodError): void {
  const issue = error.issues[0];
  reply(res, 400, { error: issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "Bad request" });
}

/** Answers with the precompressed bytes the client accepts (brotli, gzip, or plain JSON), or 304. */
function sendEncoded(req: IncomingMessage, res: ServerResponse, payload: EncodedPayload, cacheControl: string): void {
  res.setHeader("ETag", payload.etag);
  res.setHeader("Cache-Control", cacheControl);
  res.setHeader("Vary", "Accept-Encoding");
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === payload.etag))) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = acceptedEncoding(req);
  const body = encoding ? payload[encoding] : payload.json;
  if (encoding) res.setHeader("Content-Encoding", encoding);
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * GET /api/events/:eventId/layout[?v=<version>], /seat-ids[?v=<version>] and /status[?after=<seq>]: the seat map
 * in parts (see docs/api.md). Returns false when the path is not one of them.
 */
export async function serveSeatMapParts(
  deps: Pick<ApiDeps, "db" | "redis" | "clock" | "layouts" | "changeBus" | "seatMapParts">,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: URLSearchParams,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    reply(res, 405, { error: `Method ${req.method} not allowed: use GET` });
    return true;
  }
  const [, eventId, part] = match;
  try {
    if (part === "status") {
      const input = statusRequest.safeParse({ eventId, after: search.get("after") ?? undefined });
      if (!input.success) {
        badInput(res, input.error);
        return true;
      }
      const payload = await deps.seatMapParts.status(deps, input.data);
      sendEncoded(req, res, payload, "no-cache");
      return true;
    }
    const input = layoutRequest.safeParse({ eventId, v: search.get("v") ?? undefined });
    if (!input.success) {
      badInput(res, input.error);
      return true;
    }
    const { version, payload } =
      part === "layout"
        ? await deps.seatMapParts.layout(deps, input.data.eventId)
        : await deps.seatMapParts.seatIds(deps, input.data.eventId);
    // Only the URL naming the current version may be cached for good; any other asks again each time.
    sendEncoded(req, res, payload, input.data.v === version ? IMMUTABLE : REVALIDATE);
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") reply(res, 404, { error: "This event does not exist" });
    else throw error;
  }
  return true;
}
