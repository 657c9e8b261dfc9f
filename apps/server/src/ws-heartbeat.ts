import type { WebSocket, WebSocketServer } from "ws";

/**
 * Finds dead WebSockets with protocol pings (browsers and `ws` answer them by themselves): a socket that has not
 * answered its previous ping by its next turn is terminated. Sockets are spread over `slots` turns of one timer,
 * so a process with thousands of watchers pings a few hundred at a time. tRPC's own keep-alive does the same with
 * a text PING and two timers and their closures per socket: about 1 KB of every idle watcher's memory.
 */
export function startWsHeartbeat(wss: WebSocketServer, options: { everyMs: number; slots?: number }): () => void {
  const slots = options.slots ?? 20;
  const slotOf = new WeakMap<WebSocket, number>();
  const answered = new WeakSet<WebSocket>();
  let next = 0;
  function onPong(this: WebSocket) {
    answered.add(this);
  }
  wss.on("connection", (socket) => {
    slotOf.set(socket, next++ % slots);
    answered.add(socket);
    socket.on("pong", onPong);
  });
  let turn = 0;
  const timer = setInterval(
    () => {
      const slot = turn++ % slots;
      for (const socket of wss.clients) {
        if (slotOf.get(socket) !== slot) continue;
        if (!answered.has(socket)) {
          socket.terminate();
          continue;
        }
        answered.delete(socket);
        socket.ping();
      }
    },
    Math.max(1, Math.floor(options.everyMs / slots)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
