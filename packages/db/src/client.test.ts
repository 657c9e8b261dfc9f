import net from "node:net";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { testServerUrl } from "./testing";

/** A TCP relay to the test Postgres that can refuse every connection for a while, as a restarting server does. */
async function startRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: () => {
      const url = new URL(target);
      url.host = `127.0.0.1:${port}`;
      return url.toString();
    },
    /** Drops every connection and refuses new ones until `up`. */
    down: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server!.close(() => resolve());
      }),
    up: listen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
  };
}

describe("createDb", () => {
  it("serves again within 1.5 s of Postgres coming back after refusing connections for a while", async () => {
    const relay = await startRelay(new URL(testServerUrl));
    const handle = createDb(relay.url(), { max: 10 });
    try {
      await Promise.all(Array.from({ length: 10 }, () => handle.sql`select 1`));
      await relay.down();
      // Fans keep asking while the server is away: every pooled connection fails to connect, again and again.
      let failures = 0;
      const asking = setInterval(() => {
        handle.sql`select 1`.catch(() => failures++);
      }, 20);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      clearInterval(asking);
      expect(failures).toBeGreaterThan(10);
      await relay.up();
      const back = performance.now();
      // The pool as a whole serves again, not just the first connection back: ten 0.3 s queries in parallel.
      await Promise.all(
        Array.from({ length: 10 }, () =>
          handle.sql`select pg_sleep(0.3)`.catch(() => handle.sql`select pg_sleep(0.3)`),
        ),
      );
      // postgres.js's own backoff grows with failed connects counted over the whole pool (up to 20 s).
      expect(performance.now() - back).toBeLessThan(1_500);
    } finally {
      await handle.close();
      await relay.close();
    }
  }, 30_000);
});
