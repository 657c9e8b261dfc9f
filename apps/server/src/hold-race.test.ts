import type { AppRouter } from "@frontrow/api";
import { insertSignedInUsers } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import type { Sql } from "postgres";
import superjson from "superjson";
import { describe, expect } from "vitest";
import WebSocket from "ws";
import { singleInstanceTest } from "./test-instances";

const test = singleInstanceTest();

async function sessionTokens(sql: Sql, count: number): Promise<string[]> {
  return (await insertSignedInUsers(sql, count)).map((user) => user.token);
}

async function post(base: string, path: string, token: string, input: unknown) {
  const response = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `frontrow_session=${token}` },
    body: JSON.stringify(superjson.serialize(input)),
  });
  return { status: response.status, body: (await response.json()) as { error?: { json: { data: { domainCode?: string } } } } };
}

describe("holds over the real HTTP API", () => {
  test("200 fans holding the same seat at once: exactly one wins, 199 get SEAT_UNAVAILABLE", async ({ base, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 4 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const tokens = await sessionTokens(services.database.sql, 200);
    const seatId = venue.seats[0]!.id;
    const replies = await Promise.all(tokens.map((token) => post(base, "holds.create", token, { eventId, seatIds: [seatId] })));
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    const losers = replies.filter((reply) => reply.status !== 200);
    expect(losers).toHaveLength(199);
    expect(losers.every((reply) => reply.status === 409 && reply.body.error?.json.data.domainCode === "SEAT_UNAVAILABLE")).toBe(true);
  });

  test("overlapping multi-seat requests over HTTP: no seat in two holds, no request half-held", async ({ base, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 12 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const tokens = await sessionTokens(services.database.sql, 60);
    const seats = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
    const requests = tokens.map((token, i) => ({ token, seatIds: seats.slice(i % 9, (i % 9) + 1 + (i % 4)) }));
    const replies = await Promise.all(requests.map(({ token, seatIds }) => post(base, "holds.create", token, { eventId, seatIds })));
    const map = (await (await fetch(`${base}/trpc/seats.map?input=${encodeURIComponent(JSON.stringify({ json: { eventId } }))}`)).json()) as {
      result: { data: { json: { seats: Array<{ id: string; status: string }> } } };
    };
    const held = new Set(map.result.data.json.seats.filter((seat) => seat.status === "held").map((seat) => seat.id));
    const claimed: string[] = [];
    replies.forEach((reply, i) => {
      if (reply.status === 200) claimed.push(...requests[i]!.seatIds);
    });
    expect(new Set(claimed).size).toBe(claimed.length); // no seat in two holds
    expect(held).toEqual(new Set(claimed)); // every won request holds all its seats, losers hold none
  });

  test("a WebSocket that drops and resumes from its last id gets every change it missed", async ({ base, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 8 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const [token] = await sessionTokens(services.database.sql, 1);
    const seq = Number(
      ((await (await fetch(`${base}/trpc/seats.map?input=${encodeURIComponent(JSON.stringify({ json: { eventId } }))}`)).json()) as {
        result: { data: { json: { seq: number } } };
      }).result.data.json.seq,
    );
    type Message = { id: string; data: { seq: number; changes: Array<{ seatId: string; status: string }> } };
    const watch = (lastEventId: string, into: Message[]) => {
      const ws = createWSClient({ url: `${base.replace("http", "ws")}/trpc`, WebSocket: WebSocket as never });
      const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
      const subscription = client.seats.onChange.subscribe({ eventId, lastEventId }, { onData: (m) => into.push(m as unknown as Message) });
      return { ws, subscription };
    };
    const before: Message[] = [];
    const first = watch(String(seq), before);
    await post(base, "holds.create", token!, { eventId, seatIds: [venue.seats[0]!.id] });
    await expect.poll(() => before.length).toBe(1);
    first.subscription.unsubscribe();
    await first.ws.close(); // the connection drops

    await post(base, "holds.create", token!, { eventId, seatIds: [venue.seats[1]!.id] });
    await post(base, "holds.create", token!, { eventId, seatIds: [venue.seats[2]!.id] });

    const after: Message[] = [];
    const second = watch(before.at(-1)!.id, after);
    try {
      await expect.poll(() => after.flatMap((m) => m.data.changes).length).toBe(2);
      expect(after.flatMap((m) => m.data.changes).map((c) => c.seatId).sort()).toEqual([venue.seats[1]!.id, venue.seats[2]!.id].sort());
      expect(after.at(-1)!.data.seq).toBe(seq + 3);
    } finally {
      second.subscription.unsubscribe();
      await second.ws.close();
    }
  });
});
