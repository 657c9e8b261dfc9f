import net from "node:net";
import { test } from "@frontrow/core/testing";
import pino from "pino";
import { describe, expect } from "vitest";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { testServerDeps } from "./test-instances";

/** Writes `request` on a new connection and resolves with everything the server sent before it hung up. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => {});
    socket.on("close", () => resolve(answer));
    setTimeout(() => socket.destroy(), 5_000).unref();
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as { error: string };

describe("requests Node cannot parse", () => {
  test("are refused with their status and a JSON message (a URL over 16 KB: 431; an invalid method: 400)", async ({ services }) => {
    const deps = testServerDeps(services);
    const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics() });
    const { port } = await app.listen(0, "127.0.0.1");
    try {
      const long = await fetch(`http://127.0.0.1:${port}/trpc/events.list?input=${"a".repeat(20_000)}`);
      expect(long.status).toBe(431);
      expect(((await long.json()) as { error: string }).error).toMatch(/too large.*POST body/);

      const badMethod = await rawRequest(port, "FO@O /trpc/auth.me HTTP/1.1\r\nHost: x\r\n\r\n");
      expect(badMethod).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(bodyOf(badMethod).error).toBe("Malformed HTTP request");

      const badHeader = await rawRequest(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nBad\0Header: 1\r\n\r\n");
      expect(badHeader).toMatch(/^HTTP\/1\.1 400 /);
      expect(bodyOf(badHeader).error).toBe("Malformed HTTP request");
    } finally {
      await app.close(500);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
    }
  });
});
