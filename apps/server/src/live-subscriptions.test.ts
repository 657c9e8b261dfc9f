import type { AppRouter } from "@frontrow/api";
import type { TestServices } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { schema } from "@frontrow/db";
import { eq } from "drizzle-orm";
import { cookieClient, signedInClient, test } from "./test-instances";

/** A raw WebSocket on `/trpc` (with `query` and the fan's `cookie`) that keeps every text frame the server sends. */
async function rawSocket(base: string, options: { cookie?: string; query?: string } = {}) {
  const socket = new WebSocket(`${base.replace("http", "ws")}/trpc${options.query ?? ""}`, {
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(String(data)));
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  const framesOf = (id: number) => frames.filter((frame) => frame.startsWith(`{"id":${id},`));
  return { socket, frames, framesOf, send: (message: unknown) => socket.send(typeof message === "string" ? message : JSON.stringify(message)) };
}

/** A tRPC WebSocket client on `base` that keeps its sockets, so a test can cut one off as a network would. */
function trackedWsClient(base: string, connectionParams?: Record<string, string>) {
  const opened: WebSocket[] = [];
  class TrackedWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      opened.push(this);
    }
  }
  const ws = createWSClient({
    url: `${base.replace("http", "ws")}/trpc`,
    WebSocket: TrackedWebSocket as never,
    connectionParams,
    retryDelayMs: () => 200,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
  return { opened, ws, client };
}

/** How many subscriptions of `path` the instance serves beside tRPC, from /metrics. */
async function servedBesideTrpc(base: string, path = "seats.onChange"): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^frontrow_live_subscriptions\\{path="${path}"\\} (\\d+)$`, "m").exec(text)?.[1]);
}

/** A six-seat event on sale, a fan signed in through `base`, and the seat map's seq before anything happens. */
async function eventOnSale(services: TestServices, base: string) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
  const fan = await signedInClient(base, "fan@example.com");
  const { seq } = await fan.seats.map.query({ eventId });
  return { venue, eventId, fan, seq };
}

function subscribe(id: number, input: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { id, method: "subscription", params: { path: "seats.onChange", input: { json: input, ...extra } } };
}

type Message = { seq: number; refetch?: true; changes: Array<{ seatId?: string; status?: string }> };
const dataOf = (frame: string) => (JSON.parse(frame) as { result: { data: { json: { data: Message } } } }).result.data.json.data;

describe("seat changes served beside tRPC's handler", () => {
  test("its frames are tRPC's own, byte for byte: started, data with the tracked id, stopped", async ({ services, instances }) => {
    const [base] = instances as [string];
    const { venue, eventId, fan, seq } = await eventOnSale(services, base);
    const raw = await rawSocket(base);
    try {
      // Subscription 1 is served beside tRPC; 2 asks the same with an (empty) superjson annotation, which only
      // tRPC's handler decodes, so it goes the way every subscription went before.
      raw.send(subscribe(1, { eventId, lastEventId: String(seq) }));
      raw.send(subscribe(2, { eventId, lastEventId: String(seq) }, { meta: { values: {} } }));
      await expect.poll(() => raw.framesOf(2).length).toBe(1);
      await expect.poll(() => raw.framesOf(1).length).toBe(1);
      // Only subscription 1 is the hub's.
      expect(await servedBesideTrpc(base)).toBe(1);
      await fan.holds.create.mutate({ eventId, seatIds: [venue.seats[0]!.id] });
      await expect.poll(() => [raw.framesOf(1).length, raw.framesOf(2).length]).toEqual([2, 2]);
      raw.send({ id: 1, method: "subscription.stop" });
      raw.send({ id: 2, method: "subscription.stop" });
      await expect.poll(() => [raw.framesOf(1).length, raw.framesOf(2).length]).toEqual([3, 3]);

      const asOne = (frame: string) => frame.replace(/^\{"id":2,/, '{"id":1,');
      expect(raw.framesOf(1)).toEqual(raw.framesOf(2).map(asOne));
      expect(JSON.parse(raw.framesOf(1)[1]!)).toMatchObject({
        id: 1,
        result: { type: "data", id: String(seq + 1), data: { json: { id: String(seq + 1), data: { seq: seq + 1 } } } },
      });
      expect(raw.framesOf(1)[2]).toBe('{"id":1,"result":{"type":"stopped"}}');
      expect(await servedBesideTrpc(base)).toBe(0);
    } finally {
      raw.socket.close();
    }
  });

  test("organizer changes (events.onUpdate) served beside tRPC reach the page in tRPC's own frames too", async ({ services, instances }) => {
    const [base] = instances as [string];
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    await signedInClient(base, "organizer@example.com");
    await services.database.db.update(schema.users).set({ role: "admin" }).where(eq(schema.users.email, "organizer@example.com"));
    const organizer = cookieClient(base);
    await organizer.auth.login.mutate({ email: "organizer@example.com", password: "correct horse battery" });
    const raw = await rawSocket(base);
    try {
      const updates = (id: number) => ({ id, method: "subscription", params: { path: "events.onUpdate", input: { json: { eventId } } } });
      raw.send(updates(1));
      raw.send({ ...updates(2), params: { ...updates(2).params, input: { json: { eventId }, meta: { values: {} } } } });
      await expect.poll(() => [raw.framesOf(1).length, raw.framesOf(2).length]).toEqual([1, 1]);
      // Only subscription 1 is the hub's.
      expect(await servedBesideTrpc(base, "events.onUpdate")).toBe(1);
      await organizer.admin.events.setStatus.mutate({ eventId, action: "pause" });
      await expect.poll(() => [raw.framesOf(1).length, raw.framesOf(2).length]).toEqual([2, 2]);
      expect(raw.framesOf(1)).toEqual(raw.framesOf(2).map((frame) => frame.replace(/^\{"id":2,/, '{"id":1,')));
      expect(JSON.parse(raw.framesOf(1)[1]!)).toMatchObject({
        id: 1,
        result: { type: "data", data: { json: { eventId, reason: "status" }, meta: { values: { at: ["Date"] } } } },
      });
    } finally {
      raw.socket.close();
    }
  });

  test("a watcher resuming from an older seq gets what it missed in one message, then live changes; one too far ahead is told to refetch", async ({
    services,
    instances,
  }) => {
    const [first, second] = instances as [string, string];
    const { venue, eventId, fan, seq } = await eventOnSale(services, first);
    const [a, b, c] = venue.seats.map((seat) => seat.id) as [string, string, string];
    // A watcher already following the event on the second instance, so the resuming one joins a running feed.
    const follower = await rawSocket(second);
    const raw = await rawSocket(second);
    try {
      follower.send(subscribe(1, { eventId }));
      await expect.poll(() => follower.framesOf(1).length).toBe(1);
      await fan.holds.create.mutate({ eventId, seatIds: [a] });
      await fan.holds.create.mutate({ eventId, seatIds: [b] });
      await expect.poll(() => follower.frames.length).toBeGreaterThanOrEqual(2);

      raw.send(subscribe(1, { eventId, lastEventId: String(seq) }));
      raw.send(subscribe(2, { eventId, lastEventId: String(seq + 1_000) }));
      await expect.poll(() => raw.framesOf(1).length).toBe(2);
      const backlog = dataOf(raw.framesOf(1)[1]!);
      expect(backlog.seq).toBe(seq + 2);
      expect(new Map(backlog.changes.map((change) => [change.seatId, change.status]))).toEqual(
        new Map([
          [a, "held"],
          [b, "held"],
        ]),
      );
      await expect.poll(() => raw.framesOf(2).length).toBe(2);
      expect(dataOf(raw.framesOf(2)[1]!)).toMatchObject({ seq: seq + 2, refetch: true, changes: [] });

      await fan.holds.create.mutate({ eventId, seatIds: [c] });
      await expect.poll(() => raw.framesOf(1).length).toBe(3);
      expect(dataOf(raw.framesOf(1)[2]!)).toMatchObject({ seq: seq + 3, changes: [{ seatId: c, status: "held" }] });
      await expect.poll(() => raw.framesOf(2).length).toBe(3);
      expect(dataOf(raw.framesOf(2)[2]!).seq).toBe(seq + 3);
    } finally {
      raw.socket.close();
      follower.socket.close();
    }
  });

  test("a tRPC client whose socket drops resubscribes from its last id and gets the change it missed, once", async ({
    services,
    instances,
  }) => {
    const [first, second] = instances as [string, string];
    const { venue, eventId, fan, seq } = await eventOnSale(services, first);
    const [a, b] = venue.seats.map((seat) => seat.id) as [string, string];
    const { opened, ws, client } = trackedWsClient(second);
    const received: Message[] = [];
    let starts = 0;
    const subscription = client.seats.onChange.subscribe(
      { eventId, lastEventId: String(seq) },
      {
        onStarted: () => starts++,
        onData: (envelope) => received.push((envelope as unknown as { data: Message }).data),
      },
    );
    try {
      await expect.poll(() => starts).toBe(1);
      await fan.holds.create.mutate({ eventId, seatIds: [a] });
      await expect.poll(() => received.length).toBe(1);
      opened.at(-1)!.terminate();
      await fan.holds.create.mutate({ eventId, seatIds: [b] });
      await expect.poll(() => starts, { timeout: 5_000 }).toBe(2);
      await expect.poll(() => received.at(-1)?.seq).toBe(seq + 2);
      expect(opened.length).toBe(2);
      expect(received.map((message) => message.seq)).toEqual([seq + 1, seq + 2]);
      expect(received[1]!.changes).toMatchObject([{ seatId: b, status: "held" }]);
    } finally {
      subscription.unsubscribe();
      await ws.close();
    }
  });

  test("what it does not serve is tRPC's to answer: an unknown event, bad input, and the other calls of a batched frame", async ({
    services,
    instances,
  }) => {
    const [base] = instances as [string];
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 2 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const ws = createWSClient({ url: `${base.replace("http", "ws")}/trpc`, WebSocket: WebSocket as never });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
    const outcome = (input: { eventId: string; lastEventId?: string }) =>
      new Promise<string>((resolve) => {
        const subscription = client.seats.onChange.subscribe(input, {
          onStarted: () => {
            subscription.unsubscribe();
            resolve("started");
          },
          onError: (error) => resolve(String(error.data?.code)),
        });
      });
    const raw = await rawSocket(base);
    try {
      expect(await outcome({ eventId: crypto.randomUUID() })).toBe("NOT_FOUND");
      expect(await outcome({ eventId: "not-an-id" })).toBe("BAD_REQUEST");
      expect(await outcome({ eventId, lastEventId: "-3" })).toBe("BAD_REQUEST");
      expect(await outcome({ eventId })).toBe("started");

      // The tRPC client sends calls made in the same tick as one frame: the subscription is taken out of it, the
      // query is answered by tRPC.
      raw.send([
        subscribe(1, { eventId }),
        { id: 2, method: "query", params: { path: "events.byId", input: { json: { eventId } } } },
      ]);
      await expect.poll(() => raw.framesOf(1)).toEqual(['{"id":1,"result":{"type":"started"}}']);
      // The client's keep-alive is answered as tRPC answers it.
      raw.send("PING");
      await expect.poll(() => raw.frames.includes("PONG")).toBe(true);
      await expect.poll(() => raw.framesOf(2).length).toBe(1);
      expect(JSON.parse(raw.framesOf(2)[0]!)).toMatchObject({ id: 2, result: { type: "data", data: { json: { id: eventId } } } });
    } finally {
      raw.socket.close();
      await ws.close();
    }
  });
});

/** A waiting-room event on sale, and a fan signed in through `base` (`cookie`) who joined its line. */
async function waitingRoomOnSale(services: TestServices, base: string) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
  const { eventId } = await createTestEvent(services.database.db, {
    venueId: venue.venueId,
    waitingRoomEnabled: true,
    onSaleAt: new Date(services.clock.now().getTime() - 60_000),
  });
  // Nobody is admitted while the test looks (no admitter runs here): the fan stays waiting.
  await services.database.sql`update events set fairness_seed = 'seed', fairness_seed_hash = 'hash' where id = ${eventId}`;
  const cookie = { value: "" };
  const fan = await signedInClient(base, "waiter@example.com", cookie);
  await fan.queue.join.mutate({ eventId });
  return { eventId, fan, cookie: cookie.value, token: cookie.value.slice(cookie.value.indexOf("=") + 1) };
}

function subscribeToQueue(id: number, eventId: string, extra: Record<string, unknown> = {}) {
  return { id, method: "subscription", params: { path: "queue.onStatus", input: { json: { eventId }, ...extra } } };
}

type QueueStatusJson = { state: string; position?: number; fairness?: { seedHash: string } };
const statusOf = (frame: string) =>
  superjson.deserialize((JSON.parse(frame) as { result: { data: never } }).result.data) as QueueStatusJson & { startsAt: Date };
const asOne = (frame: string) => frame.replace(/^\{"id":2,/, '{"id":1,');

describe("waiting-room statuses served beside tRPC's handler", () => {
  test("its frames are tRPC's own, byte for byte: started, the fan's status on every tick, stopped", async ({ services, instances }) => {
    const [base] = instances as [string];
    const { eventId, cookie } = await waitingRoomOnSale(services, base);
    const raw = await rawSocket(base, { cookie });
    try {
      // Subscription 1 is served beside tRPC; 2 asks the same with an (empty) superjson annotation, which only
      // tRPC's handler decodes, so it goes the way every subscription went before.
      raw.send(subscribeToQueue(1, eventId));
      raw.send(subscribeToQueue(2, eventId, { meta: { values: {} } }));
      // Started, the status read at once, then a tick's (one a second).
      await expect
        .poll(() => [raw.framesOf(1).length >= 3, raw.framesOf(2).length >= 3], { timeout: 5_000 })
        .toEqual([true, true]);
      expect(await servedBesideTrpc(base, "queue.onStatus")).toBe(1);
      expect(raw.framesOf(1)[0]).toBe('{"id":1,"result":{"type":"started"}}');
      expect(raw.framesOf(2)[0]).toBe('{"id":2,"result":{"type":"started"}}');
      // Both are pushed on the same ticks: the newest frame of each is the same bytes.
      await expect.poll(() => raw.framesOf(1).at(-1) === asOne(raw.framesOf(2).at(-1)!), { timeout: 5_000 }).toBe(true);
      const status = statusOf(raw.framesOf(1).at(-1)!);
      expect(status).toMatchObject({ state: "waiting", position: 1, fairness: { seedHash: "hash" } });
      expect(status.startsAt).toBeInstanceOf(Date);

      raw.send({ id: 1, method: "subscription.stop" });
      raw.send({ id: 2, method: "subscription.stop" });
      await expect.poll(() => [raw.framesOf(1).at(-1), raw.framesOf(2).at(-1)]).toEqual([
        '{"id":1,"result":{"type":"stopped"}}',
        '{"id":2,"result":{"type":"stopped"}}',
      ]);
      expect(await servedBesideTrpc(base, "queue.onStatus")).toBe(0);
      const pushes = raw.framesOf(1).length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(raw.framesOf(1).length).toBe(pushes);
    } finally {
      raw.socket.close();
    }
  });

  test("a fan not signed in, or a room that does not exist, is refused by tRPC in its own frames", async ({ services, instances }) => {
    const [base] = instances as [string];
    const { eventId, cookie } = await waitingRoomOnSale(services, base);
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "B", rows: 1, seatsPerRow: 2 }] });
    const { eventId: noRoom } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const anonymous = await rawSocket(base);
    const fan = await rawSocket(base, { cookie });
    try {
      for (const raw of [anonymous, fan]) {
        const target = raw === anonymous ? eventId : noRoom;
        raw.send(subscribeToQueue(1, target));
        raw.send(subscribeToQueue(2, target, { meta: { values: {} } }));
      }
      await expect.poll(() => [anonymous.framesOf(1).length, anonymous.framesOf(2).length]).toEqual([1, 1]);
      expect(anonymous.framesOf(1)).toEqual(anonymous.framesOf(2).map(asOne));
      expect(JSON.parse(anonymous.framesOf(1)[0]!)).toMatchObject({ id: 1, error: { json: { data: { code: "UNAUTHORIZED" } } } });

      // A room that does not exist: started, then NOT_FOUND and stopped, as tRPC's stream fails.
      await expect.poll(() => [fan.framesOf(1).length, fan.framesOf(2).length]).toEqual([3, 3]);
      expect(fan.framesOf(1)).toEqual(fan.framesOf(2).map(asOne));
      expect(JSON.parse(fan.framesOf(1)[1]!)).toMatchObject({ id: 1, error: { json: { data: { code: "NOT_FOUND" } } } });
      expect(await servedBesideTrpc(base, "queue.onStatus")).toBe(0);
    } finally {
      anonymous.socket.close();
      fan.socket.close();
    }
  });

  test("a client signed in by its connection params is served beside tRPC too", async ({ services, instances }) => {
    const [base] = instances as [string];
    const { eventId, token } = await waitingRoomOnSale(services, base);
    const raw = await rawSocket(base, { query: "?connectionParams=1" });
    try {
      raw.send({ method: "connectionParams", data: { sessionToken: token } });
      raw.send(subscribeToQueue(1, eventId));
      await expect.poll(() => raw.framesOf(1).length).toBe(2);
      expect(statusOf(raw.framesOf(1)[1]!)).toMatchObject({ state: "waiting", position: 1 });
      expect(await servedBesideTrpc(base, "queue.onStatus")).toBe(1);
      // The socket's other calls are tRPC's, with the same connection params.
      raw.send({ id: 2, method: "query", params: { path: "queue.status", input: { json: { eventId } } } });
      await expect.poll(() => raw.framesOf(2).length).toBe(1);
      expect(JSON.parse(raw.framesOf(2)[0]!)).toMatchObject({ id: 2, result: { data: { json: { state: "waiting", position: 1 } } } });
    } finally {
      raw.socket.close();
    }
  });

  test("a tRPC client whose socket drops resubscribes and is pushed its status again", async ({ services, instances }) => {
    const [base] = instances as [string];
    const { eventId, token } = await waitingRoomOnSale(services, base);
    const { opened, ws, client } = trackedWsClient(base, { sessionToken: token });
    const received: Array<{ state: string; position?: number; startsAt: Date }> = [];
    let starts = 0;
    const subscription = client.queue.onStatus.subscribe(
      { eventId },
      { onStarted: () => starts++, onData: (status) => received.push(status) },
    );
    try {
      await expect.poll(() => received.length).toBeGreaterThanOrEqual(1);
      expect(received[0]).toMatchObject({ state: "waiting", position: 1 });
      expect(received[0]!.startsAt).toBeInstanceOf(Date);
      expect(await servedBesideTrpc(base, "queue.onStatus")).toBe(1);
      opened.at(-1)!.terminate();
      const before = received.length;
      await expect.poll(() => starts, { timeout: 5_000 }).toBe(2);
      await expect.poll(() => received.length).toBeGreaterThan(before);
      expect(received.at(-1)).toMatchObject({ state: "waiting", position: 1 });
      expect(opened.length).toBe(2);
    } finally {
      subscription.unsubscribe();
      await ws.close();
    }
  });
});
