import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMailTransport, deliverOutboxBatch, sweepDueOffers } from "@frontrow/core";
import { insertSignedInUsers, type TestServices } from "@frontrow/core/testing";
import { keys, runExpireHolds } from "@frontrow/redis";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import {
  approvedCard,
  domainCode,
  failure,
  nextValue,
  signInOrganizer,
  startOtherInstance,
  test,
  type ApiHarness,
  type TestClient,
} from "../testing";

type Services = TestServices;

const quiet = { info: () => {}, warn: () => {} };

/**
 * A sold-out event with a waiting list: one section of `seats` seats (row A), each pair bought by its own fan.
 * Answers the event, its seats in number order, and each pair's buyer with their order.
 */
async function soldOutEvent(api: ApiHarness, services: Services, options: { seats?: number; offerMinutes?: number } = {}) {
  const { db, sql } = services.database;
  const venue = await createTestVenue(db, { sections: [{ name: "101", rows: 1, seatsPerRow: options.seats ?? 8 }] });
  const { eventId } = await createTestEvent(db, {
    venueId: venue.venueId,
    waitingListEnabled: true,
    waitingListOfferMinutes: options.offerMinutes ?? 10,
  });
  const seatIds = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
  const buyers = await clients(api, sql, seatIds.length / 2);
  const orders: Array<{ buyer: TestClient; orderId: string; seatIds: string[] }> = [];
  for (const [n, buyer] of buyers.entries()) {
    const pair = seatIds.slice(2 * n, 2 * n + 2);
    const hold = await (await buyer.call()).holds.create({ eventId, seatIds: pair });
    const { order } = await (await buyer.call()).checkout.complete({
      holdId: hold.holdId,
      idempotencyKey: `buy-key-${n}`,
      payment: approvedCard,
    });
    orders.push({ buyer, orderId: order.id, seatIds: pair });
  }
  return { eventId, sectionId: venue.sections[0]!.id, seatIds, orders };
}

/** Signed-in fans without a password hash each (users and sessions written directly). */
async function clients(api: ApiHarness, sql: Services["database"]["sql"], count: number) {
  const users = await insertSignedInUsers(sql, count);
  return users.map(({ userId, token }, n) =>
    Object.assign(api.client({ sessionToken: token, ip: `198.51.100.${n % 250}` }), { userId }),
  );
}

async function join(fan: TestClient, eventId: string, quantity: number, sectionId?: string) {
  return (await fan.call()).waitingList.join({ eventId, quantity, sectionId });
}

async function status(fan: TestClient, eventId: string) {
  return (await fan.call()).waitingList.status({ eventId });
}

describe("the waiting list", () => {
  test("first come, first served: concurrent joins get distinct places in arrival order; bad input is refused clearly", async ({
    api,
    services,
  }) => {
    const { eventId, sectionId, orders } = await soldOutEvent(api, services, { seats: 2 });
    const fans = await clients(api, services.database.sql, 40);
    await Promise.all(fans.map((fan) => join(fan, eventId, 1)));
    const positions = await Promise.all(fans.map(async (fan) => (await status(fan, eventId)).entry!.position));
    expect([...positions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    const byPlace = await services.database.sql<Array<{ user_id: string }>>`
      select user_id from waiting_list_entries where event_id = ${eventId} order by place`;
    const positionOf = new Map(fans.map((fan, n) => [fan.userId, positions[n]]));
    expect(byPlace.map((row) => positionOf.get(row.user_id))).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));

    // The first in line leaving moves everyone up by one.
    const first = fans.find((fan) => positionOf.get(fan.userId) === 1)!;
    const third = fans.find((fan) => positionOf.get(fan.userId) === 3)!;
    expect(await (await first.call()).waitingList.leave({ eventId })).toMatchObject({ entry: null, waiting: 39 });
    expect((await status(third, eventId)).entry?.position).toBe(2);

    const [late] = await clients(api, services.database.sql, 1);
    const again = await failure(join(third, eventId, 1));
    expect([again.code, domainCode(again)]).toEqual(["CONFLICT", "ALREADY_ON_WAITING_LIST"]);
    const tooMany = await failure(join(late!, eventId, 9));
    expect([tooMany.code, domainCode(tooMany), tooMany.message]).toEqual([
      "FORBIDDEN",
      "LIMIT_EXCEEDED",
      "You can ask for at most 8 tickets for this event",
    ]);
    expect((await failure(join(late!, eventId, 0))).code).toBe("BAD_REQUEST");
    const otherSection = await failure(join(late!, eventId, 1, "00000000-0000-4000-8000-000000000000"));
    expect([otherSection.code, otherSection.message]).toEqual(["NOT_FOUND", "This section is not part of this event"]);
    const otherTier = await failure(
      (await late!.call()).waitingList.join({ eventId, quantity: 1, tierId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect([otherTier.code, otherTier.message]).toEqual(["NOT_FOUND", "This price tier is not part of this event"]);
    const [tier] = await services.database.sql<Array<{ id: string }>>`select id from price_tiers where event_id = ${eventId}`;
    const joined = await (await late!.call()).waitingList.join({ eventId, quantity: 1, sectionId, tierId: tier!.id });
    expect(joined.entry).toMatchObject({ sectionId, tierId: tier!.id, position: 40 });

    // A fan who bought tickets already asks for at most the rest of their limit.
    const boughtTwo = await failure(join(orders[0]!.buyer, eventId, 7));
    expect([domainCode(boughtTwo), boughtTwo.message]).toEqual([
      "LIMIT_EXCEEDED",
      "You can ask for at most 6 more tickets for this event (you have 2 of 8)",
    ]);
    await services.database.sql`update events set waiting_list_enabled = false where id = ${eventId}`;
    const [other] = await clients(api, services.database.sql, 1);
    const closed = await failure(join(other!, eventId, 1));
    expect([closed.code, domainCode(closed), closed.message]).toEqual([
      "PRECONDITION_FAILED",
      "WAITING_LIST_CLOSED",
      "This event has no waiting list",
    ]);
  });

  test("a cancellation's seats are held for the first fitting fan in the step that returns them: nobody racing for them gets one", async ({
    api,
    services,
  }) => {
    const { eventId, orders } = await soldOutEvent(api, services);
    const [waiting] = await clients(api, services.database.sql, 1);
    await join(waiting!, eventId, 2);
    const controller = new AbortController();
    const watch = (await (await waiting!.call({ signal: controller.signal })).waitingList.onStatus({ eventId }))[Symbol.asyncIterator]();
    expect((await nextValue(watch)).entry).toMatchObject({ status: "waiting", position: 1, offer: null });

    // 30 fans try to hold the two seats for as long as the cancellation runs, and a little after.
    const racers = await clients(api, services.database.sql, 30);
    const target = orders[1]!;
    let cancelled = false;
    const got: string[] = [];
    const race = Promise.all(
      racers.map(async (racer) => {
        for (let n = 0; n < 40 && !cancelled; n++) {
          const held = await (await racer.call()).holds.create({ eventId, seatIds: target.seatIds }).catch(() => null);
          if (held) got.push(held.holdId);
        }
        for (let n = 0; n < 3; n++) {
          const held = await (await racer.call()).holds.create({ eventId, seatIds: target.seatIds }).catch(() => null);
          if (held) got.push(held.holdId);
        }
      }),
    );
    await (await target.buyer.call()).orders.cancel({ orderId: target.orderId });
    cancelled = true;
    await race;
    expect(got).toEqual([]);

    const offered = await status(waiting!, eventId);
    expect(offered.entry).toMatchObject({ status: "offered", position: null, quantity: 2 });
    const mine = await (await waiting!.call()).holds.mine();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ holdId: offered.entry!.offer!.holdId, status: "active" });
    expect([...mine[0]!.seatIds].sort()).toEqual([...target.seatIds].sort());
    // Pushed to the fan live, with the time to pay the organizer set (10 minutes).
    const pushed = await nextValue(watch);
    expect(pushed.entry?.offer?.holdId).toBe(offered.entry!.offer!.holdId);
    expect(pushed.entry!.offer!.expiresAt.getTime() - services.clock.now().getTime()).toBe(10 * 60_000);
    controller.abort();
    // The offer's mail goes out through the outbox (the sales' own mails are left aside here).
    const { sql } = services.database;
    const rows = await sql`select payload from outbox where topic = 'waiting_list.offer'`;
    expect(rows.map((row) => row.payload)).toEqual([{ entryId: offered.entry!.entryId }]);
    await sql`update outbox set delivered_at = now() where topic <> 'waiting_list.offer'`;
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    expect(await deliverOutboxBatch({ ...api.deps, mail: createMailTransport({ folder }), logger: quiet })).toBe(1);
    const mail = readFileSync(path.join(folder, readdirSync(folder)[0]!), "utf8").replace(/=\r?\n/g, "");
    const [user] = await sql<Array<{ email: string }>>`select email from users where id = ${waiting!.userId}`;
    expect(mail).toContain(`To: ${user!.email}`);
    expect(mail).toMatch(/^Subject: Tickets for Test Event are held for you$/m);
    expect(mail).toContain(`2 tickets for Test Event came back on sale and are held for you from the waiting list until`);
    expect(mail).toContain(`/checkout/${offered.entry!.offer!.holdId}`);

    // The organizer sees the list's length and the open offer.
    const organizer = await signInOrganizer(api, sql);
    const dashboard = await (await organizer.call()).admin.events.dashboard({ eventId });
    expect(dashboard.waitingList).toMatchObject({ enabled: true, waiting: 0, openOffers: 1, offeredTickets: 2 });
  });

  test("two fans paying for one offer: only the offered fan can use the hold, and it sells once", async ({ api, services }) => {
    const { eventId, orders } = await soldOutEvent(api, services);
    const [offeredFan, rival] = await clients(api, services.database.sql, 2);
    await join(offeredFan!, eventId, 2);
    await join(rival!, eventId, 2);
    await (await orders[0]!.buyer.call()).orders.cancel({ orderId: orders[0]!.orderId });
    const { holdId } = (await status(offeredFan!, eventId)).entry!.offer!;
    expect((await status(rival!, eventId)).entry).toMatchObject({ status: "waiting", position: 1 });

    const pay = (fan: TestClient, n: number) =>
      fan
        .call()
        .then((caller) => caller.checkout.complete({ holdId, idempotencyKey: `accept-key-${fan === rival ? "r" : "o"}-${n}`, payment: approvedCard }))
        .then(
          (result) => ({ ok: true as const, orderId: result.order.id }),
          (error: unknown) => ({ ok: false as const, code: domainCode(error as Parameters<typeof domainCode>[0]) }),
        );
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) => [pay(offeredFan!, n), pay(rival!, n)]).flat(),
    );
    const won = results.filter((result) => result.ok);
    expect(won).toHaveLength(1);
    const rivalResults = results.filter((_, n) => n % 2 === 1);
    expect(rivalResults.every((result) => !result.ok && result.code === "HOLD_NOT_FOUND")).toBe(true);

    const { sql } = services.database;
    const [order] = await sql`select user_id from orders where id = ${won[0]!.ok ? won[0]!.orderId : ""}`;
    expect(order?.user_id).toBe(offeredFan!.userId);
    const sold = await sql`select count(*)::int as n from event_seats where event_id = ${eventId} and order_id = ${won[0]!.ok ? won[0]!.orderId : ""}`;
    expect(sold[0]?.n).toBe(2);
    const charged = await sql`select count(*)::int as n from payments where event_id = ${eventId} and user_id in ${sql([offeredFan!.userId, rival!.userId])}`;
    expect(charged[0]?.n).toBe(1);
    expect(await status(offeredFan!, eventId)).toMatchObject({ entry: null, lastOfferEnded: "purchased" });
  });

  test("an unpaid offer moves down the list when its time is up, once, however many sweepers run", async ({ api, services }) => {
    const { eventId, orders } = await soldOutEvent(api, services, { offerMinutes: 5 });
    const [first, second] = await clients(api, services.database.sql, 2);
    await join(first!, eventId, 2);
    await join(second!, eventId, 2);
    await (await orders[2]!.buyer.call()).orders.cancel({ orderId: orders[2]!.orderId });
    const offer = (await status(first!, eventId)).entry!.offer!;

    // Not yet due: nothing moves.
    services.clock.advance(4 * 60_000);
    expect(await sweepDueOffers(api.deps)).toBe(0);
    // Due: the ordinary hold sweeper leaves the offer to the waiting list's sweeper (within its grace)...
    services.clock.advance(90_000);
    const swept = await runExpireHolds(api.deps.redis, { eventId, nowMs: services.clock.now().getTime(), checkoutGraceMs: 60_000, maxHolds: 100 });
    expect(swept.releasedHoldIds).toEqual([]);
    // ...which several instances run at once: the seats move to the next fan exactly once.
    const others = Array.from({ length: 4 }, () => startOtherInstance(services));
    try {
      const ended = await Promise.all([api, ...others].flatMap((instance) => [sweepDueOffers(instance.deps), sweepDueOffers(instance.deps)]));
      expect(ended.reduce((sum, n) => sum + n, 0)).toBe(1);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
    expect(await status(first!, eventId)).toMatchObject({ entry: null, lastOfferEnded: "expired" });
    expect(await (await first!.call()).holds.mine()).toEqual([]);
    const next = await status(second!, eventId);
    expect(next.entry).toMatchObject({ status: "offered" });
    expect(next.entry!.offer!.holdId).not.toBe(offer.holdId);
    const held = await (await second!.call()).holds.mine();
    expect([...held[0]!.seatIds].sort()).toEqual([...orders[2]!.seatIds].sort());
    const expired = await failure(
      (await first!.call()).checkout.complete({ holdId: offer.holdId, idempotencyKey: "late-payment", payment: approvedCard }),
    );
    expect(domainCode(expired)).toBe("HOLD_NOT_FOUND");

    // Unpaid again with nobody left in line: the seats go on sale for anyone.
    services.clock.advance(6 * 60_000);
    expect(await sweepDueOffers(api.deps)).toBe(1);
    const [anyone] = await clients(api, services.database.sql, 1);
    const hold = await (await anyone!.call()).holds.create({ eventId, seatIds: orders[2]!.seatIds });
    expect(hold.seatIds).toHaveLength(2);
  });

  test("a group is offered its seats together or not at all", async ({ api, services }) => {
    const { eventId, orders } = await soldOutEvent(api, services);
    const [group, single] = await clients(api, services.database.sql, 2);
    await join(group!, eventId, 3);
    await join(single!, eventId, 1);

    // Two seats come back: too few for the group of three, who gets nothing; the single fan behind them gets one.
    await (await orders[0]!.buyer.call()).orders.cancel({ orderId: orders[0]!.orderId });
    expect((await status(group!, eventId)).entry).toMatchObject({ status: "waiting", position: 1, offer: null });
    expect(await (await group!.call()).holds.mine()).toEqual([]);
    const singleHolds = await (await single!.call()).holds.mine();
    expect(singleHolds.map((hold) => hold.seatIds.length)).toEqual([1]);

    // Two more come back: with the one left over, the group gets all three, in one hold.
    await (await orders[3]!.buyer.call()).orders.cancel({ orderId: orders[3]!.orderId });
    const groupHolds = await (await group!.call()).holds.mine();
    expect(groupHolds).toHaveLength(1);
    expect(groupHolds[0]!.seatIds).toHaveLength(3);
    expect((await status(group!, eventId)).entry?.offer?.holdId).toBe(groupHolds[0]!.holdId);
    const offered = new Set([...groupHolds[0]!.seatIds, ...singleHolds[0]!.seatIds]);
    expect(offered).toEqual(new Set([...orders[0]!.seatIds, ...orders[3]!.seatIds]));
  });

  test("an event cancelled whole refunds every order and offers nothing to its waiting list", async ({ api, services }) => {
    const { eventId, seatIds } = await soldOutEvent(api, services, { seats: 4 });
    const [waiting] = await clients(api, services.database.sql, 1);
    await join(waiting!, eventId, 2);
    const organizer = await signInOrganizer(api, services.database.sql);
    const cancelled = await (await organizer.call()).admin.events.setStatus({ eventId, action: "cancel" });
    expect(cancelled.refundedOrders).toBe(2);
    expect(await (await waiting!.call()).holds.mine({ eventId })).toEqual([]);
    expect((await status(waiting!, eventId)).entry).toMatchObject({ status: "waiting", offer: null });
    const held = await services.redisStore.redis.hmget(keys.eventInventory(eventId).seats, ...seatIds);
    expect(held).toEqual(seatIds.map(() => null));
  });

  test("seats an organizer unblocks go to the waiting list; a fan declining an offer hands it on", async ({ api, services }) => {
    const { db, sql } = services.database;
    const venue = await createTestVenue(db, { sections: [{ name: "101", rows: 1, seatsPerRow: 4 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingListEnabled: true });
    const seatIds = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
    const organizer = await signInOrganizer(api, sql);
    await (await organizer.call()).admin.events.blockSeats({ eventId, seatIds: seatIds.slice(2), blocked: true });
    const [buyer, first, second] = await clients(api, sql, 3);
    const hold = await (await buyer!.call()).holds.create({ eventId, seatIds: seatIds.slice(0, 2) });
    await (await buyer!.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: "buyer-key", payment: approvedCard });
    await join(first!, eventId, 2);
    await join(second!, eventId, 2);

    await (await organizer.call()).admin.events.blockSeats({ eventId, seatIds: seatIds.slice(2), blocked: false });
    const offer = (await status(first!, eventId)).entry!.offer!;
    const held = await (await first!.call()).holds.mine();
    expect([...held[0]!.seatIds].sort()).toEqual(seatIds.slice(2).sort());

    // Releasing the offered hold declines it: the next fan gets the seats in the same step.
    await (await first!.call()).holds.release({ holdId: offer.holdId });
    expect(await status(first!, eventId)).toMatchObject({ entry: null, lastOfferEnded: "left" });
    const next = await (await second!.call()).holds.mine();
    expect([...next[0]!.seatIds].sort()).toEqual(seatIds.slice(2).sort());
    // ...and leaving the list with an offer does the same, with nobody left: the seats go on sale.
    await (await second!.call()).waitingList.leave({ eventId });
    expect(await (await second!.call()).holds.mine()).toEqual([]);
    const [anyone] = await clients(api, sql, 1);
    expect((await (await anyone!.call()).holds.create({ eventId, seatIds: seatIds.slice(2) })).seatIds).toHaveLength(2);
  });
});
