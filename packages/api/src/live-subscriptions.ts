import {
  validateSessionToken,
  waitingRoomRules,
  type EventLayoutCache,
  type EventUpdate,
  type EventUpdateHub,
  type EventUpdateWatcher,
  type QueueStatus,
  type QueueWatcher,
  type QueueWatchHub,
  type SeatChangeHub,
  type SeatChangeMessage,
  type SeatChangeWatcher,
  type SessionDeps,
} from "@frontrow/core";
import { eventByIdInput, seatChangesInput } from "@frontrow/validators";
import type { ProcedureObserver } from "./context";
import { queueStatusFrameData } from "./queue-status-encoding";
import { sharedEncodingTransformer } from "./shared-encoding";
import { claimSubscription } from "./trpc";

/**
 * The live subscriptions of a fan's seat map over WebSockets, `seats.onChange` and `events.onUpdate`, and of a fan
 * in a waiting room, `queue.onStatus`, served beside tRPC's handler rather than through it. tRPC runs every subscription as its own chain (generator, promise race,
 * response object, transformer, encoder), per subscriber per message, and keeps it alive per idle watcher; at arena
 * scale that was most of the fan-out's CPU and of an idle watcher's memory. Here a message is framed once per
 * process (see `frameTail`) and each watcher's frame is its subscription id and that text; the seat-change hub
 * keeps the order and fills gaps from the stream, the event-update hub hands organizer changes on. A waiting fan's
 * position differs per fan: the queue watch hub hands each subscription its status every tick, and its frame is put
 * together from the numbers (see `queueStatusFrameData`), one send per fan and tick.
 *
 * The frames are tRPC's own, byte for byte (`started`, tracked `data` with the seq as id, `stopped`), so tRPC
 * clients resume from their last id as before. Anything this does not serve as tRPC would (input tRPC must refuse,
 * an unknown event, a subscription past the connection's limit, a reused id, a waiting-room subscription from a
 * client not signed in) is handed to tRPC's handler, which answers it the usual way.
 */

/** What the subscriptions need of a WebSocket: the `ws` socket, with a way to give messages back to tRPC. */
export interface SubscriptionSocket {
  readonly readyState: number;
  send(text: string): void;
  /** Sends bytes that are already a text's UTF-8 as that text's frame (`{ binary: false }`). */
  send(bytes: Buffer, options: { binary: boolean }): void;
  /** Hands `text` to the socket's other message listeners (tRPC's handler) as if the client had just sent it. */
  passOn(text: string): void;
  /** The session token of the upgrade request's cookie: tRPC's context takes it before the connection params'. */
  readonly sessionToken?: string | undefined;
  /** The upgrade URL said `connectionParams=1`: tRPC takes the client's first message as its connection params. */
  readonly connectionParams?: boolean;
}

const OPEN = 1;
const SEAT_CHANGES = "seats.onChange";
const EVENT_UPDATES = "events.onUpdate";
const QUEUE_STATUS = "queue.onStatus";

interface TrpcRequest {
  id: number | string;
  jsonrpc?: string;
  method: string;
  params?: { path?: unknown; input?: unknown; lastEventId?: unknown };
}

/**
 * The UTF-8 of a message's data frame after the subscription's `{"id":…`, made once per message: a watcher's frame
 * is then its own head's bytes and these, copied, instead of a string per watcher that the socket encodes again.
 */
const tails = new WeakMap<object, Buffer>();

function frameTail(message: SeatChangeMessage | EventUpdate, tracked: boolean): Buffer {
  let bytes = tails.get(message);
  if (bytes === undefined) {
    let tail: string;
    if (tracked) {
      // tRPC's `tracked()` frame: the id twice, in the data and beside it, so clients resume from it.
      const seq = String((message as SeatChangeMessage).seq);
      const data = sharedEncodingTransformer.output.serialize({ id: seq, data: message });
      tail = `,"result":{"type":"data","data":${JSON.stringify(data)},"id":${JSON.stringify(seq)}}}`;
    } else {
      tail = `,"result":{"type":"data","data":${JSON.stringify(sharedEncodingTransformer.output.serialize(message))}}}`;
    }
    bytes = Buffer.from(tail);
    tails.set(message, bytes);
  }
  return bytes;
}

const TEXT_FRAME = { binary: false };

/** The start of every frame of one subscription: `{"id":7` (and the client's jsonrpc, which tRPC echoes). */
function frameHead(request: TrpcRequest): string {
  const jsonrpc = request.jsonrpc === undefined ? "" : `,"jsonrpc":${JSON.stringify(request.jsonrpc)}`;
  return `{"id":${JSON.stringify(request.id)}${jsonrpc}`;
}

/** The hubs that hand this process's subscriptions their messages. */
interface Hubs {
  seatChanges: SeatChangeHub;
  eventUpdates: EventUpdateHub;
  queueWatch: QueueWatchHub;
}

type Deps = Hubs & SessionDeps & { layouts: EventLayoutCache; observeProcedure?: ProcedureObserver };

/** One subscription on a socket, until it is stopped or the socket closes. */
abstract class SocketSubscription {
  /** False until the event is known to exist; nothing is delivered before. */
  started = false;
  stopped = false;
  readonly id: number | string;
  readonly head: string;
  private readonly headBytes: Buffer;
  constructor(
    readonly socket: SubscriptionSocket,
    request: TrpcRequest,
    readonly eventId: string,
    readonly release: () => void,
  ) {
    this.id = request.id;
    this.head = frameHead(request);
    this.headBytes = Buffer.from(this.head);
  }

  /** Sends the frame of a message every watcher of it gets (see `frameTail`). */
  protected sendShared(tail: Buffer): void {
    if (this.socket.readyState === OPEN) this.socket.send(Buffer.concat([this.headBytes, tail]), TEXT_FRAME);
  }

  abstract readonly path: string;
  /** Throws where tRPC would refuse the subscription (it then answers it): here, when the event does not exist. */
  async check(deps: Deps): Promise<void> {
    await deps.layouts.get(this.eventId);
  }
  abstract watch(hubs: Hubs): void;
  abstract unwatch(hubs: Hubs): void;

  answer(type: "started" | "stopped"): void {
    if (this.socket.readyState === OPEN) this.socket.send(`${this.head},"result":{"type":"${type}"}}`);
  }
}

interface HubOf<Watcher> {
  add(watcher: Watcher): void;
  remove(watcher: Watcher): void;
}

/** A subscription to a hub that hands every watcher of the event the same message, framed once (`frameTail`). */
abstract class SharedFrameSubscription<Message extends SeatChangeMessage | EventUpdate> extends SocketSubscription {
  /** Whether the frames carry the message's seq for clients to resume from (tRPC's `tracked()`). */
  protected abstract readonly tracked: boolean;
  protected abstract hub(hubs: Hubs): HubOf<this>;

  deliver(message: Message): void {
    this.sendShared(frameTail(message, this.tracked));
  }
  watch(hubs: Hubs): void {
    this.hub(hubs).add(this);
  }
  unwatch(hubs: Hubs): void {
    this.hub(hubs).remove(this);
  }
}

class SeatChangeSubscription extends SharedFrameSubscription<SeatChangeMessage> implements SeatChangeWatcher {
  readonly path = SEAT_CHANGES;
  protected readonly tracked = true;
  constructor(
    socket: SubscriptionSocket,
    request: TrpcRequest,
    eventId: string,
    public last: number | undefined,
    release: () => void,
  ) {
    super(socket, request, eventId, release);
  }
  protected hub(hubs: Hubs) {
    return hubs.seatChanges;
  }
}

class EventUpdateSubscription extends SharedFrameSubscription<EventUpdate> implements EventUpdateWatcher {
  readonly path = EVENT_UPDATES;
  protected readonly tracked = false;
  protected hub(hubs: Hubs) {
    return hubs.eventUpdates;
  }
}

class QueueStatusSubscription extends SocketSubscription implements QueueWatcher {
  readonly path = QUEUE_STATUS;
  private userId: string | undefined;
  constructor(
    socket: SubscriptionSocket,
    request: TrpcRequest,
    eventId: string,
    private readonly sessionToken: string | undefined,
    release: () => void,
  ) {
    super(socket, request, eventId, release);
  }

  /** As the procedure: the session valid now (else tRPC's UNAUTHORIZED), and the event has a waiting room. */
  override async check(deps: Deps): Promise<void> {
    const validated = this.sessionToken === undefined ? null : await validateSessionToken(deps, this.sessionToken);
    if (!validated) throw new Error("not signed in");
    await waitingRoomRules(deps, this.eventId);
    this.userId = validated.user.id;
  }
  deliver(status: QueueStatus): void {
    if (this.socket.readyState === OPEN) {
      this.socket.send(`${this.head},"result":{"type":"data","data":${queueStatusFrameData(status)}}}`);
    }
  }
  watch(hubs: Hubs): void {
    hubs.queueWatch.add({ eventId: this.eventId, userId: this.userId! }, this);
  }
  unwatch(hubs: Hubs): void {
    if (this.userId !== undefined) void hubs.queueWatch.remove({ eventId: this.eventId, userId: this.userId }, this);
  }
}

/**
 * The session token in a client's connection params (tRPC reads the first message's `data`, an object of strings),
 * or undefined when tRPC would find none there or refuse them.
 */
function connectionParamsToken(text: string): string | undefined {
  try {
    const data = (JSON.parse(text) as { data?: unknown } | null)?.data;
    if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
    if (Object.values(data).some((value) => typeof value !== "string")) return undefined;
    return (data as { sessionToken?: string }).sessionToken;
  } catch {
    return undefined;
  }
}

function isRequest(value: unknown): value is TrpcRequest {
  if (typeof value !== "object" || value === null) return false;
  const { id, method } = value as Partial<TrpcRequest>;
  return (typeof id === "number" || typeof id === "string") && typeof method === "string";
}

/** The input as tRPC would give it to the procedure (params' `lastEventId` merged in), if it is plain superjson. */
function plainInput(request: TrpcRequest): unknown {
  const raw = request.params?.input;
  // Only unannotated superjson input (`{ json }`): anything else is tRPC's to decode, or refuse.
  if (typeof raw !== "object" || raw === null || "meta" in raw || !("json" in raw)) return undefined;
  const json = (raw as { json: unknown }).json;
  const { lastEventId } = request.params!;
  return lastEventId === undefined ? json : { ...(typeof json === "object" ? json : {}), lastEventId };
}

/** A subscription this module serves, made from the request, or undefined when it is tRPC's to answer. */
function subscriptionFor(
  socket: SubscriptionSocket,
  request: TrpcRequest,
  claim: () => () => void,
  sessionToken: () => string | undefined,
) {
  if (request.method !== "subscription") return undefined;
  const path = request.params?.path;
  if (path === SEAT_CHANGES) {
    const parsed = seatChangesInput.safeParse(plainInput(request));
    if (!parsed.success) return undefined;
    const { eventId, lastEventId } = parsed.data;
    const last = lastEventId === undefined ? undefined : Number(lastEventId);
    return new SeatChangeSubscription(socket, request, eventId, last, claim());
  }
  if (path === EVENT_UPDATES) {
    const parsed = eventByIdInput.safeParse(plainInput(request));
    if (!parsed.success) return undefined;
    return new EventUpdateSubscription(socket, request, parsed.data.eventId, claim());
  }
  if (path === QUEUE_STATUS) {
    const parsed = eventByIdInput.safeParse(plainInput(request));
    if (!parsed.success) return undefined;
    return new QueueStatusSubscription(socket, request, parsed.data.eventId, sessionToken(), claim());
  }
  return undefined;
}

export interface LiveSubscriptions {
  /**
   * Takes the subscriptions it serves (and their stops) out of a client's frame; what is left is passed on to tRPC
   * with `socket.passOn`. False when the frame had none of them: the caller hands it to tRPC unchanged.
   */
  take(socket: SubscriptionSocket, text: string): boolean;
  /** Ends the socket's subscriptions (it closed). */
  closed(socket: SubscriptionSocket): void;
  /** The waiting-room subscriptions served, started and not stopped. */
  queueStatusCount(): number;
}

export function createLiveSubscriptions(deps: Deps): LiveSubscriptions {
  const bySocket = new WeakMap<SubscriptionSocket, Map<number | string, SocketSubscription>>();
  /** The session token of each socket's connection params, once tRPC was handed them (null: none there). */
  const paramsTokens = new WeakMap<SubscriptionSocket, string | null>();
  let queueStatuses = 0;

  function stop(subscription: SocketSubscription): void {
    if (subscription.started && !subscription.stopped && subscription.path === QUEUE_STATUS) queueStatuses--;
    subscription.stopped = true;
    subscription.release();
    subscription.unwatch(deps);
    const subscriptions = bySocket.get(subscription.socket);
    if (subscriptions?.get(subscription.id) === subscription) subscriptions.delete(subscription.id);
  }

  async function start(subscription: SocketSubscription, request: TrpcRequest): Promise<void> {
    const began = performance.now();
    try {
      // Refused as tRPC refuses it (NOT_FOUND, UNAUTHORIZED) by tRPC.
      await subscription.check(deps);
    } catch {
      if (!subscription.stopped) {
        stop(subscription);
        if (subscription.socket.readyState === OPEN) subscription.socket.passOn(JSON.stringify(request));
      }
      return;
    }
    if (subscription.stopped) return;
    const durationMs = performance.now() - began;
    deps.observeProcedure?.({ path: subscription.path, type: "subscription", durationMs, code: "OK" });
    subscription.started = true;
    if (subscription.path === QUEUE_STATUS) queueStatuses++;
    subscription.answer("started");
    subscription.watch(deps);
  }

  return {
    take(socket, text) {
      // The tRPC client's keep-alive, answered as tRPC answers it (so it alone never attaches tRPC to a socket).
      if (text === "PING") {
        if (socket.readyState === OPEN) socket.send("PONG");
        return true;
      }
      if (text === "PONG") return true;
      if (socket.connectionParams && !paramsTokens.has(socket)) {
        // tRPC's, whatever it says: noted for the subscriptions that need the fan's session.
        paramsTokens.set(socket, connectionParamsToken(text) ?? null);
        return false;
      }
      const open = bySocket.get(socket);
      const mayServe =
        text.includes(`"${SEAT_CHANGES}"`) || text.includes(`"${EVENT_UPDATES}"`) || text.includes(`"${QUEUE_STATUS}"`);
      if (!mayServe && !(open?.size && text.includes('"subscription.stop"'))) return false;
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
        let subscription: SocketSubscription | undefined;
        try {
          subscription = mine
            ? undefined
            : subscriptionFor(
                socket,
                request,
                () => claimSubscription(socket),
                () => socket.sessionToken ?? paramsTokens.get(socket) ?? undefined,
              );
        } catch {
          // Past the connection's limit: tRPC counts the same connection and refuses it with TOO_MANY_REQUESTS.
        }
        if (!subscription) {
          rest.push(request);
          continue;
        }
        let subscriptions = bySocket.get(socket);
        if (!subscriptions) bySocket.set(socket, (subscriptions = new Map()));
        subscriptions.set(request.id, subscription);
        void start(subscription, request);
      }
      if (rest.length === requests.length) return false;
      if (rest.length > 0) socket.passOn(JSON.stringify(Array.isArray(parsed) ? rest : rest[0]));
      return true;
    },

    closed(socket) {
      const subscriptions = bySocket.get(socket);
      if (!subscriptions) return;
      for (const subscription of [...subscriptions.values()]) stop(subscription);
      bySocket.delete(socket);
    },

    queueStatusCount: () => queueStatuses,
  };
}
