import { isTrackedEnvelope, TRPCError, type TrackedEnvelope } from "@trpc/server";
import type { z } from "zod";

/**
 * Output parsers for answers that must reach the transformer as the very objects the resolver returned: those
 * pre-encoded by identity (`encodeAs`, `encodeOnce`: a copy would lose its JSON and be walked by superjson again),
 * and the messages of subscriptions. tRPC's `.output(schema)` replaces the answer with zod's copy; these check it
 * with the schema (strict ones, so no unknown key goes out unchecked) and hand on the original.
 */

function outputRefused(cause: unknown): TRPCError {
  // As tRPC's own output validation fails: a 500, whose detail stays in the server log.
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed", cause });
}

/** Checks the answer with `schema` and passes it on unchanged. */
export function checkedInPlace<S extends z.ZodType>(schema: S): (value: unknown) => z.output<S> {
  return (value) => {
    schema.parse(value);
    return value as z.output<S>;
  };
}

/**
 * A subscription's messages, each checked with `check` as it is yielded. A message already checked (one message
 * is shared by every watcher of a tick) is not checked again.
 */
class CheckedStream<T> implements AsyncIterableIterator<T> {
  // A class, as GuardedStream (trpc.ts) is: every watcher holds one.
  private readonly iterator: AsyncIterator<T>;

  constructor(
    stream: AsyncIterable<T>,
    private readonly check: (value: T) => void,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    return this.iterator.next().then((step) => {
      if (!step.done) this.check(step.value);
      return step;
    });
  }

  return(value?: unknown): Promise<IteratorResult<T>> {
    if (!this.iterator.return) return Promise.resolve({ done: true, value: value as T });
    return this.iterator.return(value);
  }
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/** `messageOf` finds the message in what the stream yields; it throws if there is none. */
function streamChecking<T>(schema: z.ZodType, messageOf: (value: unknown) => unknown) {
  const checked = new WeakSet<object>();
  const check = (value: unknown) => {
    try {
      const message = messageOf(value);
      const shared = typeof message === "object" && message !== null ? message : undefined;
      if (shared && checked.has(shared)) return;
      schema.parse(message);
      if (shared) checked.add(shared);
    } catch (cause) {
      throw outputRefused(cause);
    }
  };
  return (value: unknown): AsyncIterable<T> => {
    if (!isAsyncIterable(value))
      throw outputRefused(new TypeError("A subscription must return an async iterable"));
    return new CheckedStream(value as AsyncIterable<T>, check);
  };
}

/** A subscription's output parser: each message yielded is checked with `schema` and passed on unchanged. */
export function eachYield<S extends z.ZodType>(schema: S): (value: unknown) => AsyncIterable<z.output<S>> {
  return streamChecking(schema, (message) => message);
}

/** As `eachYield`, for messages in `tracked()` envelopes (one per watcher): the message inside is checked. */
export function eachTrackedYield<S extends z.ZodType>(
  schema: S,
): (value: unknown) => AsyncIterable<TrackedEnvelope<z.output<S>>> {
  return streamChecking(schema, (envelope) => {
    if (!isTrackedEnvelope(envelope)) throw new TypeError("Expected a tracked() message");
    return envelope[1];
  });
}
