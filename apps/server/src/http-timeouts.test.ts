import net from "node:net";
import { test } from "@frontrow/core/testing";
import pino from "pino";
import { describe, expect } from "vitest";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { testServerDeps } from "./test-instances";

/** Sends `head`, then one byte of body every 100 ms; resolves with what the server answered and when it hung up. */
function trickle(port: number, head: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    const timer = setInterval(() => socket.writable && socket.write("a"), 100);
    socket.on("connect", () => socket.write(head));
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, ms: Date.now() - started });
    });
    // Without limits the server would wait for the whole body (or minutes): give up after 8 s.
    setTimeout(() => socket.destroy(), 8_000).unref();
  });
}

describe("HTTP timeouts", () => {
  test("a body or headers trickled too slowly get 408 and a closed connection; other methods (OPTIONS) get 405", async ({ services }) => {
    const deps = testServerDeps(services);
    const app = createApp({
      deps,
      logger: pino({ level: "silent" }),
      metrics: createMetrics(),
      httpTimeouts: { requestMs: 1_500, headersMs: 1_000, checkEveryMs: 200 },
    });
    const { port } = await app.listen(0, "127.0.0.1");
    try {
      const body = await trickle(
        port,
        "POST /trpc/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
      );
      expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.answer).toContain(`{"error":"The request took too long to arrive"}`);
      expect(body.ms).toBeLessThan(4_000);
      const headers = await trickle(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(headers.ms).toBeLessThan(4_000);

      const traced = await fetch(`http://127.0.0.1:${port}/healthz`, { method: "OPTIONS" });
      expect(traced.status).toBe(405);
    } finally {
      await app.close(500);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
    }
  });
});
