import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "../root";
import { describe, expect } from "vitest";
import { createApiHarness, failure, test, type TestClient } from "../testing";
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from "../trpc";

type Caller = Awaited<ReturnType<TestClient["call"]>>;

/**
 * The code a WebSocket client gets: from the call, or from the stream's first step (as the ws adapter reads it);
 * "OK" if the stream is still running after 500 ms.
 */
async function codeOf(client: TestClient, subscribe: (caller: Caller) => Promise<AsyncIterable<unknown>>) {
  const controller = new AbortController();
  try {
    const iterator = (await subscribe(await client.call({ signal: controller.signal })))[Symbol.asyncIterator]();
    await Promise.race([iterator.next(), new Promise((resolve) => setTimeout(resolve, 500))]);
    return "OK";
  } catch (error) {
    return getTRPCErrorFromUnknown(error).code;
  } finally {
    controller.abort();
  }
}

describe("subscriptions", () => {
  test("an unknown event or an event without a waiting room is NOT_FOUND, a bad lastEventId BAD_REQUEST", async ({
    api,
    services,
  }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const fan = await api.fan();
    const unknown = crypto.randomUUID();
    expect(await codeOf(fan, (caller) => caller.seats.onChange({ eventId: unknown }))).toBe("NOT_FOUND");
    expect(await codeOf(fan, (caller) => caller.queue.onStatus({ eventId: unknown }))).toBe("NOT_FOUND");
    expect(await codeOf(fan, (caller) => caller.queue.onStatus({ eventId }))).toBe("NOT_FOUND");
    for (const lastEventId of ["-5", "1e3", "abc", "01", "99999999999999999"]) {
      const code = await codeOf(fan, (caller) => caller.seats.onChange({ eventId, lastEventId }));
      expect({ lastEventId, code }).toEqual({ lastEventId, code: "BAD_REQUEST" });
    }
    expect(await codeOf(fan, (caller) => caller.seats.onChange({ eventId, lastEventId: "0" }))).toBe("OK");
  });

  test(`one connection holds at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions`, async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const controller = new AbortController();
    // One caller is one context, as one WebSocket is.
    const caller = await api.client().call({ signal: controller.signal });
    try {
      const open = [];
      for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) open.push(await caller.seats.onChange({ eventId }));
      const refused = await caller.seats.onChange({ eventId }).catch((error: unknown) => getTRPCErrorFromUnknown(error));
      expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/At most 20 subscriptions/) });
      // Stopped (their signal aborted, as the ws adapter does on stop or close), they give their slots back.
      controller.abort();
      await expect(caller.seats.onChange({ eventId })).resolves.toBeDefined();
    } finally {
      controller.abort();
    }
  });
});

describe("failures", () => {
  test("a real failure reaches the client as a generic message with the request id, never the cause's text", async ({
    api,
  }) => {
    const broken = createApiHarness({
      ...api.deps,
      layouts: { ...api.deps.layouts, get: () => Promise.reject(new Error("ERR Invalid stream ID specified as stream command argument")) },
    });
    const ctx = { requestId: "req-42" };
    const error = await failure((await broken.client().call()).seats.onChange({ eventId: crypto.randomUUID() }));
    // What every adapter (HTTP, WebSocket) sends is this shape.
    const shape = getErrorShape({ config: appRouter._def._config, error, type: "subscription", path: "seats.onChange", input: undefined, ctx: ctx as never });
    expect(shape.message).toBe("Something went wrong on our side");
    expect(shape.data.requestId).toBe("req-42");
    expect(JSON.stringify(shape)).not.toMatch(/stream ID/);
  });
});
