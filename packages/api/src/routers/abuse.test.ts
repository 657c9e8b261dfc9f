import { createProofOfWork, defaultAbuseLimits, solveProofOfWork, startHoldSweeper, type AbuseLimits } from "@frontrow/core";
import { insertSignedInUsers, type TestServices } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import type { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { approvedCard, createApiHarness, domainCode, failure, test, type ApiHarness } from "../testing";

const BOT_IP = "203.0.113.66";
const retryAfter = (error: TRPCError) => (error.cause as { details?: { retryAfterMs?: number } }).details?.retryAfterMs;
const outcome = (settled: PromiseSettledResult<unknown>) =>
  settled.status === "fulfilled" ? "ok" : `${(settled.reason as TRPCError).code}/${domainCode(settled.reason as TRPCError)}`;

async function onSaleEvent(services: TestServices, heldSeatsPerIp?: number, highDemand = false) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 4, seatsPerRow: 25 }] });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
  if (heldSeatsPerIp !== undefined) await services.database.sql`update events set held_seats_per_ip = ${heldSeatsPerIp} where id = ${eventId}`;
  if (highDemand) await services.database.sql`update events set high_demand = true, waiting_room_enabled = true where id = ${eventId}`;
  return { eventId, seatIds: venue.seats.map((seat) => seat.id) };
}

/** Bots: accounts written directly, each signed in from the same address. */
async function bots(api: ApiHarness, sql: Parameters<typeof insertSignedInUsers>[0], count: number, ip = BOT_IP) {
  const users = await insertSignedInUsers(sql, count);
  return users.map(({ userId, token }) => Object.assign(api.client({ sessionToken: token, ip }), { userId }));
}

describe("seats held at once per client address", () => {
  test("30 bot accounts racing from one address hold exactly the event's cap; a fan elsewhere still buys", async ({ api, services }) => {
    const { eventId, seatIds } = await onSaleEvent(services, 6);
    const crowd = await bots(api, services.database.sql, 30);
    const results = await Promise.allSettled(
      crowd.map(async (bot, i) => (await bot.call()).holds.create({ eventId, seatIds: seatIds.slice(2 * i, 2 * i + 2) })),
    );
    const outcomes = results.map(outcome);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "TOO_MANY_REQUESTS/CLIENT_LIMIT_EXCEEDED")).toHaveLength(27);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as TRPCError).message).toMatch(/Your network already holds 6 of the 6 tickets/);

    const fan = await api.fan("Elsewhere");
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(90, 92) });
    await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: crypto.randomUUID(), payment: approvedCard });

    // Releasing gives the address room again, for exactly what was released.
    const holder = crowd[results.findIndex((r) => r.status === "fulfilled")]!;
    const [held] = await (await holder.call()).holds.mine({ eventId });
    await (await holder.call()).holds.release({ holdId: held!.holdId });
    const next = await Promise.allSettled(
      crowd.slice(20).map(async (bot, i) => (await bot.call()).holds.create({ eventId, seatIds: seatIds.slice(60 + 2 * i, 62 + 2 * i) })),
    );
    expect(next.map(outcome).filter((o) => o === "ok")).toHaveLength(1);
  });

  test("holds the sweeper expires give the address its room back", async ({ api, services }) => {
    const { eventId, seatIds } = await onSaleEvent(services, 2);
    const [first, second] = await bots(api, services.database.sql, 2);
    await (await first!.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 2) });
    const refused = await failure((await second!.call()).holds.create({ eventId, seatIds: [seatIds[5]!] }));
    expect(domainCode(refused)).toBe("CLIENT_LIMIT_EXCEEDED");
    services.clock.advance(601_000);
    const sweeper = startHoldSweeper(api.deps, { intervalMs: 10 });
    try {
      const { userHeld } = keys.eventInventory(eventId);
      await expect.poll(() => services.redisStore.redis.hget(userHeld, `ip:${BOT_IP}`)).toBeNull();
    } finally {
      await sweeper.stop();
    }
    await (await second!.call()).holds.create({ eventId, seatIds: seatIds.slice(5, 7) });
  });
});

describe("request rate limits", () => {
  test("one fan's 60 parallel holds.create: the first 30 are answered, the rest are 429 with a retry time", async ({ api, services }) => {
    const { eventId, seatIds } = await onSaleEvent(services);
    const fan = await api.fan("Hammer");
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, async (_, i) => (await fan.call()).holds.create({ eventId, seatIds: [seatIds[i % 4]!] })),
    );
    const limited = results.filter((r) => r.status === "rejected" && domainCode(r.reason as TRPCError) === "RATE_LIMITED");
    expect(limited).toHaveLength(60 - defaultAbuseLimits.holdsPerFan.limit);
    const error = (limited[0] as PromiseRejectedResult).reason as TRPCError;
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/Too many seat requests: try again in \d+ s/);
    expect(retryAfter(error)).toBeGreaterThan(0);
    // Another fan is not slowed down by it.
    const other = await api.fan("Calm");
    await (await other.call()).holds.create({ eventId, seatIds: [seatIds[50]!] });
  });

  test("sign-ups from one address stop at the limit; another address still signs up", async ({ api }) => {
    const limits: AbuseLimits = { ...defaultAbuseLimits, registrationsPerIp: { limit: 3, windowMs: 3_600_000 } };
    const limited = createApiHarness({ ...api.deps, abuseLimits: limits });
    const register = async (ip: string, n: number) =>
      (await limited.client({ ip }).call()).auth.register({ email: `bot${n}-${ip}@example.com`, password: "correct horse battery", name: "Bot" });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => register(BOT_IP, n)));
    expect(results.map(outcome).sort()).toEqual([...Array(3).fill("ok"), ...Array(5).fill("TOO_MANY_REQUESTS/RATE_LIMITED")].sort());
    await register("198.51.100.20", 99);
  });

  test("queue.join: a fan's joins per minute are limited, and so are an address's", async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: 5 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId, waitingRoomEnabled: true });
    const limits: AbuseLimits = {
      ...defaultAbuseLimits,
      queueJoinsPerFan: { limit: 2, windowMs: 60_000 },
      queueJoinsPerIp: { limit: 3, windowMs: 60_000 },
    };
    const limited = createApiHarness({ ...api.deps, abuseLimits: limits });
    const [a, b, c] = await bots(limited, services.database.sql, 3);
    const join = async (client: typeof a) => (await client!.call()).queue.join({ eventId });
    await join(a);
    await join(a);
    expect(domainCode(await failure(join(a)))).toBe("RATE_LIMITED");
    await join(b);
    expect(domainCode(await failure(join(c)))).toBe("RATE_LIMITED");

    // An event that does not exist is refused before anything is counted: no Redis keys for made-up ids.
    const before = await services.redisStore.redis.keys("*");
    const unknown = await failure((await c!.call()).queue.join({ eventId: "00000000-0000-4000-8000-000000000000" }));
    expect(domainCode(unknown)).toBe("NOT_FOUND");
    expect(await services.redisStore.redis.keys("*")).toEqual(before);
  });
});

describe("proof of work (ALTCHA)", () => {
  const withPow = (api: ApiHarness, onRegister = true) =>
    createApiHarness({
      ...api.deps,
      proofOfWork: createProofOfWork(api.deps, { hmacKey: "k".repeat(32), maxCounter: 2_000, ttlMs: 60_000, onRegister }),
    });

  test("sign-up needs a solved challenge, spends it once, and refuses one made for something else", async ({ api }) => {
    const pow = withPow(api);
    const client = pow.client({ ip: "198.51.100.30" });
    const register = async (n: number, proofOfWork?: string) =>
      (await client.call()).auth.register({ email: `pow${n}@example.com`, password: "correct horse battery", name: "Pow", proofOfWork });
    const missing = await failure(register(1));
    expect([missing.code, domainCode(missing)]).toEqual(["FORBIDDEN", "PROOF_OF_WORK_REQUIRED"]);

    const offer = await (await client.call()).auth.challenge();
    if (!offer.required) throw new Error("expected a challenge");
    const solved = await solveProofOfWork(offer.challenge);
    await register(2, solved);
    expect(domainCode(await failure(register(3, solved)))).toBe("PROOF_OF_WORK_REQUIRED");

    const forged = JSON.parse(Buffer.from(solved, "base64").toString()) as { solution: { counter: number } };
    forged.solution.counter += 1;
    expect(domainCode(await failure(register(4, Buffer.from(JSON.stringify(forged)).toString("base64"))))).toBe("PROOF_OF_WORK_REQUIRED");
    expect(domainCode(await failure(register(5, "bm90IGpzb24=")))).toBe("PROOF_OF_WORK_REQUIRED");
  });

  test("a high-demand event's waiting room needs one per join; other events and sign-ups with it off need none", async ({ api, services }) => {
    const pow = withPow(api, false);
    const { eventId } = await onSaleEvent(services, undefined, true);
    const { eventId: calm } = await onSaleEvent(services);
    const [fan] = await bots(pow, services.database.sql, 1, "198.51.100.31");
    expect(await (await fan!.call()).auth.challenge({ eventId: calm })).toEqual({ required: false });
    expect(await (await fan!.call()).auth.challenge()).toEqual({ required: false });
    expect(domainCode(await failure((await fan!.call()).queue.join({ eventId })))).toBe("PROOF_OF_WORK_REQUIRED");

    const signUp = await (await pow.client().call()).auth.challenge();
    expect(signUp.required).toBe(false);
    const offer = await (await fan!.call()).auth.challenge({ eventId });
    if (!offer.required) throw new Error("expected a challenge");
    const status = await (await fan!.call()).queue.join({ eventId, proofOfWork: await solveProofOfWork(offer.challenge) });
    expect(status.state).toBeDefined();
    // A challenge for this event does not open another one's waiting room.
    const { eventId: other } = await onSaleEvent(services, undefined, true);
    const again = await (await fan!.call()).auth.challenge({ eventId });
    if (!again.required) throw new Error("expected a challenge");
    expect(domainCode(await failure((await fan!.call()).queue.join({ eventId: other, proofOfWork: await solveProofOfWork(again.challenge) })))).toBe(
      "PROOF_OF_WORK_REQUIRED",
    );
  });
});
