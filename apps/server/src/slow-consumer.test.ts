import { test as servicesTest } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import pino from "pino";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { testServerDeps } from "./test-instances";
import { SLOW_CONSUMER_CLOSE_CODE } from "./slow-consumer";

const LIMIT = 64 * 1024;

/** A raw tRPC WebSocket subscriber of an event's seat changes; `pause()` stops reading from the socket. */
function rawWatcher(url: string, eventId: string) {
  const socket = new WebSocket(url);
  const seqs: number[] = [];
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { result?: { type: string; data?: { json: { data: { seq: number } } } } };
    if (message.result?.type === "data") seqs.push(message.result.data!.json.data.seq);
  });
  const started = new Promise<void>((resolve) =>
    socket.once("open", () => {
      socket.send(JSON.stringify({ id: 1, method: "subscription", params: { path: "seats.onChange", input: { json: { eventId } } } }));
      socket.on("message", function onMessage(data) {
        if ((JSON.parse(String(data)) as { result?: { type: string } }).result?.type === "started") {
          socket.off("message", onMessage);
          resolve();
        }
      });
    }),
  );
  return { socket, seqs, closed, started, pause: () => (socket as unknown as { _socket: { pause(): void } })._socket.pause() };
}

const test = servicesTest;

describe("slow WebSocket consumers", () => {
  test("a watcher that stops reading is cut off with 1013 once its backlog passes the limit; others get everything", async ({
    services,
  }) => {
    const deps = testServerDeps(services);
    const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics(), wsMaxBufferedBytes: LIMIT });
    const { port } = await app.listen(0, "127.0.0.1");
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const url = `ws://127.0.0.1:${port}/trpc`;
    const slow = rawWatcher(url, eventId);
    const steady = rawWatcher(url, eventId);
    try {
      await Promise.all([slow.started, steady.started]);
      slow.pause();
      // Batches as the hold scripts publish them, large enough to fill the kernel's buffers and then the server's.
      const changes = Array.from({ length: 2_000 }, (_, i) => ({ seatId: `seat-${i}-${"x".repeat(40)}`, status: "held" }));
      // ioredis prefixes a shard channel like a key, so SPUBLISH on the test's connection takes the bare name.
      const channel = keys.seatChangesChannel(eventId);
      const publisher = services.redisStore.connect();
      const batches = 120;
      for (let seq = 1; seq <= batches; seq++) {
        await publisher.spublish(channel, JSON.stringify({ seq, changes }));
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      await publisher.quit();
      await expect.poll(() => steady.seqs.at(-1), { timeout: 10_000 }).toBe(batches);
      expect(steady.socket.readyState).toBe(WebSocket.OPEN);
      // The slow one reads again: it finds what was queued up to the cut, then the close frame, or, if it kept
      // not reading past the grace, a socket the server destroyed (1006). Either way the tRPC client reconnects.
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect([SLOW_CONSUMER_CLOSE_CODE, 1006]).toContain(await slow.closed);
      expect(slow.seqs.length).toBeLessThan(batches);
    } finally {
      steady.socket.close();
      slow.socket.terminate();
      await app.close(500);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
    }
  }, 60_000);
});
