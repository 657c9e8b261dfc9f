import { DomainError, isDomainError, validateSessionId, withoutStackTrace } from "@frontrow/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import type { Context } from "./context";
import { sharedEncodingTransformer } from "./shared-encoding";
import { trpcCodeFor } from "./error-mapping";
import { unavailableIfUnreachable } from "./unavailable";

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

/**
 * For the resolvers of the hot path (holds): a domain refusal leaves the resolver already as its tRPC error. Any
 * other error a resolver throws, tRPC wraps in a new TRPCError with a stack trace of its own, which was 4 % of the
 * CPU of a refused hold; the result is the same.
 */
export function refusing<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw isDomainError(error) ? refusal(trpcCodeFor[error.code], error) : error;
  });
}

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** The most subscriptions one context (one WebSocket) may have open at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
const openSubscriptions = new WeakMap<object, number>();

/**
 * Counts a subscription against its connection (the context's `connection`, else the context, which a WebSocket
 * keeps for its life); the returned function gives it back (once).
 */
export function claimSubscription(connection: object): () => void {
  const open = openSubscriptions.get(connection) ?? 0;
  if (open >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: stop one before starting another`,
    });
  }
  openSubscriptions.set(connection, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openSubscriptions.set(connection, (openSubscriptions.get(connection) ?? 1) - 1);
  };
}

/**
 * A subscription's stream as the client sees it: a domain error thrown while it runs (an unknown event, no waiting
 * room) keeps its code instead of becoming INTERNAL_SERVER_ERROR, and the connection's slot is given back when the
 * stream ends, fails or is stopped.
 */
class GuardedStream<T> implements AsyncIterableIterator<T> {
  // A class rather than an async generator or an object literal around the stream: thousands of watchers hold one
  // each, and a generator keeps its own request queue and promises per pending step (a literal, its closures).
  private readonly iterator: AsyncIterator<T>;

  constructor(
    stream: AsyncIterable<T>,
    private readonly release: () => void,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    return this.iterator.next().then(
      (step) => {
        if (step.done) this.release();
        return step;
      },
      (cause: unknown) => this.failed(cause),
    );
  }

  async return(value?: unknown): Promise<IteratorResult<T>> {
    this.release();
    if (!this.iterator.return) return { done: true, value: value as T };
    return this.iterator.return(value).catch((cause: unknown) => this.failed(cause));
  }

  private failed(cause: unknown): never {
    this.release();
    throw isDomainError(cause) ? refusal(trpcCodeFor[cause.code], cause) : cause;
  }
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

type SignedIn = { user: NonNullable<Context["user"]>; session: NonNullable<Context["session"]> };
type SessionOf = Pick<Context, "user" | "session">;

/**
 * The session as it is now, or undefined when the context's is still current. A WebSocket's context is made once
 * per connection, so a session revoked or expired since (logout on any instance) must be noticed on each call:
 * the session cache answers without a query while the session is current, and drops it on every instance when it
 * is revoked.
 */
async function refreshedSession(ctx: Context): Promise<SessionOf | undefined> {
  if (!ctx.session) return undefined;
  const cached = ctx.deps.sessionCache.get(ctx.session.id);
  if (cached === undefined || cached.session.expiresAt.getTime() <= ctx.deps.clock.now().getTime()) {
    const validated = await validateSessionId(ctx.deps, ctx.session.id);
    return { user: validated?.user ?? null, session: validated?.session ?? null };
  }
  if (cached.user === ctx.user && cached.session === ctx.session) return undefined;
  return { user: cached.user, session: cached.session };
}

type ObservedResult = { ok: boolean; data?: unknown; error?: TRPCError };
interface ObservedOptions {
  ctx: Context;
  path: string;
  type: string;
  signal: AbortSignal | undefined;
}

/**
 * Around every call, in one middleware (tRPC copies a call's options at every layer, which was measurable on the
 * hold path): brings the session up to date, refuses anonymous calls to signed-in procedures, times the call for
 * metrics, turns domain errors into their tRPC codes and counts subscriptions against their connection.
 * `proceed` calls the next layer, with the refreshed session when it changed.
 */
async function observe<R extends ObservedResult>(
  { ctx, path, type, signal }: ObservedOptions,
  signedInOnly: boolean,
  proceed: (session: SessionOf | undefined) => Promise<R>,
): Promise<R> {
  const started = performance.now();
  const observed = (code: string) =>
    ctx.deps.observeProcedure?.({ path, type, durationMs: performance.now() - started, code });
  let release: (() => void) | undefined;
  let result: R;
  try {
    const session = await refreshedSession(ctx);
    if (signedInOnly && !(session ?? ctx).user) throw refusal("UNAUTHORIZED", new DomainError("UNAUTHENTICATED", "Sign in first"));
    release = type === "subscription" ? claimSubscription(ctx.connection ?? ctx) : undefined;
    // Stopping a subscription (or closing its socket) aborts its signal, even if its stream never started.
    if (release) signal?.addEventListener("abort", release, { once: true });
    result = await proceed(session);
  } catch (thrown) {
    release?.();
    const error = unavailableIfUnreachable(thrown);
    observed(error instanceof TRPCError ? error.code : "INTERNAL_SERVER_ERROR");
    throw error;
  }
  const stream = release && result.ok && isAsyncIterable(result.data) ? result.data : undefined;
  if (release && !stream) release();
  if (!result.ok) {
    const cause = result.error?.cause;
    if (isDomainError(cause)) {
      const code = trpcCodeFor[cause.code];
      observed(code);
      if (result.error?.code === code) return result;
      throw refusal(code, cause);
    }
    const unavailable = unavailableIfUnreachable(result.error);
    if (unavailable !== result.error) {
      observed("SERVICE_UNAVAILABLE");
      throw unavailable;
    }
    observed(result.error?.code ?? "INTERNAL_SERVER_ERROR");
    return result;
  }
  observed("OK");
  if (stream && release) return { ...result, data: new GuardedStream(stream, release) };
  return result;
}

export const publicProcedure = t.procedure.use(({ next, ...options }) =>
  observe(options, false, (session) => (session ? next({ ctx: session }) : next())),
);

export const protectedProcedure = t.procedure.use(({ next, ...options }) =>
  // The signed-in user and session are already in the context unless they were refreshed: then only the type is
  // narrowed, and tRPC, given no context, does not copy it.
  observe(options, true, (session) => next({ ctx: session as SignedIn | undefined as SignedIn })),
);

/** Who makes an admin call, and in which request: what the audited core functions record. */
export const auditActor = (ctx: { user: { id: string }; requestId: string }) => ({
  actorId: ctx.user.id,
  requestId: ctx.requestId,
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

/** Door staff: the scanner role, and organizers, who may scan too. */
export const scannerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "scanner" && ctx.user.role !== "admin") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Door staff only",
      cause: new DomainError("FORBIDDEN", "Door staff only"),
    });
  }
  return next();
});
