import { createAdmitter, type EventUpdateBus } from "@frontrow/core";
import { insertSignedInUsers } from "@frontrow/core/testing";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import type { TRPCError } from "@trpc/server";
import type { Sql } from "postgres";
import { describe, expect } from "vitest";
import { formOf } from "../admin-test-helpers";
import {
  approvedCard,
  createApiHarness,
  domainCode,
  failure,
  listenForEventUpdate,
  nextValue,
  signInOrganizer,
  startOtherInstance,
  test,
  type ApiHarness,
} from "../testing";

const DAY = 86_400_000;

const field = (error: TRPCError) => (error.cause as { details?: { field?: string } }).details?.field;

const seatChanges = (envelope: unknown) =>
  (Array.isArray(envelope) ? envelope[1] : envelope) as { seq: number; changes: Array<{ seatId?: string; status?: string }> };

/**
 * A hall with a reserved section (rows A and B of 5) and a standing floor, and an event on it created the way an
 * organizer does: "Front" for seats A1–A3, "Stalls" for the rest of the section, "Floor" for the standing area.
 */
async function pricedEvent(api: ApiHarness, services: { database: { db: Parameters<typeof createTestVenue>[0]; sql: Sql }; clock: { now(): Date } }) {
  const admin = await signInOrganizer(api, services.database.sql);
  const venue = await createTestVenue(services.database.db, {
    sections: [
      { name: "Stalls", rows: 2, seatsPerRow: 5 },
      { name: "Floor", generalAdmission: 20 },
    ],
  });
  const stalls = venue.sections.find((section) => section.name === "Stalls")!.id;
  const floor = venue.sections.find((section) => section.name === "Floor")!.id;
  const seat = (row: string, number: number) => venue.seats.find((s) => s.row === row && s.number === number)!.id;
  const now = services.clock.now().getTime();
  const { eventId } = await (await admin.call()).admin.events.create({
    venueId: venue.venueId,
    name: "Opening Night",
    performer: "The Riverside Band",
    category: "concert",
    startsAt: new Date(now + 7 * DAY),
    onSaleAt: new Date(now + DAY),
    // These tests hold single seats wherever they like; the single-seat rule has tests of its own.
    singleSeatRule: false,
    tiers: [
      { name: "Front", priceCents: 9_000, color: "#b91c1c", sectionIds: [], seatRanges: [{ sectionId: stalls, row: "A", from: 1, to: 3 }] },
      { name: "Stalls", priceCents: 6_000, color: "#2563eb", sectionIds: [stalls], seatRanges: [] },
      { name: "Floor", priceCents: 3_000, color: "#16a34a", sectionIds: [floor], seatRanges: [] },
    ],
  });
  return { admin, venue, eventId, stalls, floor, seat };
}

/** The real bus, observed: `firstSubscription` resolves once a fan's subscription through it is listening. */
function observed(eventUpdates: EventUpdateBus) {
  let subscribed: () => void = () => undefined;
  const firstSubscription = new Promise<void>((resolve) => (subscribed = resolve));
  const bus: EventUpdateBus = {
    ...eventUpdates,
    async subscribe(eventId, listener) {
      const unsubscribe = await eventUpdates.subscribe(eventId, listener);
      subscribed();
      return unsubscribe;
    },
  };
  return { bus, firstSubscription };
}

describe("admin.events: list, byId, update, blockSeats", () => {
  test("fans and anonymous callers are refused", async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db);
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const fan = await api.fan();
    for (const client of [fan, api.client()]) {
      const caller = await client.call();
      const errors = await Promise.all([
        failure(caller.admin.events.list()),
        failure(caller.admin.events.byId({ eventId })),
        failure(
          caller.admin.events.update({
            eventId,
            name: "Mine now",
            performer: "Me",
            category: "concert",
            startsAt: new Date(Date.now() + 2 * DAY),
            onSaleAt: new Date(Date.now() + DAY),
            tiers: [{ name: "Free", priceCents: 0, color: "#000000", sectionIds: [venue.sections[0]!.id] }],
          }),
        ),
        failure(caller.admin.events.blockSeats({ eventId, seatIds: [venue.seats[0]!.id], blocked: true })),
      ]);
      expect(errors.map((error) => error.code)).toEqual(Array(4).fill(client === fan ? "FORBIDDEN" : "UNAUTHORIZED"));
    }
    expect((await services.database.sql`select name from events`)[0]).toEqual({ name: "Test Event" });
    expect(await services.database.sql`select count(*)::int as n from event_seats where status = 'blocked'`).toEqual([{ n: 0 }]);
  });

  test("list shows every status in start order with capacity, sales and revenue; q and status filter it", async ({ api, services }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const venue = await createTestVenue(db, { name: "Harbour Hall", sections: [{ name: "A", rows: 1, seatsPerRow: 4 }] });
    const now = Date.now();
    const later = await createTestEvent(db, { venueId: venue.venueId, name: "Later Show", status: "scheduled", onSaleAt: new Date(now + 10 * DAY), startsAt: new Date(now + 20 * DAY) });
    const cancelled = await createTestEvent(db, { venueId: venue.venueId, name: "Called Off", status: "cancelled", startsAt: new Date(now + 5 * DAY) });
    const selling = await createTestEvent(db, { venueId: venue.venueId, name: "Selling Now", priceCents: 2_500, startsAt: new Date(now + 10 * DAY) });
    const past = await createTestEvent(db, { venueId: venue.venueId, name: "Last Year", status: "ended", startsAt: new Date(now - 300 * DAY) });
    const fan = await api.fan();
    const hold = await (await fan.call()).holds.create({ eventId: selling.eventId, seatIds: [venue.seats[0]!.id, venue.seats[1]!.id] });
    await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: "list-sales-1", payment: approvedCard });

    const caller = await admin.call();
    const { items } = await caller.admin.events.list();
    expect(items.map((item) => [item.name, item.status])).toEqual([
      ["Last Year", "ended"],
      ["Called Off", "cancelled"],
      ["Selling Now", "on_sale"],
      ["Later Show", "scheduled"],
    ]);
    expect(items[2]).toEqual({
      id: selling.eventId,
      name: "Selling Now",
      performer: "The Testers",
      category: "concert",
      status: "on_sale",
      startsAt: expect.any(Date),
      onSaleAt: expect.any(Date),
      salesEndAt: null,
      venue: { id: venue.venueId, name: "Harbour Hall", city: "Springfield", timezone: "America/New_York" },
      waitingRoom: false,
      capacity: 4,
      sold: 2,
      revenueCents: 5_000,
    });
    expect((await caller.admin.events.list({ q: "called" })).items.map((item) => item.id)).toEqual([cancelled.eventId]);
    expect((await caller.admin.events.list({ q: "harbour show" })).items.map((item) => item.id)).toEqual([later.eventId]);
    expect((await caller.admin.events.list({ status: "ended" })).items.map((item) => item.id)).toEqual([past.eventId]);
    expect((await caller.admin.events.list({ status: "paused" })).items).toEqual([]);
  });

  test("byId gives the form's shape, and saving it back unchanged changes nothing", async ({ api, services }) => {
    const { admin, eventId, stalls, floor, venue } = await pricedEvent(api, services);
    const caller = await admin.call();
    const event = await caller.admin.events.byId({ eventId });
    expect(event).toMatchObject({
      id: eventId,
      status: "scheduled",
      venue: { id: venue.venueId, name: "Test Hall", city: "Springfield", timezone: "America/New_York" },
      name: "Opening Night",
      description: "",
      imageUrl: null,
      doorsAt: null,
      perFanLimit: 8,
      holdSeconds: 600,
      feeCents: 0,
      waitingRoom: null,
      fairnessSeedHash: null,
      ticketsSold: 0,
    });
    expect(event.tiers.map(({ id: _id, ...tier }) => tier)).toEqual([
      { name: "Front", priceCents: 9_000, color: "#b91c1c", sectionIds: [], seatRanges: [{ sectionId: stalls, row: "A", from: 1, to: 3 }], ticketsSold: 0 },
      { name: "Stalls", priceCents: 6_000, color: "#2563eb", sectionIds: [stalls], seatRanges: [], ticketsSold: 0 },
      { name: "Floor", priceCents: 3_000, color: "#16a34a", sectionIds: [floor], seatRanges: [], ticketsSold: 0 },
    ]);
    const seatTiers = async () => services.database.sql`select seat_id, tier_id from event_seats where event_id = ${eventId} order by seat_id`;
    const before = await seatTiers();

    expect(await caller.admin.events.update(formOf(event))).toEqual({ eventId });
    expect(await caller.admin.events.byId({ eventId })).toEqual(event);
    expect(await seatTiers()).toEqual(before);
    const [entry] = await caller.admin.audit.list({ subjectId: eventId });
    expect([entry?.action, entry?.details]).toEqual(["event.update", {}]);

    const missing = await failure(caller.admin.events.byId({ eventId: "00000000-0000-4000-8000-000000000000" }));
    expect([missing.code, missing.message]).toEqual(["NOT_FOUND", "This event does not exist"]);
    const missingUpdate = await failure(caller.admin.events.update({ ...formOf(event), eventId: "00000000-0000-4000-8000-000000000000" }));
    expect(missingUpdate.code).toBe("NOT_FOUND");
  });

  test("a price change reaches checkout at once; sold tickets keep their price; tiers are added, re-assigned and removed", async ({
    api,
    services,
  }) => {
    const { admin, eventId, stalls, floor, seat } = await pricedEvent(api, services);
    const caller = await admin.call();
    await caller.admin.events.setStatus({ eventId, action: "put_on_sale" });
    const early = await api.fan("Early");
    const earlyHold = await (await early.call()).holds.create({ eventId, seatIds: [seat("A", 1)] });
    const { order: earlyOrder } = await (await early.call()).checkout.complete({ holdId: earlyHold.holdId, idempotencyKey: "price-change-early", payment: approvedCard });
    expect(earlyOrder.totalCents).toBe(9_000);
    const late = await api.fan("Late");
    // Held at the old price, bought after the change: the new price applies.
    const lateHold = await (await late.call()).holds.create({ eventId, seatIds: [seat("B", 1)] });

    const event = await caller.admin.events.byId({ eventId });
    const [front, stallsTier, floorTier] = event.tiers;
    const form = formOf(event);
    const soldTier = await failure(caller.admin.events.update({ ...form, tiers: form.tiers.filter((tier) => tier.id !== front!.id) }));
    expect([soldTier.code, soldTier.message, field(soldTier)]).toEqual([
      "BAD_REQUEST",
      "Price tier Front has sold 1 ticket and cannot be removed; change its price or sections instead",
      "tiers",
    ]);

    await caller.admin.events.update({
      ...form,
      feeCents: 150,
      tiers: [
        { ...front!, priceCents: 12_000 },
        { ...stallsTier!, priceCents: 6_500 },
        { name: "Aisle", priceCents: 7_000, color: "#7c3aed", sectionIds: [], seatRanges: [{ sectionId: stalls, row: "B", from: 4, to: 5 }] },
        { name: "Standing", priceCents: 2_000, color: "#0d9488", sectionIds: [floor], seatRanges: [] },
      ],
    });

    const { order: lateOrder } = await (await late.call()).checkout.complete({ holdId: lateHold.holdId, idempotencyKey: "price-change-late", payment: approvedCard });
    expect(lateOrder).toMatchObject({ subtotalCents: 6_500, feesCents: 150, totalCents: 6_650 });
    const earlyAgain = await (await early.call()).orders.byId({ orderId: earlyOrder.id });
    expect(earlyAgain).toMatchObject({ totalCents: 9_000 });
    expect(earlyAgain.tickets.map((ticket) => ticket.priceCents)).toEqual([9_000]);

    const map = await (await late.call()).seats.map({ eventId });
    const tierOf = (seatId: string) => map.tiers.find((tier) => tier.id === map.seats.find((s) => s.id === seatId)!.tierId);
    expect([tierOf(seat("A", 1)), tierOf(seat("B", 3)), tierOf(seat("B", 4))].map((tier) => [tier?.name, tier?.priceCents])).toEqual([
      ["Front", 12_000],
      ["Stalls", 6_500],
      ["Aisle", 7_000],
    ]);
    const fanView = await (await late.call()).events.byId({ eventId });
    expect(fanView.sections.find((section) => section.id === floor)).toMatchObject({ priceCents: 2_000 });
    const gaHold = await (await late.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 1 }] });
    const { order: gaOrder } = await (await late.call()).checkout.complete({ holdId: gaHold.holdId, idempotencyKey: "price-change-ga", payment: approvedCard });
    expect(gaOrder.totalCents).toBe(2_150);

    const saved = await caller.admin.events.byId({ eventId });
    expect(saved.tiers.map((tier) => [tier.name, tier.ticketsSold, tier.sectionIds, tier.seatRanges])).toEqual([
      ["Front", 1, [], [{ sectionId: stalls, row: "A", from: 1, to: 3 }]],
      ["Stalls", 1, [stalls], []],
      ["Aisle", 0, [], [{ sectionId: stalls, row: "B", from: 4, to: 5 }]],
      ["Standing", 1, [floor], []],
    ]);
    expect(saved.tiers.some((tier) => tier.id === floorTier!.id)).toBe(false);
    expect(saved.ticketsSold).toBe(3);

    const [entry] = await caller.admin.audit.list({ subjectId: eventId });
    expect(entry).toMatchObject({
      action: "event.update",
      details: {
        feeCents: [0, 150],
        tiers: {
          added: ["Aisle (7000)", "Standing (2000)"],
          removed: ["Floor"],
          changed: [
            { tier: "Front", priceCents: [9_000, 12_000] },
            { tier: "Stalls", priceCents: [6_000, 6_500] },
          ],
          seatsMoved: 2,
          sectionsMoved: 1,
        },
      },
    });
  });

  test("refusals: the waiting room switched once on sale, an ended or cancelled event, a late on-sale, an unpriced section", async ({
    api,
    services,
  }) => {
    const { admin, eventId, floor } = await pricedEvent(api, services);
    const caller = await admin.call();
    const form = formOf(await caller.admin.events.byId({ eventId }));
    const waitingRoom = { admitRatePerMinute: 120, maxActiveShoppers: 50, shoppingWindowSeconds: 300 };

    const late = await failure(caller.admin.events.update({ ...form, onSaleAt: new Date(form.startsAt.getTime() + 1) }));
    expect([late.code, late.message]).toEqual(["BAD_REQUEST", expect.stringContaining("The on-sale must be before the show")]);
    const unpriced = await failure(
      caller.admin.events.update({ ...form, tiers: form.tiers.map((tier) => ({ ...tier, sectionIds: tier.sectionIds.filter((id) => id !== floor) })) }),
    );
    expect([unpriced.code, unpriced.message, field(unpriced)]).toEqual(["BAD_REQUEST", "Give every section a price tier: Floor", "tiers"]);

    // Scheduled: the waiting room may still be switched on (and gets its fairness seed) or off.
    await caller.admin.events.update({ ...form, waitingRoom });
    const withRoom = await caller.admin.events.byId({ eventId });
    expect(withRoom.waitingRoom).toEqual({ preQueueOpensAt: null, ...waitingRoom });
    expect(withRoom.fairnessSeedHash).toMatch(/^[0-9a-f]{64}$/);

    await caller.admin.events.setStatus({ eventId, action: "put_on_sale" });
    const switchedOff = await failure(caller.admin.events.update({ ...form, waitingRoom: undefined }));
    expect([switchedOff.code, switchedOff.message, field(switchedOff)]).toEqual([
      "BAD_REQUEST",
      "The waiting room cannot be turned off once the event is on sale; its rate, cap and shopping window can still change",
      "waitingRoom",
    ]);
    await caller.admin.events.setStatus({ eventId, action: "pause" });
    expect(field(await failure(caller.admin.events.update({ ...form, waitingRoom: undefined })))).toBe("waitingRoom");
    await caller.admin.events.update({ ...form, waitingRoom: { ...waitingRoom, admitRatePerMinute: 300 } });
    expect((await caller.admin.events.byId({ eventId })).waitingRoom?.admitRatePerMinute).toBe(300);

    for (const action of ["end", "cancel"] as const) {
      await caller.admin.events.setStatus({ eventId, action });
      const refused = await failure(caller.admin.events.update({ ...form, waitingRoom, name: "Renamed" }));
      expect([refused.code, refused.message]).toEqual([
        "BAD_REQUEST",
        `This event has ${action === "end" ? "ended" : "been cancelled"} and can no longer be edited`,
      ]);
    }
    expect((await caller.admin.events.byId({ eventId })).name).toBe("Opening Night");
  });

  test("an event past its scheduled on-sale time is on sale for the organizer and for every rule", async ({ api, services }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const venue = await createTestVenue(db, { name: "Clock Hall", sections: [{ name: "A", rows: 1, seatsPerRow: 4 }] });
    // Stored as the organizer scheduled it; its on-sale time came an hour ago and nobody pressed anything.
    const { eventId } = await createTestEvent(db, {
      venueId: venue.venueId,
      name: "Self Starter",
      status: "scheduled",
      onSaleAt: new Date(Date.now() - 3_600_000),
      waitingRoomEnabled: true,
    });
    const caller = await admin.call();
    const publicView = await (await api.client().call()).events.byId({ eventId });
    expect(publicView.status).toBe("on_sale");
    expect((await caller.admin.events.list()).items.find((item) => item.id === eventId)?.status).toBe("on_sale");
    expect((await caller.admin.events.list({ status: "on_sale" })).items.map((item) => item.id)).toEqual([eventId]);
    expect((await caller.admin.events.list({ status: "scheduled" })).items).toEqual([]);
    const event = await caller.admin.events.byId({ eventId });
    expect(event.status).toBe("on_sale");
    expect((await caller.admin.events.dashboard({ eventId })).status).toBe("on_sale");

    const putOnSale = await failure(caller.admin.events.setStatus({ eventId, action: "put_on_sale" }));
    expect([putOnSale.code, putOnSale.message]).toEqual(["BAD_REQUEST", "An on sale event cannot be put on sale"]);
    const switchedOff = await failure(caller.admin.events.update({ ...formOf(event), waitingRoom: undefined }));
    expect([switchedOff.code, field(switchedOff)]).toEqual(["BAD_REQUEST", "waitingRoom"]);
    const [stored] = await sql<{ waiting_room_enabled: boolean }[]>`select waiting_room_enabled from events where id = ${eventId}`;
    expect(stored?.waiting_room_enabled).toBe(true);

    // Pausing works from it as from any on-sale, and is recorded as leaving "on sale".
    await caller.admin.events.setStatus({ eventId, action: "pause" });
    const [audit] = await sql<{ details: { from: string; to: string } }[]>`
      select details from audit_log where subject_id = ${eventId} and action = 'event.pause'`;
    expect(audit?.details).toEqual({ from: "on_sale", to: "paused" });
  });

  test("bot settings: seats per network is validated, audited and enforced at once on another instance", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const admin = await signInOrganizer(api, sql);
    const form = formOf(await (await admin.call()).admin.events.byId({ eventId }));
    expect([form.heldSeatsPerIp, form.highDemand]).toEqual([12, false]);
    const zero = await failure((await admin.call()).admin.events.update({ ...form, heldSeatsPerIp: 0 }));
    expect([zero.code, zero.message]).toEqual(["BAD_REQUEST", expect.stringContaining("At least 1 ticket per network")]);

    const other = startOtherInstance(services);
    try {
      // The other instance has the event's rules cached before the change.
      await (await other.client({ ip: "192.0.2.1" }).call()).seats.map({ eventId });
      const update = await listenForEventUpdate(other.deps.eventUpdates, eventId);
      await (await admin.call()).admin.events.update({ ...form, heldSeatsPerIp: 1 });
      await update.heard;
      const [entry] = await (await admin.call()).admin.audit.list({ subjectId: eventId });
      expect(entry?.details).toMatchObject({ heldSeatsPerIp: [12, 1] });
      const seats = venue.seats.map((seat) => seat.id);
      const [a, b] = await insertSignedInUsers(sql, 2);
      const fromOneNetwork = (token: string) => other.client({ sessionToken: token, ip: "192.0.2.1" });
      await (await fromOneNetwork(a!.token).call()).holds.create({ eventId, seatIds: [seats[0]!] });
      const refused = await failure((await fromOneNetwork(b!.token).call()).holds.create({ eventId, seatIds: [seats[1]!] }));
      expect([refused.code, domainCode(refused)]).toEqual(["TOO_MANY_REQUESTS", "CLIENT_LIMIT_EXCEEDED"]);
    } finally {
      await other.close();
    }
  });

  test("a new admission rate and cap reach the admitter on another instance", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingRoomEnabled: true });
    await sql`update events set admit_rate_per_minute = 60, fairness_seed = 'seed', fairness_seed_hash = 'hash' where id = ${eventId}`;
    const admin = await signInOrganizer(api, sql);
    for (let i = 0; i < 10; i++) await (await (await api.fan()).call()).queue.join({ eventId });
    const other = startOtherInstance(services);
    try {
      const admitter = createAdmitter(other.deps, { eventsRefreshMs: 0 });
      const active = () => services.redisStore.redis.zcard(keys.waitingRoom(eventId).active);
      services.clock.advance(1_000);
      await admitter.tick();
      expect(await active()).toBe(1);

      const update = await listenForEventUpdate(other.deps.eventUpdates, eventId);
      const form = formOf(await (await admin.call()).admin.events.byId({ eventId }));
      await (await admin.call()).admin.events.update({ ...form, waitingRoom: { ...form.waitingRoom!, admitRatePerMinute: 240, maxActiveShoppers: 3 } });
      expect(await update.heard).toMatchObject({ reason: "admission" });
      services.clock.advance(1_000);
      await admitter.tick();
      // 4 a second now, but never past the new cap of 3 active shoppers (the old settings would have made it 2).
      expect(await active()).toBe(3);
    } finally {
      await other.close();
    }
  });

  test("blocking takes free seats off every map at once, refuses held and sold seats, and unblocking puts them back", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const [s1, s2, s3, s4] = venue.seats.map((seat) => seat.id) as [string, string, string, string];
    const holder = await api.fan("Holder");
    const buyer = await api.fan("Buyer");
    await (await holder.call()).holds.create({ eventId, seatIds: [s2] });
    const bought = await (await buyer.call()).holds.create({ eventId, seatIds: [s3] });
    await (await buyer.call()).checkout.complete({ holdId: bought.holdId, idempotencyKey: "block-buyer", payment: approvedCard });

    const watching = observed(api.deps.eventUpdates);
    const watcher = createApiHarness({ ...api.deps, eventUpdates: watching.bus }).client();
    const { seq } = await (await watcher.call()).seats.map({ eventId });
    const controller = new AbortController();
    try {
      const changes = (await (await watcher.call({ signal: controller.signal })).seats.onChange({ eventId, lastEventId: String(seq) }))[
        Symbol.asyncIterator
      ]();
      const updates = (await (await watcher.call({ signal: controller.signal })).events.onUpdate({ eventId }))[Symbol.asyncIterator]();
      const firstUpdate = nextValue(updates);
      await watching.firstSubscription;

      const caller = await admin.call();
      expect(await caller.admin.events.blockSeats({ eventId, seatIds: [s1, s2, s3, s4], blocked: true })).toEqual({
        changed: 2,
        refusedSeatIds: [s2, s3],
      });
      expect(seatChanges(await nextValue(changes))).toEqual({
        seq: seq + 1,
        version: expect.any(String),
        changes: [
          { seatId: s1, status: "blocked", index: expect.any(Number) },
          { seatId: s4, status: "blocked", index: expect.any(Number) },
        ],
      });
      expect(await firstUpdate).toEqual({ eventId, reason: "inventory", at: expect.any(Date) });

      const map = await (await watcher.call()).seats.map({ eventId });
      const status = (seatId: string) => map.seats.find((seat) => seat.id === seatId)!.status;
      expect([s1, s2, s3, s4].map(status)).toEqual(["blocked", "held", "sold", "blocked"]);
      expect((await (await holder.call()).holds.mine({ eventId })).map((hold) => hold.seatIds)).toEqual([[s2]]);
      const blockedHold = await failure((await (await api.fan()).call()).holds.create({ eventId, seatIds: [s1] }));
      expect(domainCode(blockedHold)).toBe("SEAT_UNAVAILABLE");
      expect(await sql`select sold_count, blocked_count from event_sections where event_id = ${eventId}`).toEqual([{ sold_count: 1, blocked_count: 2 }]);
      expect((await (await watcher.call()).events.byId({ eventId })).sections[0]).toMatchObject({ capacity: 6, available: 3 });

      // Blocking again changes nothing; unblocking frees only what is blocked.
      expect(await caller.admin.events.blockSeats({ eventId, seatIds: [s1], blocked: true })).toEqual({ changed: 0, refusedSeatIds: [] });
      expect(await caller.admin.events.blockSeats({ eventId, seatIds: [s1, s2, s3], blocked: false })).toEqual({ changed: 1, refusedSeatIds: [] });
      expect(seatChanges(await nextValue(changes)).changes).toEqual([{ seatId: s1, status: "available", index: expect.any(Number) }]);
      expect(await nextValue(updates)).toMatchObject({ eventId, reason: "inventory" });
      const after = await (await watcher.call()).seats.map({ eventId });
      expect([s1, s2, s3, s4].map((seatId) => after.seats.find((seat) => seat.id === seatId)!.status)).toEqual(["available", "held", "sold", "blocked"]);
      await expect((await (await api.fan()).call()).holds.create({ eventId, seatIds: [s1] })).resolves.toMatchObject({ seatIds: [s1] });
      expect(await sql`select blocked_count from event_sections where event_id = ${eventId}`).toEqual([{ blocked_count: 1 }]);

      const log = await caller.admin.audit.list({ subjectId: eventId });
      expect(log.map((entry) => [entry.action, entry.details])).toEqual([
        ["event.unblock_seats", { seats: 3, changed: 1 }],
        ["event.block_seats", { seats: 1, changed: 0 }],
        ["event.block_seats", { seats: 4, changed: 2, refused: 2 }],
      ]);
      const notHere = await failure(caller.admin.events.blockSeats({ eventId, seatIds: ["00000000-0000-4000-8000-000000000000"], blocked: true }));
      expect([notHere.code, notHere.message]).toEqual(["NOT_FOUND", "Some of these seats are not in this event"]);
    } finally {
      controller.abort();
    }
  });

  test("blocking races 80 fans holding the same 40 seats on four instances: each seat goes to exactly one of them", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 4, seatsPerRow: 10 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const seatIds = venue.seats.map((seat) => seat.id);
    // Four instances, each with its own Redis connection; fans spread over them.
    const instances = [api, ...[1, 2, 3].map(() => createApiHarness({ ...api.deps, redis: services.redisStore.connect() }))];
    const fans = (await insertSignedInUsers(sql, 80)).map((user, i) => ({
      userId: user.userId,
      client: instances[i % 4]!.client({ sessionToken: user.token, ip: `10.1.0.${i + 1}` }), // fans at home, one address each
    }));
    // Load the inventory into Redis first, so every contender races on the same script rather than on the load.
    await (await api.client().call()).seats.map({ eventId });

    const holds = fans.map(async (fan, i) => {
      try {
        return (await (await fan.client.call()).holds.create({ eventId, seatIds: [seatIds[i % 40]!] })).seatIds[0]!;
      } catch (error) {
        expect(domainCode(error as TRPCError)).toBe("SEAT_UNAVAILABLE");
        return null;
      }
    });
    const block = (await admin.call()).admin.events.blockSeats({ eventId, seatIds, blocked: true });
    const [blocked, ...held] = await Promise.all([block, ...holds]);

    const heldSeats = held.filter((seatId): seatId is string => seatId !== null);
    expect(new Set(heldSeats).size).toBe(heldSeats.length); // never two fans on one seat
    expect(new Set(blocked.refusedSeatIds)).toEqual(new Set(heldSeats)); // a held seat was refused, never overwritten
    expect(blocked.changed + heldSeats.length).toBe(40);
    const rows = await sql<Array<{ seat_id: string }>>`select seat_id from event_seats where event_id = ${eventId} and status = 'blocked'`;
    const blockedSeats = new Set(rows.map((row) => row.seat_id));
    expect(blockedSeats.size).toBe(blocked.changed);
    for (const seatId of seatIds) expect(blockedSeats.has(seatId) !== heldSeats.includes(seatId)).toBe(true);
    const map = await (await api.client().call()).seats.map({ eventId });
    for (const seat of map.seats) expect(seat.status).toBe(blockedSeats.has(seat.id) ? "blocked" : "held");
  });

  test("a fan on a second instance hears events.onUpdate and sees the new price there at once", async ({ api, services }) => {
    const { admin, eventId, seat } = await pricedEvent(api, services);
    await (await admin.call()).admin.events.setStatus({ eventId, action: "put_on_sale" });
    const other = startOtherInstance(services);
    const watching = observed(other.deps.eventUpdates);
    try {
      const fan = createApiHarness({ ...other.deps, eventUpdates: watching.bus }).client();
      // The second instance caches the layout with the old prices.
      const before = await (await fan.call()).seats.map({ eventId });
      expect(before.tiers.map((tier) => tier.priceCents)).toEqual([9_000, 6_000, 3_000]);
      const controller = new AbortController();
      try {
        const updates = (await (await fan.call({ signal: controller.signal })).events.onUpdate({ eventId }))[Symbol.asyncIterator]();
        const update = nextValue(updates);
        await watching.firstSubscription;

        const form = formOf(await (await admin.call()).admin.events.byId({ eventId }));
        await (await admin.call()).admin.events.update({ ...form, tiers: form.tiers.map((tier) => ({ ...tier, priceCents: tier.priceCents + 500 })) });
        expect(await update).toEqual({ eventId, reason: "prices", at: expect.any(Date) });

        const fanView = await (await fan.call()).events.byId({ eventId });
        expect(fanView.priceTiers.map((tier) => tier.priceCents)).toEqual([9_500, 6_500, 3_500]);
        const after = await (await fan.call()).seats.map({ eventId });
        expect(after.tiers.map((tier) => tier.priceCents)).toEqual([9_500, 6_500, 3_500]);

        // Checkout on the second instance charges the new price too.
        const buyer = other.client({ sessionToken: (await api.fan("Buyer")).sessionToken });
        const hold = await (await buyer.call()).holds.create({ eventId, seatIds: [seat("B", 2)] });
        const { order } = await (await buyer.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: "second-instance", payment: approvedCard });
        expect(order.totalCents).toBe(6_500);

        // Status changes and admission changes are published too.
        await (await admin.call()).admin.events.setStatus({ eventId, action: "pause" });
        expect(await nextValue(updates)).toMatchObject({ eventId, reason: "status" });
        expect(domainCode(await failure((await buyer.call()).holds.create({ eventId, seatIds: [seat("B", 3)] })))).toBe("NOT_ON_SALE");
      } finally {
        controller.abort();
      }
    } finally {
      await other.close();
    }
  });

  test("events.onUpdate refuses an unknown event", async ({ api }) => {
    const refused = await failure((await api.client().call()).events.onUpdate({ eventId: "00000000-0000-4000-8000-000000000000" }));
    expect([refused.code, domainCode(refused)]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
  });
});

describe("venue-level blocked seats", () => {
  test("apply to the venue's live events (held and sold seats stay and are reported) and to every event created later", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const caller = await admin.call();
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 5 }] });
    const [s1, s2, s3] = venue.seats.map((seat) => seat.id) as [string, string, string];
    const live = await createTestEvent(db, { venueId: venue.venueId, name: "Live" });
    const over = await createTestEvent(db, { venueId: venue.venueId, name: "Over", status: "ended" });
    const fan = await api.fan();
    await (await fan.call()).holds.create({ eventId: live.eventId, seatIds: [s2] });

    const result = await caller.admin.venues.setSeatAttributes({ venueId: venue.venueId, seatIds: [s1, s2], blocked: true });
    expect(result).toEqual({ updated: 2, events: [{ eventId: live.eventId, name: "Live", changed: 1, refusedSeatIds: [s2] }] });
    const statuses = async (eventId: string) => {
      const map = await (await fan.call()).seats.map({ eventId });
      return [s1, s2, s3].map((seatId) => map.seats.find((seat) => seat.id === seatId)!.status);
    };
    expect(await statuses(live.eventId)).toEqual(["blocked", "held", "available"]);
    expect(await sql`select count(*)::int as n from event_seats where event_id = ${over.eventId} and status = 'blocked'`).toEqual([{ n: 0 }]);

    const now = services.clock.now().getTime();
    const { eventId: later } = await caller.admin.events.create({
      venueId: venue.venueId,
      name: "Later",
      performer: "Someone",
      category: "comedy",
      startsAt: new Date(now + 9 * DAY),
      onSaleAt: new Date(now + DAY),
      tiers: [{ name: "All", priceCents: 1_000, color: "#111111", sectionIds: [venue.sections[0]!.id], seatRanges: [] }],
    });
    await caller.admin.events.setStatus({ eventId: later, action: "put_on_sale" });
    expect(await statuses(later)).toEqual(["blocked", "blocked", "available"]);
    expect(await sql`select blocked_count from event_sections where event_id = ${later}`).toEqual([{ blocked_count: 2 }]);
    expect(domainCode(await failure((await fan.call()).holds.create({ eventId: later, seatIds: [s2] })))).toBe("SEAT_UNAVAILABLE");

    const cleared = await caller.admin.venues.setSeatAttributes({ venueId: venue.venueId, seatIds: [s1, s2], blocked: false });
    expect(cleared.events.map((event) => [event.name, event.changed])).toEqual(
      expect.arrayContaining([
        ["Live", 1],
        ["Later", 2],
      ]),
    );
    expect(await statuses(later)).toEqual(["available", "available", "available"]);
    expect(await statuses(live.eventId)).toEqual(["available", "held", "available"]);
    const actions = (await caller.admin.audit.list({ subjectId: live.eventId })).map((entry) => [entry.action, entry.details]);
    expect(actions).toEqual([
      ["event.unblock_seats", { seats: 2, changed: 1, via: "venue" }],
      ["event.block_seats", { seats: 2, changed: 1, refused: 1, via: "venue" }],
    ]);
  });
});
