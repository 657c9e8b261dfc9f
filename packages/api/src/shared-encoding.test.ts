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
