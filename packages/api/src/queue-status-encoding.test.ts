import type { QueueStatus } from "@frontrow/core";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { encodeQueueStatus } from "./queue-status-encoding";
import { sharedEncodingTransformer, sharedEncodingWsEncoder } from "./shared-encoding";

/** What a subscriber receives for `status`, as tRPC's ws adapter frames a subscription value. */
const received = (status: QueueStatus) =>
  JSON.parse(
    sharedEncodingWsEncoder.encode({ id: 7, result: { type: "data", data: sharedEncodingTransformer.output.serialize(status) } }),
  ) as { result: { data: { json: unknown; meta?: unknown } } };

describe("a waiting fan's status put together once per tick's shared part", () => {
  const fairness = { seedHash: "a".repeat(64), seed: 'b"\\c' };
  const startsAt = new Date("2026-12-06T22:00:00.123Z");
  const statuses: QueueStatus[] = [
    { startsAt, fairness, state: "waiting", position: 12_345, ahead: 12_344, etaSeconds: 412 },
    { startsAt, fairness, entryId: "0b6c1f0e-6c1a-4f3e-9a39-2f3e0f6b1a77", state: "waiting", position: 1, ahead: 0, etaSeconds: 1 },
    { startsAt, fairness: undefined, state: "waiting", position: 3, ahead: 2, etaSeconds: 1 },
    { startsAt, fairness, state: "admitted", position: 9, admittedUntil: new Date(0), accessPass: "x.y" },
    { startsAt, state: "pre_queue", entryId: "e" },
  ];

  it("gives the subscriber what superjson would, dates included", () => {
    for (const status of statuses) {
      const expected = JSON.parse(JSON.stringify(superjson.serialize(status))) as object;
      const frame = received(encodeQueueStatus({ ...status }));
      expect(frame.result.data).toEqual(expected);
      expect(superjson.deserialize(frame.result.data as never)).toEqual(status);
    }
  });

  it("answers an HTTP call (the response's JSON.stringify) with what superjson would", () => {
    for (const status of statuses) {
      const expected = JSON.stringify(superjson.serialize(status));
      expect(JSON.stringify(sharedEncodingTransformer.output.serialize(encodeQueueStatus({ ...status })))).toBe(expected);
    }
  });

  it("does not walk a waiting status with superjson", () => {
    const status = encodeQueueStatus({ ...statuses[0]! });
    let reads = 0;
    Object.defineProperty(status, "position", { enumerable: true, get: () => ++reads });
    received(status);
    expect(reads).toBe(0);
  });
});
