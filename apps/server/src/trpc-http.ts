import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler, type FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";

const gzipAsync = promisify(gzip);
/** Below this a response is sent as is: compressing it would cost more than it saves. */
const COMPRESS_FROM_BYTES = 1_024;

export interface TrpcHttpOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  createContext: (options: FetchCreateContextFnOptions & { nodeReq: IncomingMessage }) => Promise<never> | Promise<unknown>;
  onError: Parameters<typeof fetchRequestHandler<TRouter>>[0]["onError"];
}

/**
 * tRPC over HTTP through the fetch adapter, so the whole response is in hand: large ones (a 15,000-seat map is
 * several megabytes of JSON) are gzipped when the client accepts it.
 */
export function createTrpcHttpHandler<TRouter extends AnyTRPCRouter>(options: TrpcHttpOptions<TRouter>) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: "half",
    } as RequestInit);
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: request,
      router: options.router,
      createContext: (fetchOptions) => options.createContext({ ...fetchOptions, nodeReq: req }) as never,
      onError: options.onError,
    });

    res.statusCode = response.status;
    for (const [name, value] of response.headers) {
      if (name !== "content-length" && name !== "set-cookie") res.setHeader(name, value);
    }
    for (const cookie of response.headers.getSetCookie()) res.appendHeader("Set-Cookie", cookie);
    let body = Buffer.from(await response.arrayBuffer());
    const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (acceptsGzip && body.length >= COMPRESS_FROM_BYTES) {
      body = await gzipAsync(body, { level: 5 });
      res.setHeader("Content-Encoding", "gzip");
      res.setHeader("Vary", "Accept-Encoding");
    }
    res.setHeader("Content-Length", body.length);
    res.end(body);
  };
}
