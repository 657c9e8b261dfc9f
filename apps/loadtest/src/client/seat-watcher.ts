import type { Unsubscribable } from "@trpc/server/observable";
import { connectWs, type WsConnection } from "./ws-client";

export interface SeatChangeMessage {
  seq: number;
  changes: Array<{ seatId?: string; sectionId?: string; status?: string; available?: number }>;
  refetch?: true;
}

/**
 * A seat-map watcher, as a fan's browser runs it: one WebSocket, one `seats.onChange` subscription from a known
 * sequence; tRPC resumes from the last tracked id after a reconnect. Counts what it saw.
 */
export class SeatWatcher {
  readonly connection: WsConnection;
  private subscription: Unsubscribable | undefined;
  private closing: Promise<void> | undefined;
  started = false;
  lastSeq = 0;
  messages = 0;
  outOfOrder = 0;
  refetches = 0;
  opens = 0;
  closes = 0;
  /** The socket is open now (a failed reconnect attempt also reports a close, so opens and closes do not pair up). */
  connected = false;
  errors = 0;
  /** performance.now() of the last close not yet followed by an open. */
  private closedAt: number | undefined;
  /** Each reconnect: when the socket closed (performance.now()) and how long until it was open again. */
  readonly reconnects: Array<{ closedAt: number; ms: number }> = [];

  constructor(
    url: () => string,
    readonly eventId: string,
    fromSeq: number,
    onMessage: (message: SeatChangeMessage, watcher: SeatWatcher) => void,
    onStarted?: (watcher: SeatWatcher) => void,
  ) {
    this.lastSeq = fromSeq;
    this.connection = connectWs({
      url,
      onOpen: () => {
        this.opens++;
        this.connected = true;
        if (this.closedAt !== undefined)
          this.reconnects.push({ closedAt: this.closedAt, ms: performance.now() - this.closedAt });
        this.closedAt = undefined;
      },
      onClose: () => {
        this.closes++;
        this.connected = false;
        this.closedAt ??= performance.now();
      },
    });
    this.subscribeFrom(fromSeq, onMessage, onStarted);
  }

  private generation = 0;

  private subscribeFrom(
    fromSeq: number,
    onMessage: (message: SeatChangeMessage, watcher: SeatWatcher) => void,
    onStarted?: (watcher: SeatWatcher) => void,
  ): void {
    const generation = ++this.generation;
    this.subscription?.unsubscribe();
    this.subscription = this.connection.trpc.seats.onChange.subscribe(
      { eventId: this.eventId, lastEventId: String(fromSeq) },
      {
        onStarted: () => {
          if (!this.started) {
            this.started = true;
            onStarted?.(this);
          }
        },
        onData: (envelope) => {
          // A message of a subscription this watcher already replaced: the new one covers it.
          if (generation !== this.generation) return;
          const message = envelope.data as SeatChangeMessage;
          this.messages++;
          if (message.refetch) this.refetches++;
          else if (message.seq <= this.lastSeq) this.outOfOrder++;
          this.lastSeq = Math.max(this.lastSeq, message.seq);
          onMessage(message, this);
        },
        onError: () => {
          this.errors++;
        },
      },
    );
  }

  /**
   * Starts the subscription again from a freshly loaded snapshot's sequence, as the web app does after a refetch
   * notice: the server replays every change after it.
   */
  resubscribe(fromSeq: number, onMessage: (message: SeatChangeMessage, watcher: SeatWatcher) => void): void {
    if (this.closing) return;
    this.lastSeq = fromSeq;
    this.subscribeFrom(fromSeq, onMessage);
  }

  /** Unsubscribes and closes the socket (it stops reconnecting); calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closing) return this.closing;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.closing = this.connection.close();
    return this.closing;
  }
}
