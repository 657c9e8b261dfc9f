import type { AppRouter } from "@frontrow/api";
import { createTRPCClient, createWSClient, wsLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import WebSocket from "ws";

export interface WsConnection {
  trpc: TRPCClient<AppRouter>;
  close(): Promise<void>;
  /** Drops the socket at once (no close handshake), as a network failure would. The client reconnects. */
  drop(): void;
}

/**
 * A tRPC WebSocket client on `url()` (re-read at each reconnect, so a client can move to another instance),
 * authenticated with `connectionParams: { sessionToken }` when given, reconnecting with a short backoff.
 */
export function connectWs(options: {
  url: () => string;
  sessionToken?: string;
  onOpen?: () => void;
  onClose?: () => void;
}): WsConnection {
  let socket: WebSocket | undefined;
  class TrackedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      socket = this as WebSocket;
    }
  }
  const client = createWSClient({
    url: () => `${options.url().replace(/^http/, "ws")}/trpc`,
    WebSocket: TrackedWebSocket as never,
    connectionParams: options.sessionToken ? { sessionToken: options.sessionToken } : undefined,
    retryDelayMs: (attempt) => Math.min(2_000, 100 * 2 ** attempt) + Math.random() * 100,
    onOpen: options.onOpen,
    onClose: options.onClose,
  });
  return {
    trpc: createTRPCClient<AppRouter>({ links: [wsLink({ client, transformer: superjson })] }),
    close: () => client.close(),
    drop: () => socket?.terminate(),
  };
}
