import { createTestPaymentProvider, TEST_CARDS } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import { formOf } from "../admin-test-helpers";
import { createApiHarness, domainCode, failure, signInOrganizer, test, type ApiHarness } from "../testing";

const card = {
  cardNumber: TEST_CARDS.approved,
  expMonth: 12,
  expYear: new Date().getUTCFullYear() + 2,
  cvc: "123",
  name: "Alex Fan",
};

/** An event selling seats at $40 plus a $3.50 fee, and a harness whose payment provider notes every refund. */
async function setup(api: ApiHarness, services: { database: { db: Parameters<typeof createTestVenue>[0] } }) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "101", rows: 1, seatsPerRow: 6 }] });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId, priceCents: 4_000 });
  const refunds: number[] = [];
  const provider = createTestPaymentProvider();
  const recording = createApiHarness({
    ...api.deps,
    payments: {
      ...provider,
      async refund(reference, amountCents) {
        refunds.push(amountCents);
        await provider.refund(reference, amountCents);
      },
    },
  });
  const seatIds = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
  return { eventId, seatIds, refunds, recording };
}

async function buy(api: ApiHarness, eventId: string, seatIds: string[]) {
  const fan = await api.fan();
  const hold = await (await fan.call()).holds.create({ eventId, seatIds });
  const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: `k-${Math.random()}`, payment: card });
  return { fan, order };
}

describe("the refund policy", () => {
  test("no self-service cancellation: the fan is refused and keeps the tickets; the organizer can still cancel", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds, refunds, recording } = await setup(api, services);
    const { sql } = services.database;
    await sql`update events set self_cancel = false, fee_cents = 350 where id = ${eventId}`;
    const { fan, order } = await buy(recording, eventId, seatIds.slice(0, 2));
    const event = await (await fan.call()).events.byId({ eventId });
    expect(event.refundPolicy).toEqual({ selfCancel: false, cancelUntil: null, feesRefundable: true });

    const refused = await failure((await fan.call()).orders.cancel({ orderId: order.id }));
    expect([refused.code, domainCode(refused)]).toEqual(["FORBIDDEN", "CANCELLATION_NOT_ALLOWED"]);
    expect(refused.message).toMatch(/does not let fans cancel their own orders/);
    const kept = await (await fan.call()).orders.byId({ orderId: order.id });
    expect(kept).toMatchObject({ status: "confirmed", payment: { status: "captured" } });
    expect(refunds).toEqual([]);

    const organizer = await signInOrganizer(recording, sql);
    const cancelled = await (await organizer.call()).admin.orders.cancel({ orderId: order.id });
    expect(cancelled).toMatchObject({ status: "cancelled", refundedCents: 8_700, payment: { status: "refunded" } });
    expect(refunds).toEqual([8_700]);
  });

  test("the organizer finds an order among the event's orders by its code or the fan, cancels it and sees it cancelled", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds, refunds, recording } = await setup(api, services);
    const { sql } = services.database;
    await sql`update events set self_cancel = false where id = ${eventId}`;
    const first = await buy(recording, eventId, seatIds.slice(0, 2));
    const second = await buy(recording, eventId, [seatIds[4]!]);
    const organizer = await signInOrganizer(recording, sql);
    const admin = await organizer.call();

    const all = await admin.admin.orders.list({ eventId });
    expect(all.map((order) => order.id)).toEqual([second.order.id, first.order.id]);
    expect(all[1]).toMatchObject({
      code: first.order.id.slice(0, 8).toUpperCase(),
      status: "confirmed",
      totalCents: 8_000,
      refundedCents: null,
      places: ["Section 101, row A, seat 1", "Section 101, row A, seat 2"],
    });
    const byCode = await admin.admin.orders.list({ eventId, q: first.order.id.slice(0, 8).toUpperCase() });
    expect(byCode.map((order) => order.id)).toEqual([first.order.id]);
    const byEmail = await admin.admin.orders.list({ eventId, q: all[0]!.fan.email.slice(0, 12).toUpperCase() });
    expect(byEmail.map((order) => order.id)).toEqual([second.order.id]);
    // A search is text, not a pattern.
    expect(await admin.admin.orders.list({ eventId, q: "%" })).toEqual([]);

    await admin.admin.orders.cancel({ orderId: first.order.id });
    const after = await admin.admin.orders.list({ eventId });
    expect(after.find((order) => order.id === first.order.id)).toMatchObject({ status: "cancelled", refundedCents: 8_000 });
    expect(refunds).toEqual([8_000]);

    const fanRefused = await failure((await first.fan.call()).admin.orders.list({ eventId }));
    expect(fanRefused.code).toBe("FORBIDDEN");
  });

  test("cancellation until a deadline; past it the fan is told when it closed", async ({ api, services }) => {
    const { eventId, seatIds, recording } = await setup(api, services);
    const { sql } = services.database;
    const deadline = new Date(services.clock.now().getTime() + 3_600_000);
    await sql`update events set self_cancel_until = ${deadline.toISOString()} where id = ${eventId}`;
    await sql`update venues set timezone = 'America/New_York' where id = (select venue_id from events where id = ${eventId})`;
    const early = await buy(recording, eventId, [seatIds[0]!]);
    const late = await buy(recording, eventId, [seatIds[2]!]);
    expect((await (await early.fan.call()).orders.byId({ orderId: early.order.id })).refundPolicy.cancelUntil).toEqual(deadline);

    expect((await (await early.fan.call()).orders.cancel({ orderId: early.order.id })).status).toBe("cancelled");
    services.clock.advance(3_600_000);
    const refused = await failure((await late.fan.call()).orders.cancel({ orderId: late.order.id }));
    expect(domainCode(refused)).toBe("CANCELLATION_NOT_ALLOWED");
    // Named on the venue's clock, with its zone.
    expect(refused.message).toMatch(
      new RegExp(`^Cancellations for this event closed .*${deadline.getUTCFullYear()} at .* E[SD]T: contact the organizer for a refund$`),
    );
    expect((await (await late.fan.call()).orders.byId({ orderId: late.order.id })).status).toBe("confirmed");
  });

  test("fees not refundable: the fan's cancellation refunds the tickets and keeps the fees", async ({ api, services }) => {
    const { eventId, seatIds, refunds, recording } = await setup(api, services);
    await services.database.sql`update events set fees_refundable = false, fee_cents = 350 where id = ${eventId}`;
    const { fan, order } = await buy(recording, eventId, seatIds.slice(0, 2));
    expect(order.totalCents).toBe(8_700);
    const cancelled = await (await fan.call()).orders.cancel({ orderId: order.id });
    expect(cancelled).toMatchObject({ status: "cancelled", refundedCents: 8_000 });
    expect(refunds).toEqual([8_000]);
  });
});

test("the organizer sets the policy and the single-seat rule in the event form; fans see the policy on the event", async ({
  api,
  services,
}) => {
  const { eventId } = await setup(api, services);
  const organizer = await signInOrganizer(api, services.database.sql);
  const caller = await organizer.call();
  const event = await caller.admin.events.byId({ eventId });
  expect([event.singleSeatRule, event.selfCancel, event.selfCancelUntil, event.feesRefundable]).toEqual([false, true, null, true]);
  const deadline = new Date(event.startsAt.getTime() - 86_400_000);
  await caller.admin.events.update({
    ...formOf(event),
    singleSeatRule: true,
    selfCancel: true,
    selfCancelUntil: deadline,
    feesRefundable: false,
  });
  const saved = await caller.admin.events.byId({ eventId });
  expect([saved.singleSeatRule, saved.selfCancelUntil, saved.feesRefundable]).toEqual([true, deadline, false]);
  const fan = await api.fan();
  expect((await (await fan.call()).events.byId({ eventId })).refundPolicy).toEqual({
    selfCancel: true,
    cancelUntil: deadline,
    feesRefundable: false,
  });
  const late = await failure(
    caller.admin.events.update({
      ...formOf(await caller.admin.events.byId({ eventId })),
      selfCancelUntil: new Date(event.startsAt.getTime() + 1),
    }),
  );
  expect(late.code).toBe("BAD_REQUEST");
  expect(late.message).toContain("Fans' cancellations must end by the show");
});
