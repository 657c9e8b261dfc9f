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
  started = false;
  lastSeq = 0;
  messages = 0;
  outOfOrder = 0;
  refetches = 0;
  opens = 0;
  closes = 0;
  errors = 0;
  /** performance.now() of the last close, and how long the last reconnect took. */
  private closedAt: number | undefined;
  reconnectMs: number[] = [];

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
        if (this.closedAt !== undefined) this.reconnectMs.push(performance.now() - this.closedAt);
        this.closedAt = undefined;
      },
      onClose: () => {
        this.closes++;
        this.closedAt ??= performance.now();
      },
    });
    this.subscription = this.connection.trpc.seats.onChange.subscribe(
      { eventId, lastEventId: String(fromSeq) },
      {
        onStarted: () => {
          if (!this.started) {
            this.started = true;
            onStarted?.(this);
          }
        },
        onData: (envelope) => {
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

  async close(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.connection.close();
  }
}
