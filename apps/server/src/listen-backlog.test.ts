import { Worker } from "node:worker_threads";
import pino from "pino";
import { expect } from "vitest";
import { ACCEPTORS } from "./acceptors";
import { createApp } from "./app";
import { createMetrics } from "./metrics";
import { test } from "@frontrow/core/testing";
import { testServerDeps } from "./test-instances";

const CONNECTIONS = 1_500;

/**
 * Opens `count` TCP connections to `port` from a worker thread and writes how many the kernel completed into
 * `shared[0]` once none has completed for a second: the server's own thread may be blocked meanwhile.
 */
function connectFromWorker(port: number, count: number, shared: Int32Array): Worker {
  const source = `
    const { connect } = require("node:net");
    const { workerData } = require("node:worker_threads");
    const { port, count, shared } = workerData;
    const sockets = [];
    let connected = 0;
    let last = Date.now();
    for (let i = 0; i < count; i++) {
      const socket = connect({ port, host: "127.0.0.1" });
      socket.on("connect", () => { connected++; last = Date.now(); });
      socket.on("error", () => {});
      sockets.push(socket);
    }
    last = Date.now();
    const timer = setInterval(() => {
      if (connected < count && Date.now() - last < 1000) return;
      clearInterval(timer);
      Atomics.store(shared, 0, connected);
      Atomics.notify(shared, 0);
      for (const socket of sockets) socket.destroy();
    }, 50);
  `;
  return new Worker(source, { eval: true, workerData: { port, count, shared } });
}

/**
 * Starts an app, opens `count` connections to it from a worker while this thread is blocked (as by a long turn of
 * the event loop), and hands `check` how many the kernel completed meanwhile.
 */
async function burstWhileBlocked(
  services: Parameters<typeof testServerDeps>[0],
  options: { count: number; acceptors?: number },
  check: (completed: number) => Promise<void> | void,
  onConnection: () => void = () => undefined,
) {
  const deps = testServerDeps(services);
  const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics(), acceptors: options.acceptors });
  const { port } = await app.listen(0, "127.0.0.1");
  app.server.on("connection", onConnection);
  const shared = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(shared, 0, -1);
  const worker = connectFromWorker(port, options.count, shared);
  try {
    Atomics.wait(shared, 0, -1, 60_000);
    await check(Atomics.load(shared, 0));
  } finally {
    await worker.terminate();
    await app.close(500);
    await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
  }
}

test("a burst of connections while the event loop is busy waits in the kernel instead of being dropped", async ({ services }) => {
  // Every connection completed while the server's thread was blocked is one the kernel queued for the server.
  await burstWhileBlocked(services, { count: CONNECTIONS }, (completed) => {
    expect(completed).toBe(CONNECTIONS);
  });
});

test("after a long turn of the event loop, the next turn takes a burst of the waiting connections, not one", async ({
  services,
}) => {
  let accepted = 0;
  await burstWhileBlocked(
    services,
    { count: 200, acceptors: ACCEPTORS },
    async (completed) => {
      expect(completed).toBe(200);
      // From this turn's end to the next one's: one poll phase, which accepts what it can. Node 20 alone takes one.
      await new Promise((resolve) => setImmediate(resolve));
      const before = accepted;
      await new Promise((resolve) => setImmediate(resolve));
      expect(accepted - before).toBeGreaterThanOrEqual(ACCEPTORS);
    },
    () => accepted++,
  );
});
