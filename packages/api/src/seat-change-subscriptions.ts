import type { EventLayoutCache, SeatChangeHub, SeatChangeMessage, SeatChangeWatcher } from "@frontrow/core";
import { seatChangesInput } from "@frontrow/validators";
import type { ProcedureObserver } from "./context";
import { sharedEncodingTransformer } from "./shared-encoding";
import { claimSubscription } from "./trpc";

/**
 * `seats.onChange` over WebSockets, served beside tRPC's handler rather than through it. tRPC runs every
 * subscription as its own chain (generator, promise race, response object, transformer, encoder), per subscriber
 * per tick, and keeps it alive per idle watcher; at arena scale that was most of the fan-out's CPU and of an idle
 * watcher's memory. Here a tick's message is framed once per process (see `frameTail`) and each watcher's frame is
 * its subscription id and that text; the seat-change hub keeps the order and fills gaps from the stream.
 *
 * The frames are tRPC's own, byte for byte (`started`, tracked `data` with the seq as id, `stopped`), so tRPC
 * clients resume from their last id as before. Anything this does not serve as tRPC would (input tRPC must refuse,
 * an unknown event, a subscription past the connection's limit, a reused id) is handed to tRPC's handler, which
 * answers it the usual way.
 */

/** What the subscriptions need of a WebSocket: the `ws` socket, with a way to give messages back to tRPC. */
export interface SubscriptionSocket {
  readonly readyState: number;
  send(text: string): void;
  /** Hands `text` to the socket's other message listeners (tRPC's handler) as if the client had just sent it. */
  passOn(text: string): void;
}

const OPEN = 1;
const PATH = "seats.onChange";

interface TrpcRequest {
  id: number | string;
  jsonrpc?: string;
  method: string;
  params?: { path?: unknown; input?: unknown; lastEventId?: unknown };
}

/** The text of a message's data frame after the subscription's `{"id":…`, made once per message. */
const tails = new WeakMap<SeatChangeMessage, string>();

function frameTail(message: SeatChangeMessage): string {
  let tail = tails.get(message);
  if (tail === undefined) {
    const seq = String(message.seq);
    const data = sharedEncodingTransformer.output.serialize({ id: seq, data: message });
    tail = `,"result":{"type":"data","data":${JSON.stringify(data)},"id":${JSON.stringify(seq)}}}`;
    tails.set(message, tail);
  }
  return tail;
}

/** The start of every frame of one subscription: `{"id":7` (and the client's jsonrpc, which tRPC echoes). */
function frameHead(request: TrpcRequest): string {
  const jsonrpc = request.jsonrpc === undefined ? "" : `,"jsonrpc":${JSON.stringify(request.jsonrpc)}`;
  return `{"id":${JSON.stringify(request.id)}${jsonrpc}`;
}

/** tRPC's data frame for `message` on the subscription whose frames start with `head`. */
export function seatChangeFrame(head: string, message: SeatChangeMessage): string {
  return head + frameTail(message);
}

class SocketWatcher implements SeatChangeWatcher {
  /** False until the event is known to exist; `deliver` is not called before. */
  started = false;
  stopped = false;
  constructor(
    readonly socket: SubscriptionSocket,
    readonly id: number | string,
    readonly head: string,
    readonly eventId: string,
    public last: number | undefined,
    readonly release: () => void,
  ) {}

  deliver(message: SeatChangeMessage): void {
    if (this.socket.readyState === OPEN) this.socket.send(seatChangeFrame(this.head, message));
  }

  answer(type: "started" | "stopped"): void {
    if (this.socket.readyState === OPEN) this.socket.send(`${this.head},"result":{"type":"${type}"}}`);
  }
}

function isRequest(value: unknown): value is TrpcRequest {
  if (typeof value !== "object" || value === null) return false;
  const { id, method } = value as Partial<TrpcRequest>;
  return (typeof id === "number" || typeof id === "string") && typeof method === "string";
}

/** The subscription's input as tRPC would give it to the procedure, if it is one this module serves. */
function inputOf(request: TrpcRequest): { eventId: string; lastEventId?: string | undefined } | undefined {
  if (request.method !== "subscription" || request.params?.path !== PATH) return undefined;
  const raw = request.params.input;
  // Only unannotated superjson input (`{ json }`): anything else is tRPC's to decode, or refuse.
  if (typeof raw !== "object" || raw === null || "meta" in raw || !("json" in raw)) return undefined;
  const json = (raw as { json: unknown }).json;
  const { lastEventId } = request.params;
  const input = lastEventId === undefined ? json : { ...(typeof json === "object" ? json : {}), lastEventId };
  const parsed = seatChangesInput.safeParse(input);
  return parsed.success ? parsed.data : undefined;
}

export interface SeatChangeSubscriptions {
  /**
   * Takes the `seats.onChange` subscriptions (and their stops) out of a client's frame; what is left is passed on
   * to tRPC with `socket.passOn`. False when the frame had none of them: the caller hands it to tRPC unchanged.
   */
  take(socket: SubscriptionSocket, text: string): boolean;
  /** Ends the socket's subscriptions (it closed). */
  closed(socket: SubscriptionSocket): void;
}

export function createSeatChangeSubscriptions(deps: {
  hub: SeatChangeHub;
  layouts: EventLayoutCache;
  observeProcedure?: ProcedureObserver;
}): SeatChangeSubscriptions {
  const bySocket = new WeakMap<SubscriptionSocket, Map<number | string, SocketWatcher>>();

  function stop(watcher: SocketWatcher): void {
    watcher.stopped = true;
    watcher.release();
    deps.hub.remove(watcher);
    const watchers = bySocket.get(watcher.socket);
    if (watchers?.get(watcher.id) === watcher) watchers.delete(watcher.id);
  }

  async function start(watcher: SocketWatcher, request: TrpcRequest): Promise<void> {
    const began = performance.now();
    try {
      // Refused as tRPC refuses it (NOT_FOUND) when the event does not exist: by tRPC.
      await deps.layouts.get(watcher.eventId);
    } catch {
      if (!watcher.stopped) {
        stop(watcher);
        if (watcher.socket.readyState === OPEN) watcher.socket.passOn(JSON.stringify(request));
      }
      return;
    }
    if (watcher.stopped) return;
    deps.observeProcedure?.({ path: PATH, type: "subscription", durationMs: performance.now() - began, code: "OK" });
    watcher.started = true;
    watcher.answer("started");
    deps.hub.add(watcher);
  }

  return {
    take(socket, text) {
      const watchers = bySocket.get(socket);
      if (!text.includes(`"${PATH}"`) && !(watchers?.size && text.includes('"subscription.stop"'))) return false;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return false;
      }
      const requests = Array.isArray(parsed) ? parsed : [parsed];
      const rest: unknown[] = [];
      for (const request of requests) {
        if (!isRequest(request)) {
          rest.push(request);
          continue;
        }
        const mine = bySocket.get(socket)?.get(request.id);
        if (request.method === "subscription.stop" && mine) {
          stop(mine);
          if (mine.started) mine.answer("stopped");
          continue;
        }
        const input = inputOf(request);
        if (!input || mine) {
          rest.push(request);
          continue;
        }
        let release: () => void;
        try {
          release = claimSubscription(socket);
        } catch {
          // Past the connection's limit: tRPC counts the same connection and refuses it with TOO_MANY_REQUESTS.
          rest.push(request);
          continue;
        }
        const last = input.lastEventId === undefined ? undefined : Number(input.lastEventId);
        const watcher = new SocketWatcher(socket, request.id, frameHead(request), input.eventId, last, release);
        let map = bySocket.get(socket);
        if (!map) bySocket.set(socket, (map = new Map()));
        map.set(request.id, watcher);
        void start(watcher, request);
      }
      if (rest.length === requests.length) return false;
      if (rest.length > 0) socket.passOn(JSON.stringify(Array.isArray(parsed) ? rest : rest[0]));
      return true;
    },

    closed(socket) {
      const watchers = bySocket.get(socket);
      if (!watchers) return;
      for (const watcher of [...watchers.values()]) stop(watcher);
      bySocket.delete(socket);
    },
  };
}
