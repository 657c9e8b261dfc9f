import { insertSignedInUsers } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import superjson from "superjson";
import { describe, expect } from "vitest";
import { singleInstanceTest } from "./test-instances";

/** A server behind a (simulated) reverse proxy: TRUST_PROXY=true, the client's address in X-Forwarded-For. */
const test = singleInstanceTest({ trustProxy: true });

const BOT_IP = "198.51.100.66";

async function hold(base: string, token: string, forwardedFor: string, input: unknown) {
  const response = await fetch(`${base}/trpc/holds.create`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `frontrow_session=${token}`, "x-forwarded-for": forwardedFor },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const body = (await response.json()) as { error?: { json: { message: string; data: { domainCode?: string } } } };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), code: body.error?.json.data.domainCode, body };
}

describe("bot limits over the real HTTP API, behind a proxy", () => {
  test("40 bot accounts racing from one address, half of them naming a made-up address first: exactly the cap is held", async ({
    base,
    services,
  }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 4, seatsPerRow: 25 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    await services.database.sql`update events set held_seats_per_ip = 6 where id = ${eventId}`;
    const bots = await insertSignedInUsers(services.database.sql, 40);
    const replies = await Promise.all(
      bots.map((bot, i) =>
        // The proxy appends the address it saw; what a client wrote before it is the client's own invention.
        hold(base, bot.token, i % 2 ? `203.0.113.${i}, ${BOT_IP}` : BOT_IP, {
          eventId,
          seatIds: venue.seats.slice(2 * i, 2 * i + 2).map((seat) => seat.id),
        }),
      ),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(3);
    const refused = replies.filter((reply) => reply.status !== 200);
    expect(refused).toHaveLength(37);
    expect(refused.every((reply) => reply.status === 429 && reply.code === "CLIENT_LIMIT_EXCEEDED")).toBe(true);

    const [fan] = await insertSignedInUsers(services.database.sql, 1);
    expect((await hold(base, fan!.token, "192.0.2.10", { eventId, seatIds: [venue.seats[99]!.id] })).status).toBe(200);
  });

  test("a fan hammering holds.create gets 429 with a Retry-After header", async ({ base, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 4 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const [fan] = await insertSignedInUsers(services.database.sql, 1);
    const replies = [];
    for (let i = 0; i < 31; i++) replies.push(await hold(base, fan!.token, "192.0.2.11", { eventId, seatIds: [venue.seats[0]!.id] }));
    const last = replies.at(-1)!;
    expect([last.status, last.code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(last.retryAfter)).toBeGreaterThan(0);
    expect(Number(last.retryAfter)).toBeLessThanOrEqual(60);
    expect(replies.slice(0, 30).every((reply) => reply.status !== 429)).toBe(true);
  });
});
