import { Worker } from "node:worker_threads";
import pino from "pino";
import { expect } from "vitest";
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

test("a burst of connections while the event loop is busy waits in the kernel instead of being dropped", async ({ services }) => {
  const deps = testServerDeps(services);
  const app = createApp({ deps, logger: pino({ level: "silent" }), metrics: createMetrics() });
  const { port } = await app.listen(0, "127.0.0.1");
  const shared = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(shared, 0, -1);
  const worker = connectFromWorker(port, CONNECTIONS, shared);
  try {
    // The server's thread is blocked (as by a long turn of its event loop) until the worker has its answer: every
    // connection completed meanwhile is one the kernel queued for the server.
    Atomics.wait(shared, 0, -1, 60_000);
    expect(Atomics.load(shared, 0)).toBe(CONNECTIONS);
  } finally {
    await worker.terminate();
    await app.close(500);
    await Promise.all([deps.changeBus.close(), deps.queueHeads.close(), deps.sessionCache.close()]);
  }
});
