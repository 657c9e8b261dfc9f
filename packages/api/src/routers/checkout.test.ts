import { createTestPaymentProvider, startHoldSweeper, TEST_CARDS, verifyTicketPayload } from "@frontrow/core";
import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import { describe, expect } from "vitest";
import { createApiHarness, domainCode, failure, signInOrganizer, test } from "../testing";

const card = (cardNumber: string = TEST_CARDS.approved) => ({
  cardNumber,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 2,
  cvc: "123",
  name: "Alex Fan",
});
const key = () => `key-${Math.random().toString(36).slice(2)}`;

async function setup(services: { database: { db: Parameters<typeof createTestVenue>[0] } }) {
  const venue = await createTestVenue(services.database.db, {
    sections: [
      { name: "101", rows: 2, seatsPerRow: 6 },
      { name: "Floor", generalAdmission: 5 },
    ],
  });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId, priceCents: 4_000 });
  const seatIds = venue.seats.map((seat) => seat.id);
  const floor = venue.sections.find((section) => section.name === "Floor")!.id;
  return { eventId, seatIds, floor };
}

describe("a hold's price", () => {
  test("holds.create and holds.mine price the hold line by line, and checkout charges exactly that total", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds, floor } = await setup(services);
    const { sql } = services.database;
    await sql`update events set fee_cents = 250 where id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[7]!, seatIds[1]!] });
    expect(hold.price).toMatchObject({ tickets: 2, subtotalCents: 8_000, feesCents: 500, totalCents: 8_500, currency: "USD" });
    // Seats in section, row and seat order, named as on tickets.
    expect(hold.price.lines.map((line) => [line.label, line.quantity, line.unitCents])).toEqual([
      ["Section 101, row A, seat 2", 1, 4_000],
      ["Section 101, row B, seat 2", 1, 4_000],
    ]);
    const standing = await (await fan.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 3 }] });
    expect(standing.price.lines).toEqual([
      expect.objectContaining({ key: floor, seatId: null, label: "Floor", quantity: 3, unitCents: 4_000, attributes: [] }),
    ]);
    expect(standing.price.totalCents).toBe(3 * 4_000 + 3 * 250);

    // The organizer raises the fee: the fan's holds show the new total, and checkout charges it.
    await sql`update events set fee_cents = 300 where id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);
    const mine = await (await fan.call()).holds.mine({ eventId });
    const repriced = mine.find((entry) => entry.holdId === hold.holdId)!.price;
    expect(repriced.totalCents).toBe(8_600);
    const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    expect(order.totalCents).toBe(repriced.totalCents);
  });
});

describe("checkout.complete", () => {
  test("turns a hold into an order with one signed ticket per seat, and every map sees the seats sold", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds, floor } = await setup(services);
    const { sql } = services.database;
    await sql`update events set fee_cents = 350 where id = ${eventId}`;
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 2) });
    const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });

    expect(order).toMatchObject({ status: "confirmed", subtotalCents: 8_000, feesCents: 700, totalCents: 8_700 });
    expect(order.payment).toEqual({ cardLast4: "4242", status: "captured" });
    expect(order.tickets).toHaveLength(2);
    expect(new Set(order.tickets.map((ticket) => ticket.code)).size).toBe(2);
    for (const ticket of order.tickets) {
      expect(ticket.seat).toMatch(/^Section 101, row A, seat \d$/);
      expect(verifyTicketPayload(api.deps.tickets.publicKeyPem, ticket.qr!)).toMatchObject({ ticketId: ticket.id, eventId });
      expect(ticket.rotatingKey).toEqual({ credential: expect.any(String), secretKey: expect.any(String) });
    }
    const sold = await sql`select seat_id from event_seats where order_id = ${order.id}`;
    expect(sold.map((row) => row.seat_id).sort()).toEqual(seatIds.slice(0, 2).sort());
    expect((await sql`select topic from outbox order by topic`).map((row) => row.topic)).toEqual(["hold.convert", "order.confirmed", "payment.capture"]);

    const map = await (await api.client().call()).seats.map({ eventId });
    expect(map.seats.filter((seat) => seat.status === "sold").map((seat) => seat.id).sort()).toEqual(seatIds.slice(0, 2).sort());
    expect(await (await fan.call()).holds.mine({ eventId })).toEqual([]);

    // General admission too.
    const gaHold = await (await fan.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 2 }] });
    const ga = await (await fan.call()).checkout.complete({ holdId: gaHold.holdId, idempotencyKey: key(), payment: card() });
    expect(ga.order.tickets.map((ticket) => ticket.seat)).toEqual(["Floor (general admission)", "Floor (general admission)"]);
    const [floorRow] = await sql`select sold_count from event_sections where section_id = ${floor}`;
    expect(floorRow?.sold_count).toBe(2);
  });

  test("the sale's statements reach Postgres in lock order, after its lock timeout, in one transaction", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const sent: string[] = [];
    const counted = createDb(services.database.url, { onQuery: (query) => sent.push(query.trim().toLowerCase()) });
    try {
      const fan = await createApiHarness({ ...api.deps, db: counted.db }).fan();
      const hold = await (await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 2) });
      sent.length = 0;
      await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
      const sale = sent.slice(sent.indexOf("begin"), sent.indexOf("commit") + 1);
      const at = (pattern: RegExp) => sale.findIndex((query) => pattern.test(query));
      const order = [
        at(/^begin$/),
        at(/^set local lock_timeout/),
        at(/from "idempotency_keys" .* for update$/),
        at(/from "events" .* for share$/),
        at(/pg_advisory_xact_lock/),
        at(/^update "event_seats"/),
        at(/^update "event_sections"/),
        at(/^commit$/),
      ];
      expect(order.every((index) => index >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    } finally {
      await counted.close();
    }
  });

  test("a replayed checkout finds its key taken and reads the claim in the same statement", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const sent: string[] = [];
    const counted = createDb(services.database.url, { onQuery: (query) => sent.push(query.trim().toLowerCase()) });
    try {
      const fan = await createApiHarness({ ...api.deps, db: counted.db }).fan();
      const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });
      const request = { holdId: hold.holdId, idempotencyKey: key(), payment: card() };
      const first = await (await fan.call()).checkout.complete(request);
      sent.length = 0;
      const replay = await (await fan.call()).checkout.complete(request);
      expect(replay.order.id).toBe(first.order.id);
      // One statement claims or reads the key; the order's own reads follow, and nothing else touches the key.
      const keyStatements = sent.filter((query) => query.includes('"idempotency_keys"'));
      expect(keyStatements).toHaveLength(1);
      expect(keyStatements[0]).toMatch(/^with claim as \(\s*insert into "idempotency_keys"/);
    } finally {
      await counted.close();
    }
  });

  test("a declined card says so, charges nothing and keeps the hold", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });
    for (const number of [TEST_CARDS.declined, TEST_CARDS.insufficientFunds]) {
      const error = await failure(
        (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card(number) }),
      );
      expect([error.code, domainCode(error)]).toEqual(["PAYMENT_REQUIRED", "PAYMENT_DECLINED"]);
    }
    expect(await services.database.sql`select * from payments`).toHaveLength(0);
    expect(await services.database.sql`select * from orders`).toHaveLength(0);
    expect(await (await fan.call()).holds.mine({ eventId })).toEqual([expect.objectContaining({ holdId: hold.holdId, status: "active" })]);
    const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    expect(order.tickets).toHaveLength(1);
  });

  test("bad input is a clear error: Luhn failure, expired card, someone else's hold", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const stranger = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });
    const luhn = await failure(
      (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card("4242424242424241") }),
    );
    expect(luhn.code).toBe("BAD_REQUEST");
    const expired = await failure(
      (await fan.call()).checkout.complete({
        holdId: hold.holdId,
        idempotencyKey: key(),
        payment: { ...card(), expYear: 2020, expMonth: 1 },
      }),
    );
    expect([expired.code, expired.message]).toEqual(["BAD_REQUEST", "This card has expired"]);
    const theirs = await failure(
      (await stranger.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() }),
    );
    expect([theirs.code, domainCode(theirs)]).toEqual(["NOT_FOUND", "HOLD_NOT_FOUND"]);
    expect(await services.database.sql`select * from payments`).toHaveLength(0);
    // None of it touched the hold.
    expect(await (await fan.call()).holds.mine({ eventId })).toEqual([expect.objectContaining({ status: "active" })]);
  });

  test("double clicks and retries with one key create one order and one charge", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 3) });
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 10 }, async () =>
        (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey, payment: card() }),
      ),
    );
    expect(new Set(results.map((result) => result.order.id)).size).toBe(1);
    const retry = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey, payment: card() });
    expect(retry.order.id).toBe(results[0]!.order.id);
    expect(await services.database.sql`select * from orders`).toHaveLength(1);
    expect(await services.database.sql`select * from payments`).toHaveLength(1);
    expect(await services.database.sql`select * from tickets`).toHaveLength(3);

    // Same hold, new key (a reload after success): still the same order, not a second one.
    const again = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    expect(again.order.id).toBe(results[0]!.order.id);
    // A key reused for a different request is refused.
    const other = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[5]!] });
    const reused = await failure((await fan.call()).checkout.complete({ holdId: other.holdId, idempotencyKey, payment: card() }));
    expect(domainCode(reused)).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  test("a key left in progress by a checkout process that died is taken over later, not stuck forever", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const idempotencyKey = key();
    // What a process killed right after claiming the key leaves behind.
    await services.database.sql`insert into idempotency_keys (user_id, key, request_hash, created_at)
      values (${fan.userId}, ${idempotencyKey}, 'from-a-dead-process', ${services.clock.now().toISOString()})`;
    services.clock.advance(3 * 60_000);
    const fresh = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[1]!] });
    const { order } = await (await fan.call()).checkout.complete({ holdId: fresh.holdId, idempotencyKey, payment: card() });
    expect(order.tickets).toHaveLength(1);
  });

  test("after Redis loses every key, two fans who both hold one seat cannot both buy it", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const alice = await api.fan();
    const bob = await api.fan();
    const redis = services.redisStore.redis;
    const { holds: holdsKey, userHeld: userHeldKey } = keys.eventInventory(eventId);
    const aliceHold = await (await alice.call()).holds.create({ eventId, seatIds: [seatIds[0]!, seatIds[1]!] });
    const aliceStored = await redis.hget(holdsKey, aliceHold.holdId);
    const aliceIndex = await redis.hget(userHeldKey, `${alice.userId}#holds`);

    // FLUSHDB for this test's keys; Bob then holds the same seat from a fresh copy of Postgres.
    await services.redisStore.flush();
    services.clock.advance(1_000);
    const bobHold = await (await bob.call()).holds.create({ eventId, seatIds: [seatIds[1]!, seatIds[2]!] });
    // Alice's hold survives somewhere (a stale replica, a partition): put it back beside Bob's.
    await redis.hset(holdsKey, aliceHold.holdId, aliceStored!);
    await redis.hset(userHeldKey, `${alice.userId}#holds`, aliceIndex!);

    const results = await Promise.allSettled([
      (await alice.call()).checkout.complete({ holdId: aliceHold.holdId, idempotencyKey: key(), payment: card() }),
      (await bob.call()).checkout.complete({ holdId: bobHold.holdId, idempotencyKey: key(), payment: card() }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(domainCode(lost[0]!.reason)).toBe("SEAT_UNAVAILABLE");
    const { sql } = services.database;
    expect(await sql`select * from payments`).toHaveLength(1);
    const [{ n }] = (await sql`select count(*)::int as n from tickets where seat_id = ${seatIds[1]!}`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  test("an expired hold cannot be paid for; a payment already running when time ends may finish", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const late = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });
    services.clock.advance(601_000);
    const expired = await failure((await fan.call()).checkout.complete({ holdId: late.holdId, idempotencyKey: key(), payment: card() }));
    expect([expired.code, domainCode(expired)]).toEqual(["PRECONDITION_FAILED", "HOLD_EXPIRED"]);

    // A slow gateway: the hold's time runs out while the card is being authorized.
    const slow = createApiHarness({ ...api.deps, payments: createTestPaymentProvider({ latencyMs: 300 }) });
    const slowFan = slow.client({ sessionToken: fan.sessionToken });
    const hold = await (await slowFan.call()).holds.create({ eventId, seatIds: [seatIds[1]!] });
    const paying = (await slowFan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    services.clock.advance(601_000);
    const sweeper = startHoldSweeper(api.deps, { intervalMs: 10, checkoutGraceMs: 60_000 });
    try {
      const { order } = await paying;
      expect(order.tickets).toHaveLength(1);
    } finally {
      await sweeper.stop();
    }
  });
});

describe("checkout while the organizer stops sales", () => {
  test("no sale while paused, and the card is not charged; after a resume the same hold pays", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const { sql } = services.database;
    const admin = await api.fan("Organizer");
    await sql`update users set role = 'admin' where id = ${admin.userId}`;
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });

    await (await admin.call()).admin.events.setStatus({ eventId, action: "pause" });
    const paused = await failure((await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() }));
    expect([paused.code, domainCode(paused)]).toEqual(["PRECONDITION_FAILED", "NOT_ON_SALE"]);
    expect(await sql`select * from payments`).toHaveLength(0);

    await (await admin.call()).admin.events.setStatus({ eventId, action: "resume" });
    const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    expect(order.status).toBe("confirmed");
  });

  test("a pause keeps the fan's hold: its timer stands still, the sweeper leaves it, and it pays after the resume", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const admin = await signInOrganizer(api, services.database.sql);
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [seatIds[0]!] });
    const heldUntil = hold.expiresAt.getTime();

    services.clock.advance(60_000);
    await (await admin.call()).admin.events.setStatus({ eventId, action: "pause" });
    // Twenty minutes of pause: twice the hold's ten minutes. The sweeper runs all along.
    const sweeper = startHoldSweeper(api.deps, { intervalMs: 20, checkoutGraceMs: 0 });
    try {
      services.clock.advance(20 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [during] = await (await fan.call()).holds.mine({ eventId });
      // The fan still sees nine minutes left, as when the pause began.
      expect(during?.expiresAt.getTime()).toBe(heldUntil + 20 * 60_000);

      await (await admin.call()).admin.events.setStatus({ eventId, action: "resume" });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [after] = await (await fan.call()).holds.mine({ eventId });
      expect(after?.expiresAt.getTime()).toBe(heldUntil + 20 * 60_000);
    } finally {
      await sweeper.stop();
    }
    const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    expect(order.status).toBe("confirmed");
  });

  test("a cancellation racing ten checkouts leaves no confirmed order and no charge standing", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const { sql } = services.database;
    const admin = await api.fan("Organizer");
    await sql`update users set role = 'admin' where id = ${admin.userId}`;
    const slow = createApiHarness({ ...api.deps, payments: createTestPaymentProvider({ latencyMs: 40 }) });
    const fans = await Promise.all(seatIds.slice(0, 10).map(() => api.fan()));
    const holds = await Promise.all(
      fans.map(async (fan, index) => (await fan.call()).holds.create({ eventId, seatIds: [seatIds[index]!] })),
    );

    // Settled as they go: a checkout refused while the cancellation is still running is not an unhandled rejection.
    const checkouts = Promise.allSettled(
      fans.map(async (fan, index) => {
        const caller = await slow.client({ sessionToken: fan.sessionToken }).call();
        await new Promise((resolve) => setTimeout(resolve, index * 25));
        return caller.checkout.complete({ holdId: holds[index]!.holdId, idempotencyKey: key(), payment: card() });
      }),
    );
    // Cancel mid-way: once a few orders are in, while the rest are being authorized or recorded.
    while ((await sql`select id from orders`).length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const cancelled = await (await admin.call()).admin.events.setStatus({ eventId, action: "cancel" });
    const results = await checkouts;

    const refused = results.filter((result) => result.status === "rejected");
    for (const result of refused) expect(domainCode(result.reason)).toBe("NOT_ON_SALE");
    const sold = results.length - refused.length;
    expect(cancelled.refundedOrders).toBe(sold);
    expect(await sql`select id from orders where status = 'confirmed'`).toHaveLength(0);
    const standing = await sql`select id from payments where status not in ('refunded', 'voided')`;
    expect(standing).toHaveLength(0);
  });
});

describe("orders", () => {
  test("lists newest first, hides other fans' orders, and cancelling refunds and reopens the seats live", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const fan = await api.fan();
    const stranger = await api.fan();
    const buy = async (ids: string[]) => {
      const hold = await (await fan.call()).holds.create({ eventId, seatIds: ids });
      return (await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() })).order;
    };
    const first = await buy([seatIds[0]!]);
    services.clock.advance(1_000);
    const second = await buy([seatIds[1]!, seatIds[2]!]);
    const list = await (await fan.call()).orders.list();
    expect(list.map((order) => order.id)).toEqual([second.id, first.id]);
    expect(await (await stranger.call()).orders.list()).toEqual([]);
    expect((await failure((await stranger.call()).orders.byId({ orderId: first.id }))).code).toBe("NOT_FOUND");
    expect((await failure((await stranger.call()).orders.cancel({ orderId: first.id }))).code).toBe("NOT_FOUND");

    const { seq } = await (await stranger.call()).seats.map({ eventId });
    const controller = new AbortController();
    const live = (await (await stranger.call({ signal: controller.signal })).seats.onChange({ eventId, lastEventId: String(seq) }))[
      Symbol.asyncIterator
    ]();
    try {
      const cancelled = await (await fan.call()).orders.cancel({ orderId: second.id });
      expect(cancelled).toMatchObject({ status: "cancelled", payment: { status: "refunded" } });
      expect(cancelled.tickets.every((ticket) => ticket.status === "void")).toBe(true);
      const change = (await live.next()).value as unknown as [string, { changes: unknown[] }];
      expect(change[1].changes).toEqual(
        expect.arrayContaining([
          { seatId: seatIds[1], status: "available", index: expect.any(Number) },
          { seatId: seatIds[2], status: "available", index: expect.any(Number) },
        ]),
      );
    } finally {
      controller.abort();
    }
    expect((await (await fan.call()).orders.cancel({ orderId: second.id })).status).toBe("cancelled");
    await (await stranger.call()).holds.create({ eventId, seatIds: [seatIds[1]!] });
  });

  test("bought tickets count against the per-fan limit", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    await services.database.sql`update events set per_fan_limit = 3 where id = ${eventId}`;
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 2) });
    await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    const error = await failure((await fan.call()).holds.create({ eventId, seatIds: seatIds.slice(2, 4) }));
    expect(domainCode(error)).toBe("LIMIT_EXCEEDED");
  });

  test("when Redis's bought count is wrong, the sale itself refuses to pass the limit and the card is not charged", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(services);
    const { sql } = services.database;
    await sql`update events set per_fan_limit = 3 where id = ${eventId}`;
    const voided: string[] = [];
    const captured: string[] = [];
    const working = createTestPaymentProvider();
    const recording = createApiHarness({
      ...api.deps,
      payments: { ...working, void: async (id) => void voided.push(id), capture: async (id) => void captured.push(id) },
    });
    const fan = await recording.fan();
    const buy = async (ids: string[]) => {
      const hold = await (await fan.call()).holds.create({ eventId, seatIds: ids });
      return (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() });
    };
    await buy(seatIds.slice(0, 2));

    // Redis forgets what the fan bought, so it lets them hold two more.
    const { bought: boughtKey } = keys.eventInventory(eventId);
    expect(await services.redisStore.redis.hdel(boughtKey, fan.userId)).toBe(1);
    const error = await failure(buy(seatIds.slice(2, 4)));
    expect([error.code, domainCode(error)]).toEqual(["FORBIDDEN", "LIMIT_EXCEEDED"]);
    expect(captured).toHaveLength(1);
    expect(voided).toHaveLength(1);
    expect(voided).not.toContain(captured[0]);
    expect(await sql`select id from payments`).toHaveLength(1);
    const [{ n }] = (await sql`select count(*)::int as n from tickets where status = 'valid'`) as unknown as [{ n: number }];
    expect(n).toBe(2);
    // The refused hold is back as it was; one ticket less is within the limit.
    const [held] = await (await fan.call()).holds.mine({ eventId });
    expect(held).toMatchObject({ seatIds: seatIds.slice(2, 4), status: "active" });
    await (await fan.call()).holds.release({ holdId: held!.holdId });
    expect((await buy([seatIds[2]!])).order.tickets).toHaveLength(1);
  });

  test("checkouts of one fan racing each other cannot together pass the limit", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const { sql } = services.database;
    const fan = await api.fan();
    const holds = await Promise.all(
      seatIds.slice(0, 8).map(async (seatId) => (await fan.call()).holds.create({ eventId, seatIds: [seatId] })),
    );
    // The organizer lowers the limit while the fan holds eight: Redis cannot stop these sales, only Postgres can.
    await sql`update events set per_fan_limit = 3 where id = ${eventId}`;
    const results = await Promise.allSettled(
      holds.map(async (hold) => (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key(), payment: card() })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) {
      if (result.status === "rejected") expect(domainCode(result.reason)).toBe("LIMIT_EXCEEDED");
    }
    const [{ n }] = (await sql`select count(*)::int as n from tickets where status = 'valid'`) as unknown as [{ n: number }];
    expect(n).toBe(3);
  });
});
