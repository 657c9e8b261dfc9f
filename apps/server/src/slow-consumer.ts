import { WebSocket } from "ws";

/**
 * A WebSocket whose messages may be taken before its listeners see them, and given back to them; the listeners
 * (tRPC's handler) may be attached only when the first message they must see arrives.
 */
export interface InterceptingWebSocket extends WebSocket {
  passOn(text: string): void;
  /** Attaches the socket's message listeners; called once, before the first message they get. */
  attachListeners: (() => void) | undefined;
  /** The session token of the upgrade request's cookie. */
  sessionToken: string | undefined;
  /** The upgrade URL said `connectionParams=1`. */
  connectionParams: boolean;
}

/** A client whose unsent data passes this is cut off: it reconnects and resumes from its last change, or refetches. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The close code a cut-off client gets (1013: try again later). */
export const SLOW_CONSUMER_CLOSE_CODE = 1013;
/** How long a cut-off client may take to read what was queued before its close frame; then the socket is destroyed. */
const CLOSE_GRACE_MS = 5_000;

/**
 * A WebSocket class that never buffers more than `maxBufferedBytes` for a client that reads slower than changes
 * arrive: past it the socket is closed with 1013 and sends nothing more, so memory stays bounded however many slow
 * watchers an on-sale has. The tRPC client reconnects and resubscribes from its last tracked id (a replay, or a
 * refetch when it is too far behind).
 */
export function slowConsumerGuardedWebSocket(
  maxBufferedBytes = MAX_BUFFERED_BYTES,
  /**
   * Sees each text message before the socket's listeners (tRPC's handler) and may take it, in whole or in part
   * (passing the rest on with `passOn`): true when it did, and the listeners do not get the message itself.
   */
  takeMessage?: (socket: InterceptingWebSocket, text: string) => boolean,
): typeof WebSocket {
  return class SlowConsumerGuardedWebSocket extends WebSocket implements InterceptingWebSocket {
    attachListeners: (() => void) | undefined;
    sessionToken: string | undefined;
    connectionParams = false;

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "message") {
        if (takeMessage && args[1] === false && Buffer.isBuffer(args[0]) && takeMessage(this, args[0].toString("utf8"))) {
          return true;
        }
        this.attach();
      }
      return super.emit(event, ...args);
    }

    passOn(text: string): void {
      this.attach();
      super.emit("message", Buffer.from(text), false);
    }

    private attach(): void {
      const attach = this.attachListeners;
      this.attachListeners = undefined;
      attach?.();
    }

    override send(data: unknown, ...rest: unknown[]): void {
      if (this.readyState !== WebSocket.OPEN) return;
      (super.send as (...args: unknown[]) => void)(data, ...rest);
      if (this.bufferedAmount > maxBufferedBytes) {
        this.close(SLOW_CONSUMER_CLOSE_CODE, "too slow: reconnect and resume");
        setTimeout(() => this.terminate(), CLOSE_GRACE_MS).unref();
      }
    }
  };
}
