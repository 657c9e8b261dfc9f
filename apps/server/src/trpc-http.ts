import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";
import { UNBATCHED_QUERIES } from "@frontrow/api";
import type { AnyTRPCProcedure, AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler, type FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import {
  getErrorShape,
  getHTTPStatusCode,
  getHTTPStatusCodeFromError,
  getTRPCErrorFromUnknown,
  TRPC_ERROR_CODES_BY_KEY,
  TRPCError,
} from "@trpc/server/unstable-core-do-not-import";

const gzipAsync = promisify(gzip);
/** Below this a response is sent as is: compressing it would cost more than it saves. */
const COMPRESS_FROM_BYTES = 1_024;
/**
 * Up to this a response is gzipped on the spot: for a checkout's order (1–2 KB) that is some 40–70 µs of CPU, while
 * zlib's asynchronous form costs 400–900 µs (a stream and a trip through the thread pool) and was 3.7 % of a
 * busy instance's CPU in the fault drill. Larger ones (a seat map) still go to the thread pool.
 */
const COMPRESS_IN_PLACE_UP_TO_BYTES = 64 * 1_024;
/** Request bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The most calls one batched request may make (tRPC's `maxBatchSize`). */
export const MAX_BATCH_SIZE = 10;
/** The methods tRPC over HTTP answers; any other is refused with 405 before a web Request is made of it. */
const HTTP_METHODS = new Set(["GET", "POST", "HEAD"]);

type ProcedureType = "query" | "mutation";

export interface TrpcHttpOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** Builds the context of one HTTP request; `setCookie` appends a Set-Cookie header to its response. */
  createContext: (req: IncomingMessage, setCookie: (cookie: string) => void) => Promise<unknown>;
  onError: (opts: { error: TRPCError; path: string | undefined; ctx: unknown; type: string }) => void;

  /** false sends every call through tRPC's adapter (tests compare the two). */
  direct?: boolean;
}

interface Call {
  path: string;
  procedure: AnyTRPCProcedure;
  type: ProcedureType;
  input: unknown;
}

class BodyTooLarge extends Error {}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

/** The request's body, from its events: `for await` over the request built an async iterator per request (2 % of the CPU). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_BODY_BYTES) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off("data", onData);
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/**
 * tRPC over HTTP. The calls browsers and load tests send (a query over GET, a mutation over POST with a JSON
 * body, alone or batched) are answered here straight from Node's request and response: the procedure is called
 * as tRPC's own resolver calls it, and its result and errors are shaped and transformed by tRPC's own functions,
 * so the wire format is tRPC's (trpc-http.test.ts compares the two byte for byte). Everything else (subscriptions
 * over HTTP, streamed batches, unknown paths, other methods or content types, unparseable input) goes through
 * tRPC's fetch adapter, which answers it as tRPC does. tRPC's adapters (the Node one included) wrap every request in
 * a web Request, its body in a ReadableStream and each call in AbortSignals; measured on `auth.me`, that was more
 * CPU than the procedure itself (see apps/loadtest/README.md, `capacity`).
 *
 * Responses of 1 KB and more are gzipped when the client accepts it (a 16,000-seat map is megabytes of JSON).
 */
export function createTrpcHttpHandler<TRouter extends AnyTRPCRouter>(options: TrpcHttpOptions<TRouter>) {
  const { router } = options;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;

  /** The calls of a plain JSON request, or undefined when tRPC's adapter should answer it. */
  function plainCalls(method: string, paths: string[], batch: boolean, rawInput: unknown): Call[] | undefined {
    const type: ProcedureType = method === "GET" ? "query" : "mutation";
    if (batch && rawInput !== undefined && (typeof rawInput !== "object" || rawInput === null || Array.isArray(rawInput))) {
      return undefined;
    }
    const calls: Call[] = [];
    for (const [index, path] of paths.entries()) {
      const procedure = procedures[path];
      if (!procedure || procedure._def.type !== type) return undefined;
      const raw = batch ? (rawInput as Record<string, unknown> | undefined)?.[index] : rawInput;
      calls.push({ path, procedure, type, input: raw === undefined ? undefined : config.transformer.input.deserialize(raw) });
    }
    return calls;
  }

  const unbatched = new Set(UNBATCHED_QUERIES);

  /**
   * Why the request is refused before any procedure runs, on both paths: an odd method, a batch too large or
   * holding a heavy query, or a subscription (over HTTP it would hold the request open forever: it takes the
   * WebSocket). tRPC's adapter would answer the batch size alike (it is given `maxBatchSize` too).
   */
  function refusalOf(method: string, paths: string[], batch: boolean): TRPCError | undefined {
    if (!HTTP_METHODS.has(method)) {
      return new TRPCError({ code: "METHOD_NOT_SUPPORTED", message: `Unsupported ${method} request: use GET or POST` });
    }
    if (batch && paths.length > MAX_BATCH_SIZE) {
      return new TRPCError({ code: "BAD_REQUEST", message: "Batch call exceeds maximum size" });
    }
    for (const path of paths) {
      if (procedures[path]?._def.type === "subscription") {
        return new TRPCError({
          code: "METHOD_NOT_SUPPORTED",
          message: `${path} is a subscription: subscribe over the WebSocket at /trpc, not over HTTP`,
        });
      }
      if (paths.length > 1 && unbatched.has(path)) {
        return new TRPCError({ code: "BAD_REQUEST", message: `${path} cannot be batched: send it on its own request` });
      }
    }
    return undefined;
  }

  /** A request refused as a whole, shaped as tRPC's adapter shapes it. */
  function refuse(req: IncomingMessage, res: ServerResponse, error: TRPCError): Promise<void> {
    const shape = getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
    const body = { error: serialize(shape) };
    return send(req, res, getHTTPStatusCodeFromError(error), JSON.stringify(body));
  }

  type RetryHint = { error?: { data?: { retryAfterMs?: number } } };
  type Answer = { result: { data: unknown } } | { error: unknown };

  const serialize = (value: unknown) => config.transformer.output.serialize(value);
  /** What tRPC's `transformTRPCResponse` makes of an answer (without its object spreads, 1 % of a refused hold). */
  const encode = (answer: Answer) =>
    "error" in answer ? { error: serialize(answer.error) } : { result: { data: serialize(answer.result.data) } };

  async function answer(call: Call, ctx: unknown): Promise<Answer> {
    try {
      const data = await call.procedure({
        path: call.path,
        type: call.type,
        ctx,
        getRawInput: async () => call.input,
        signal: undefined,
        batchIndex: 0,
      });
      return { result: { data } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path: call.path, ctx, type: call.type });
      return { error: errorShapeOf(error, call, ctx) };
    }
  }

  /**
   * tRPC's `getErrorShape` for a call, without its copy of the options it is given (every refused hold, most of a
   * sale's requests, comes through here). The adapter comparison test holds it to the same bytes.
   */
  function errorShapeOf(error: TRPCError, call: Call, ctx: unknown) {
    if (config.isDev) return getErrorShape({ config, error, type: call.type, path: call.path, input: call.input, ctx });
    const shape = {
      message: error.message,
      code: TRPC_ERROR_CODES_BY_KEY[error.code],
      data: { code: error.code, httpStatus: getHTTPStatusCodeFromError(error), path: call.path },
    };
    return config.errorFormatter({ error, type: call.type, path: call.path, input: call.input, ctx, shape });
  }

  async function send(req: IncomingMessage, res: ServerResponse, status: number, json: string): Promise<void> {
    res.statusCode = status;
    res.setHeader("Content-Type", "application/json");
    // A short answer (nearly every one) goes out as the string it is: Node writes it in one piece with the headers,
    // with no Buffer made for it.
    const length = Buffer.byteLength(json);
    if (length < COMPRESS_FROM_BYTES) {
      res.setHeader("Vary", "trpc-accept, accept");
      res.setHeader("Content-Length", length);
      res.end(json);
      return;
    }
    let body = Buffer.from(json);
    res.setHeader("Vary", "trpc-accept, accept, Accept-Encoding");
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      body = body.length <= COMPRESS_IN_PLACE_UP_TO_BYTES ? gzipSync(body, { level: 5 }) : await gzipAsync(body, { level: 5 });
      res.setHeader("Content-Encoding", "gzip");
    }
    res.setHeader("Content-Length", body.length);
    res.end(body);
  }

  async function viaAdapter(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: !hasBody ? undefined : body ?? (Readable.toWeb(req) as ReadableStream),
      duplex: "half",
    } as RequestInit);
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: request,
      router,
      createContext: ({ resHeaders }: FetchCreateContextFnOptions) =>
        options.createContext(req, (cookie) => resHeaders.append("Set-Cookie", cookie)) as never,
      onError: ({ error, path, ctx, type }) => options.onError({ error, path, ctx, type }),
      maxBatchSize: MAX_BATCH_SIZE,
    });
    for (const [name, value] of response.headers) {
      if (name !== "content-length" && name !== "set-cookie" && name !== "vary") res.setHeader(name, value);
    }
    for (const cookie of response.headers.getSetCookie()) res.appendHeader("Set-Cookie", cookie);
    await send(req, res, response.status, await response.text());
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const search = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
    let path: string;
    try {
      path = decodeURIComponent(url.slice("/trpc/".length, queryAt === -1 ? undefined : queryAt));
    } catch {
      return refuse(req, res, new TRPCError({ code: "BAD_REQUEST", message: "Malformed URL: the path is not valid percent-encoding" }));
    }
    const method = req.method ?? "GET";
    const batch = search.get("batch") === "1";
    const refusal = refusalOf(method, batch ? path.split(",") : [path], batch);
    if (refusal) return refuse(req, res, refusal);
    // An HTML form (multipart, urlencoded, text/plain) posts cross-site without a CORS preflight and tRPC's adapter
    // would take it: a mutation is JSON or nothing, which a page of another site cannot send without asking first.
    if (method === "POST" && !isJson(req.headers["content-type"])) {
      return send(req, res, 415, JSON.stringify({ error: { message: "Send mutations as application/json", code: "UNSUPPORTED_MEDIA_TYPE" } }));
    }
    const plainJson =
      (method === "GET" || (method === "POST" && /^application\/json/.test(req.headers["content-type"] ?? ""))) &&
      req.headers["trpc-accept"] === undefined;
    if (!plainJson || path === "" || options.direct === false) return viaAdapter(req, res, undefined);

    let body: Buffer | undefined;
    let rawInput: unknown;
    try {
      if (method === "POST") {
        body = await readBody(req);
        rawInput = body.length > 0 ? JSON.parse(body.toString("utf8")) : undefined;
      } else {
        const given = search.get("input");
        rawInput = given === null ? undefined : JSON.parse(given);
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader("Connection", "close");
        return send(req, res, 413, JSON.stringify({ error: { message: "Request body too large", code: "PAYLOAD_TOO_LARGE" } }));
      }
      return viaAdapter(req, res, body);
    }
    let calls: Call[] | undefined;
    try {
      calls = plainCalls(method, batch ? path.split(",") : [path], batch, rawInput);
    } catch {
      calls = undefined;
    }
    if (!calls) return viaAdapter(req, res, body);

    let ctx: unknown;
    try {
      ctx = await options.createContext(req, (cookie) => res.appendHeader("Set-Cookie", cookie));
    } catch {
      return viaAdapter(req, res, body);
    }
    const results = batch ? await Promise.all(calls.map((call) => answer(call, ctx))) : [await answer(calls[0]!, ctx)];
    const status = getHTTPStatusCode(results as Parameters<typeof getHTTPStatusCode>[0]);
    // A rate-limit refusal says when to come back, in the standard header too (whole seconds, rounded up).
    const retryAfterMs = Math.max(0, ...results.map((result) => (result as RetryHint).error?.data?.retryAfterMs ?? 0));
    if (retryAfterMs > 0) res.setHeader("Retry-After", String(Math.ceil(retryAfterMs / 1000)));
    const encoded = results.map(encode);
    await send(req, res, status, JSON.stringify(batch ? encoded : encoded[0]));
  };
}
