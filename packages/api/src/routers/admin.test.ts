import { createAdmitter, TEST_CARDS } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import type { Sql } from "postgres";
import { describe, expect } from "vitest";
import { domainCode, failure, test, type ApiHarness } from "../testing";

async function organizer(api: ApiHarness, sql: Sql) {
  const admin = await api.fan("Organizer");
  await sql`update users set role = 'admin' where id = ${admin.userId}`;
  return admin;
}

const card = { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2099, cvc: "123", name: "Fan" };

describe("admin", () => {
  test("fans and anonymous callers are refused every admin procedure", async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db);
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const fan = await api.fan();
    for (const client of [fan, api.client()]) {
      const caller = await client.call();
      const errors = await Promise.all([
        failure(caller.admin.events.setStatus({ eventId, action: "pause" })),
        failure(caller.admin.events.dashboard({ eventId })),
        failure(caller.admin.events.updateAdmission({ eventId, paused: true })),
        failure(caller.admin.audit.list()),
        failure(caller.queue.stats({ eventId })),
      ]);
      expect(new Set(errors.map((error) => error.code))).toEqual(new Set([client === fan ? "FORBIDDEN" : "UNAUTHORIZED"]));
    }
  });

  test("lifecycle: on sale now, pause stops holds, resume, and impossible moves are refused with a reason", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const later = new Date(services.clock.now().getTime() + 86_400_000);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, status: "scheduled", onSaleAt: later });
    const admin = await organizer(api, sql);
    const fan = await api.fan();
    const hold = () => fan.call().then((caller) => caller.holds.create({ eventId, seatIds: [venue.seats[0]!.id] }));

    expect(domainCode(await failure(hold()))).toBe("NOT_ON_SALE");
    const onSale = await (await admin.call()).admin.events.setStatus({ eventId, action: "put_on_sale" });
    expect(onSale.status).toBe("on_sale");
    expect(onSale.onSaleAt.getTime()).toBe(services.clock.now().getTime());
    const listed = await (await fan.call()).events.byId({ eventId });
    expect(listed.status).toBe("on_sale");

    await (await admin.call()).admin.events.setStatus({ eventId, action: "pause" });
    expect(domainCode(await failure(hold()))).toBe("NOT_ON_SALE");
    expect((await (await fan.call()).events.byId({ eventId })).status).toBe("paused");
    const wrong = await failure((await admin.call()).admin.events.setStatus({ eventId, action: "pause" }));
    expect([wrong.code, wrong.message]).toEqual(["BAD_REQUEST", "A paused event cannot be paused"]);
    await (await admin.call()).admin.events.setStatus({ eventId, action: "resume" });
    expect((await hold()).seatIds).toHaveLength(1);

    const log = await (await admin.call()).admin.audit.list({ subjectId: eventId });
    expect(log.map((entry) => entry.action)).toEqual(["event.resume", "event.pause", "event.put_on_sale"]);
    expect(log[0]!.actor.name).toBe("Organizer");
  });

  test("cancelling refunds every order and puts every seat back; the dashboard counts it all", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, priceCents: 2_500 });
    const admin = await organizer(api, sql);
    const buyers = [await api.fan(), await api.fan()];
    for (const [i, buyer] of buyers.entries()) {
      const hold = await (await buyer.call()).holds.create({ eventId, seatIds: [venue.seats[i * 2]!.id, venue.seats[i * 2 + 1]!.id] });
      await (await buyer.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: `admin-test-${i}`, payment: card });
    }
    const holder = await api.fan();
    await (await holder.call()).holds.create({ eventId, seatIds: [venue.seats[5]!.id] });

    const dashboard = await (await admin.call()).admin.events.dashboard({ eventId });
    expect(dashboard).toMatchObject({ orders: 2, ticketsSold: 4, revenueCents: 10_000, capacity: 6, heldNow: 1, available: 1 });
    expect(dashboard.salesPerMinute.reduce((sum, minute) => sum + minute.tickets, 0)).toBe(4);

    const cancelled = await (await admin.call()).admin.events.setStatus({ eventId, action: "cancel" });
    expect(cancelled).toMatchObject({ status: "cancelled", refundedOrders: 2 });
    expect(await sql`select status from payments`).toEqual([{ status: "refunded" }, { status: "refunded" }]);
    expect(await sql`select count(*)::int as n from event_seats where status = 'sold'`).toEqual([{ n: 0 }]);
    for (const buyer of buyers) {
      const [order] = await (await buyer.call()).orders.list();
      expect(order?.status).toBe("cancelled");
    }
    expect((await (await holder.call()).events.byId({ eventId })).status).toBe("cancelled");
  });

  test("admission can be paused, resumed and re-rated; the admitter follows", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingRoomEnabled: true });
    await sql`update events set admit_rate_per_minute = 60, fairness_seed = 'seed', fairness_seed_hash = 'hash' where id = ${eventId}`;
    const admin = await organizer(api, sql);
    for (let i = 0; i < 10; i++) await (await (await api.fan()).call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    const active = () => services.redisStore.redis.zcard(keys.queueKeys(eventId)[5]);

    await (await admin.call()).admin.events.updateAdmission({ eventId, paused: true });
    for (let i = 0; i < 3; i++) {
      services.clock.advance(1_000);
      await admitter.tick();
    }
    expect(await active()).toBe(0);
    await (await admin.call()).admin.events.updateAdmission({ eventId, paused: false, admitRatePerMinute: 180 });
    services.clock.advance(1_000);
    await admitter.tick();
    expect(await active()).toBe(3);
    const stats = (await (await admin.call()).admin.events.dashboard({ eventId })).waitingRoom;
    expect(stats).toMatchObject({ waiting: 7, activeShoppers: 3, admitRatePerMinute: 180, admissionPaused: false });
    const invalid = await failure((await admin.call()).admin.events.updateAdmission({ eventId, admitRatePerMinute: 0 }));
    expect(invalid.code).toBe("BAD_REQUEST");
  });
});
