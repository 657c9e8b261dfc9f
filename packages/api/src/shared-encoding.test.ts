import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { encodeOnce, sharedEncodingTransformer, sharedEncodingWsEncoder } from "./shared-encoding";

/** A WebSocket data frame as tRPC's ws adapter builds it for a tracked subscription value. */
const frame = (requestId: unknown, data: object) => ({
  id: requestId,
  result: { type: "data", id: "42", data: sharedEncodingTransformer.output.serialize({ id: "42", data }) },
});

describe("encode once, send many", () => {
  it("gives every subscriber exactly the bytes superjson and JSON.stringify would", () => {
    const message = encodeOnce({ seq: 42, changes: [{ seatId: "a\"b$&\\", status: "held" }, { sectionId: "s", available: 3 }] });
    for (const requestId of [1, "x", null, "\u0000shared-0000\u0000"]) {
      const expected = JSON.stringify({
        id: requestId,
        result: { type: "data", id: "42", data: superjson.serialize({ id: "42", data: message }) },
      });
      expect(sharedEncodingWsEncoder.encode(frame(requestId, message))).toBe(expected);
    }
  });

  it("encodes a shared message once however many frames carry it", () => {
    let reads = 0;
    const message = { seq: 1 } as { seq: number; changes: unknown[] };
    Object.defineProperty(message, "changes", {
      enumerable: true,
      get: () => {
        reads++;
        return [{ seatId: "a", status: "sold" }];
      },
    });
    encodeOnce(message);
    const afterMarking = reads;
    for (let i = 0; i < 100; i++) sharedEncodingWsEncoder.encode(frame(i, message));
    expect(reads).toBe(afterMarking);
  });

  it("leaves objects superjson must annotate to superjson", () => {
    const withDate = encodeOnce({ at: new Date(0) });
    expect(sharedEncodingTransformer.output.serialize(withDate)).toEqual(superjson.serialize(withDate));
    expect(sharedEncodingWsEncoder.encode({ data: sharedEncodingTransformer.output.serialize(withDate) })).toBe(
      JSON.stringify({ data: superjson.serialize(withDate) }),
    );
  });
});

describe("plain JSON", () => {
  /** Values superjson annotates or refuses, mixed into plain JSON by the property below. */
  const special = fc.constantFrom<unknown>(undefined, new Date(0), new Map([["a", 1]]), new Set([1]), -0, NaN, Infinity, 10n);
  const anyValue = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue({ maxDepth: 2 }),
      special,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor")), tie("value"), { maxKeys: 4 }),
    ),
  })).value;

  it("is encoded exactly as superjson encodes it, whatever the value holds", () => {
    fc.assert(
      fc.property(anyValue, fc.boolean(), (value, repeat) => {
        // The same object twice is something superjson records (referential equalities).
        const input = repeat && typeof value === "object" && value !== null ? { a: value, b: value } : value;
        let expected: unknown;
        try {
          expected = superjson.serialize(input);
        } catch (error) {
          expect(() => sharedEncodingTransformer.output.serialize(input)).toThrow((error as Error).message);
          return;
        }
        const actual = sharedEncodingTransformer.output.serialize(input);
        expect(actual).toEqual(expected);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 2_000 },
    );
  });

  it("passes a refusal's error shape through without copying it", () => {
    const shape = { message: "Some of these seats were just taken", code: -32009, data: { seatIds: ["a"], zodError: null } };
    expect(sharedEncodingTransformer.output.serialize(shape).json).toBe(shape);
  });
});

describe("input", () => {
  it("reads input as superjson does, annotated or not", () => {
    const plain = superjson.serialize({ eventId: "e", seatIds: ["a", "b"], best: { quantity: 2 } });
    expect(plain.meta).toBeUndefined();
    expect(sharedEncodingTransformer.input.deserialize(plain)).toEqual(superjson.deserialize(plain));
    const dated = superjson.serialize({ at: new Date(5), tags: new Set(["x"]) });
    const read = sharedEncodingTransformer.input.deserialize(dated) as { at: Date; tags: Set<string> };
    expect(read.at).toEqual(new Date(5));
    expect(read.tags).toEqual(new Set(["x"]));
  });
});
