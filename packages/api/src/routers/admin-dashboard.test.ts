import { createAdmitter, type EventDashboard } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import { createScheduledEvent } from "../admin-test-helpers";
import { approvedCard, failure, signInOrganizer, startOtherInstance, test } from "../testing";

/**
 * Reads a dashboard subscription until a value satisfies `accept`; fails (never hangs) when none does within a few
 * seconds. The wait bounds liveness only: no test asserts how fast anything happened.
 */
async function until(
  stream: AsyncIterator<EventDashboard>,
  accept: (dashboard: EventDashboard) => boolean,
  seen: EventDashboard[] = [],
): Promise<EventDashboard> {
  const deadline = Date.now() + 8_000;
  while (Date.now() < deadline) {
    const result = await Promise.race([
      stream.next(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no matching dashboard; last: ${JSON.stringify(seen.at(-1))}`)),
          deadline - Date.now(),
        ),
      ),
    ]);
    if (result.done) throw new Error("the dashboard subscription ended");
    seen.push(result.value);
    if (accept(result.value)) return result.value;
  }
  throw new Error("no matching dashboard");
}

describe("admin.events.onDashboard", () => {
  test("fans are refused and anonymous callers asked to sign in", async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db);
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const fan = await api.fan();
    const refused = await failure((await fan.call()).admin.events.onDashboard({ eventId }));
    expect(refused.code).toBe("FORBIDDEN");
    const anonymous = await failure((await api.client().call()).admin.events.onDashboard({ eventId }));
    expect(anonymous.code).toBe("UNAUTHORIZED");
  });

  test("an unknown event is NOT_FOUND, not a subscription that never speaks", async ({ api, services }) => {
    const admin = await signInOrganizer(api, services.database.sql);
    const missing = await failure(
      (await admin.call()).admin.events.onDashboard({ eventId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });

  test("watching admins see holds, a checkout and a release by fans as they happen", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, priceCents: 4_000 });
    const admins = [await signInOrganizer(api, sql, "First Admin"), await signInOrganizer(api, sql, "Second Admin")];
    const controller = new AbortController();
    try {
      const streams = await Promise.all(
        admins.map(async (admin) =>
          (await (await admin.call({ signal: controller.signal })).admin.events.onDashboard({ eventId }))[
            Symbol.asyncIterator
          ](),
        ),
      );
      const [first, second] = await Promise.all(streams.map((stream) => until(stream, () => true)));
      expect(first).toMatchObject({
        ticketsSold: 0,
        heldNow: 0,
        available: 6,
        capacity: 6,
        status: "on_sale",
      });
      // One computation serves every admin watching the event on this instance.
      expect(second).toBe(first);

      const buyer = await api.fan("Buyer");
      const hold = await (
        await buyer.call()
      ).holds.create({ eventId, seatIds: [venue.seats[0]!.id, venue.seats[1]!.id] });
      for (const stream of streams) {
        expect(await until(stream, (d) => d.heldNow === 2)).toMatchObject({ ticketsSold: 0, available: 4 });
      }

      await (
        await buyer.call()
      ).checkout.complete({ holdId: hold.holdId, idempotencyKey: "dashboard-live-1", payment: approvedCard });
      for (const stream of streams) {
        const sold = await until(stream, (d) => d.ticketsSold === 2);
        expect(sold).toMatchObject({ heldNow: 0, revenueCents: 8_000, orders: 1, available: 4 });
        expect(sold.salesPerMinute.reduce((sum, minute) => sum + minute.tickets, 0)).toBe(2);
      }

      const browser = await api.fan("Browser");
      const other = await (await browser.call()).holds.create({ eventId, seatIds: [venue.seats[5]!.id] });
      await until(streams[0]!, (d) => d.heldNow === 1);
      await (await browser.call()).holds.release({ holdId: other.holdId });
      expect(await until(streams[0]!, (d) => d.heldNow === 0)).toMatchObject({
        ticketsSold: 2,
        available: 4,
      });
    } finally {
      controller.abort();
    }
  });

  test("after a cancellation the sales chart and the tickets-sold card count the same tickets", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 6 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, priceCents: 4_000 });
    const admin = await signInOrganizer(api, sql);
    const buyer = await api.fan("Buyer");
    const orderIds: string[] = [];
    for (const [i, pair] of [[0, 1], [2, 3]].entries()) {
      const hold = await (await buyer.call()).holds.create({ eventId, seatIds: pair.map((n) => venue.seats[n]!.id) });
      const { order } = await (await buyer.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: `dashboard-chart-${i}`, payment: approvedCard });
      orderIds.push(order.id);
    }
    await (await buyer.call()).orders.cancel({ orderId: orderIds[0]! });

    const dashboard = await (await admin.call()).admin.events.dashboard({ eventId });
    expect(dashboard.ticketsSold).toBe(2);
    expect(dashboard.salesPerMinute.reduce((sum, minute) => sum + minute.tickets, 0)).toBe(dashboard.ticketsSold);
  });

  test("an organizer's status change reaches watching admins without any seat changing", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId } = await createScheduledEvent(services);
    const admin = await signInOrganizer(api, sql);
    const controller = new AbortController();
    try {
      const stream = (
        await (await admin.call({ signal: controller.signal })).admin.events.onDashboard({ eventId })
      )[Symbol.asyncIterator]();
      expect((await until(stream, () => true)).status).toBe("scheduled");
      await (await admin.call()).admin.events.setStatus({ eventId, action: "put_on_sale" });
      await until(stream, (d) => d.status === "on_sale");
    } finally {
      controller.abort();
    }
  });

  test("a change made through one instance reaches an admin watching through another", async ({ api, services }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingRoomEnabled: true });
    const watchingAdmin = await signInOrganizer(api, sql, "Watching Admin");
    const actingAdmin = await signInOrganizer(api, sql, "Acting Admin");
    const other = startOtherInstance(services);
    const controller = new AbortController();
    try {
      const watcher = other.client({ sessionToken: watchingAdmin.sessionToken });
      const stream = (await (await watcher.call({ signal: controller.signal })).admin.events.onDashboard({ eventId }))[
        Symbol.asyncIterator
      ]();
      expect((await until(stream, () => true)).status).toBe("on_sale");

      await (await actingAdmin.call()).admin.events.setStatus({ eventId, action: "pause" });
      await until(stream, (d) => d.status === "paused");
      await (await actingAdmin.call()).admin.events.updateAdmission({ eventId, paused: true });
      await until(stream, (d) => d.waitingRoom?.admissionPaused === true);
    } finally {
      controller.abort();
      await other.close();
    }
  });
});

describe("waiting-room history", () => {
  test("the admitter records queue samples that the dashboard returns, paused stretches included", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db);
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, waitingRoomEnabled: true });
    await sql`update events set admit_rate_per_minute = 60, fairness_seed = 'seed', fairness_seed_hash = 'hash' where id = ${eventId}`;
    const admin = await signInOrganizer(api, sql);
    for (let i = 0; i < 10; i++) await (await (await api.fan()).call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0, sampleEveryMs: 2_000 });

    // Ticks a second apart admit one fan each (60 a minute); a sample is taken every other tick.
    for (let i = 0; i < 5; i++) {
      services.clock.advance(1_000);
      await admitter.tick();
    }
    // A tick within the sampling interval records nothing new.
    services.clock.advance(500);
    await admitter.tick();
    await (await admin.call()).admin.events.updateAdmission({ eventId, paused: true });
    services.clock.advance(2_000);
    await admitter.tick();

    const dashboard = await (await admin.call()).admin.events.dashboard({ eventId });
    const samples = dashboard.waitingRoom!.samples;
    expect(
      samples.map(({ waiting, admitted, activeShoppers, paused }) => ({
        waiting,
        admitted,
        activeShoppers,
        paused,
      })),
    ).toEqual([
      { waiting: 9, admitted: 1, activeShoppers: 1, paused: false },
      { waiting: 7, admitted: 3, activeShoppers: 3, paused: false },
      { waiting: 5, admitted: 5, activeShoppers: 5, paused: false },
      { waiting: 5, admitted: 5, activeShoppers: 5, paused: true },
    ]);
    expect(samples.every((sample) => sample.admitRatePerMinute === 60)).toBe(true);
    expect(samples.map((sample) => sample.at.getTime())).toEqual(
      samples.map((sample) => sample.at.getTime()).sort((a, b) => a - b),
    );
    expect(dashboard.waitingRoom).toMatchObject({ waiting: 5, admitted: 5, admissionPaused: true });
  });
});

describe("admin.audit.list", () => {
  test("names who did what to which event, newest first, and pages with a cursor", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId } = await createScheduledEvent(services, { name: "Night Of Audits", waitingRoomEnabled: true });
    const admin = await signInOrganizer(api, sql, "Olivia Organizer");
    const caller = await admin.call();
    await caller.admin.events.setStatus({ eventId, action: "put_on_sale" });
    await caller.admin.events.updateAdmission({ eventId, admitRatePerMinute: 90 });
    await caller.admin.events.setStatus({ eventId, action: "pause" });

    const all = await caller.admin.audit.list({ subjectId: eventId });
    expect(all.map((entry) => entry.action)).toEqual(["event.pause", "event.admission", "event.put_on_sale"]);
    const [email] = await sql<Array<{ email: string }>>`select email from users where id = ${admin.userId}`;
    expect(all[0]).toMatchObject({
      actor: { id: admin.userId, name: "Olivia Organizer", email: email!.email },
      subjectType: "event",
      subjectId: eventId,
      subjectName: "Night Of Audits",
      details: { from: "on_sale", to: "paused" },
    });

    const firstPage = await caller.admin.audit.list({ subjectId: eventId, limit: 2 });
    const secondPage = await caller.admin.audit.list({
      subjectId: eventId,
      limit: 2,
      cursor: firstPage.at(-1)!.id,
    });
    expect([...firstPage, ...secondPage].map((entry) => entry.id)).toEqual(all.map((entry) => entry.id));
    expect(await caller.admin.audit.list({ subjectId: eventId, cursor: all.at(-1)!.id })).toEqual([]);
  });
});
