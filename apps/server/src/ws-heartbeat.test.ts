import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { startWsHeartbeat } from "./ws-heartbeat";

describe("WebSocket heartbeat", () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function serverWithHeartbeat(everyMs: number) {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await once(wss, "listening");
    const stop = startWsHeartbeat(wss, { everyMs, slots: 4 });
    cleanups.push(() => {
      stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
    });
    return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  }

  it("keeps a socket that answers pings and cuts off one that does not", async () => {
    const url = await serverWithHeartbeat(200);
    const answering = new WebSocket(url);
    const silent = new WebSocket(url, { autoPong: false });
    await Promise.all([once(answering, "open"), once(silent, "open")]);
    let pings = 0;
    answering.on("ping", () => pings++);
    const silentClosed = once(silent, "close");

    await silentClosed;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(pings).toBeGreaterThanOrEqual(2);
    answering.close();
  });
});
