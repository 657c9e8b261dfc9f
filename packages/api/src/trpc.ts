import { DomainError, isDomainError, validateSessionId, withoutStackTrace } from "@frontrow/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { Context } from "./context";
import { sharedEncodingTransformer } from "./shared-encoding";
import { trpcCodeFor } from "./error-mapping";

/** What a client is told of a real failure (a 500); the detail is only in the server log, under the request id. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side";

const t = initTRPC.context<Context>().create({
  transformer: sharedEncodingTransformer,
  // Stack traces never reach clients (whatever NODE_ENV says), so tRPC need not format one for every error.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    // A real failure's message names SQL, parameters or internals: it goes to the server log (with this request
    // id), and the client gets a generic message and the id to quote.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? INTERNAL_ERROR_MESSAGE : shape.message,
      data: {
        ...shape.data,
        requestId: ctx?.requestId,
        domainCode: isDomainError(cause) ? cause.code : undefined,
        ...(isDomainError(cause) ? cause.details : {}),
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

/** The tRPC error of a domain refusal; like the refusal, it carries no stack trace. */
const refusal = (code: TRPCError["code"], cause: DomainError) =>
  withoutStackTrace(() => new TRPCError({ code, message: cause.message, cause }));

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** The most subscriptions one context (one WebSocket) may have open at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
const openSubscriptions = new WeakMap<object, number>();

/** Counts a subscription against its connection; the returned function gives it back (once). */
function claimSubscription(ctx: object): () => void {
  const open = openSubscriptions.get(ctx) ?? 0;
  if (open >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: stop one before starting another`,
    });
  }
  openSubscriptions.set(ctx, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openSubscriptions.set(ctx, (openSubscriptions.get(ctx) ?? 1) - 1);
  };
}

/**
 * A subscription's stream as the client sees it: a domain error thrown while it runs (an unknown event, no waiting
 * room) keeps its code instead of becoming INTERNAL_SERVER_ERROR, and the connection's slot is given back when the
 * stream ends, fails or is stopped.
 */
async function* guardedStream<T>(stream: AsyncIterable<T>, release: () => void): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (cause) {
    if (isDomainError(cause)) throw refusal(trpcCodeFor[cause.code], cause);
    throw cause;
  } finally {
    release();
  }
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** Times every call for metrics and turns domain errors into their tRPC codes. */
const observed = t.middleware(async ({ ctx, path, type, signal, next }) => {
  const release = type === "subscription" ? claimSubscription(ctx) : undefined;
  // Stopping a subscription (or closing its socket) aborts its signal, even if its stream never started.
  if (release) signal?.addEventListener("abort", release, { once: true });
  const started = performance.now();
  const result = await next().catch((error: unknown) => {
    release?.();
    throw error;
  });
  const stream = release && result.ok && isAsyncIterable(result.data) ? result.data : undefined;
  if (release && !stream) release();
  let code = "OK";
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) {
      code = trpcCodeFor[cause.code];
      ctx.deps.observeProcedure?.({ path, type, durationMs: performance.now() - started, code });
      throw refusal(trpcCodeFor[cause.code], cause);
    }
    code = result.error.code;
  }
  ctx.deps.observeProcedure?.({ path, type, durationMs: performance.now() - started, code });
  if (stream && release) return { ...result, data: guardedStream(stream, release) };
  return result;
});

/**
 * The session as it is now. A WebSocket's context is made once per connection, so a session revoked or expired
 * since (logout on any instance) must be noticed on each call: the session cache answers without a query while
 * the session is current, and drops it on every instance when it is revoked.
 */
const currentSession = t.middleware(async ({ ctx, next }) => {
  if (!ctx.session) return next();
  const cached = ctx.deps.sessionCache.get(ctx.session.id);
  if (cached === undefined || cached.session.expiresAt.getTime() <= ctx.deps.clock.now().getTime()) {
    const validated = await validateSessionId(ctx.deps, ctx.session.id);
    return next({ ctx: { user: validated?.user ?? null, session: validated?.session ?? null } });
  }
  if (cached.user === ctx.user && cached.session === ctx.session) return next();
  return next({ ctx: { user: cached.user, session: cached.session } });
});

export const publicProcedure = t.procedure.use(observed).use(currentSession);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "Sign in first",
      cause: new DomainError("UNAUTHENTICATED", "Sign in first"),
    });
  }
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Organizers only",
      cause: new DomainError("FORBIDDEN", "Organizers only"),
    });
  }
  return next();
});
