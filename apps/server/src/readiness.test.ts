import net from "node:net";
import { generateTicketSigningKey } from "@frontrow/core";
import { test } from "@frontrow/core/testing";
import { Redis } from "ioredis";
import pino from "pino";
import { describe, expect } from "vitest";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { createServerDeps } from "./server-deps";

describe("/readyz", () => {
  test("answers 503 within its timeout when Redis accepts connections but never replies", async ({
    services,
  }) => {
    // A Redis that hangs (an overloaded or half-dead server, a connection stuck after a restart).
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const stuck = new Redis({
      host: "127.0.0.1",
      port,
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: null,
    });
    const deps = createServerDeps({
      db: services.database.db,
      redis: stuck,
      subscriber: services.redisStore.connect({ forSubscriptions: true }),
      queueSubscriber: services.redisStore.connect({ forSubscriptions: true }),
      clock: services.clock,
      passSecret: "a-test-pass-secret-of-enough-length",
      ticketSigningKey: generateTicketSigningKey(),
    });
    const app = createApp({
      deps,
      logger: pino({ level: "silent" }),
      metrics: createMetrics(),
      webDist: undefined,
    });
    const address = await app.listen(0, "127.0.0.1");
    try {
      const started = performance.now();
      const ready = await fetch(`http://127.0.0.1:${address.port}/readyz`, {
        signal: AbortSignal.timeout(5_000),
      });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ok: false, postgres: true, redis: false });
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      await app.close(1_000);
      await Promise.all([deps.changeBus.close(), deps.queueHeads.close()]);
      stuck.disconnect();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
