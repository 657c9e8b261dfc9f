import { createTestPaymentProvider, deliverOutboxBatch, TEST_CARDS, type PaymentProvider } from "@frontrow/core";
import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import type { Sql } from "postgres";
import { describe, expect } from "vitest";
import { formOf } from "../admin-test-helpers";
import { createApiHarness, domainCode, failure, signInOrganizer, test, type ApiHarness, type TestClient } from "../testing";

const card: { cardNumber: string; expMonth: number; expYear: number; cvc: string; name: string } = { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2099, cvc: "123", name: "Alex Fan" };
const quiet = { info: () => {}, warn: () => {} };

type Fan = TestClient & { userId: string; email: string };

async function fan(api: ApiHarness, name?: string): Promise<Fan> {
  const client = await api.fan(name);
  const me = await (await client.call()).auth.me();
  return Object.assign(client, { email: me!.email });
}

/** A provider that records every call, and can be told to fail captures. */
function recordingProvider() {
  const working = createTestPaymentProvider();
  const calls = {
    captures: [] as string[],
    refunds: [] as Array<[string, number]>,
    authorized: [] as number[],
    voids: [] as string[],
    failCaptures: false,
  };
  const provider: PaymentProvider = {
    ...working,
    async authorize(request) {
      calls.authorized.push(request.amountCents);
      return working.authorize(request);
    },
    async void(id) {
      calls.voids.push(id);
      return working.void(id);
    },
    async capture(id) {
      if (calls.failCaptures) throw new Error("gateway down");
      calls.captures.push(id);
    },
    async refund(id, amountCents) {
      calls.refunds.push([id, amountCents]);
    },
  };
  return { provider, calls };
}

/** An event with one row of seats at 40.00 and a 2.50 booking fee per ticket. */
async function setup(services: { database: { db: Parameters<typeof createTestVenue>[0]; sql: Sql } }, options: { waitingList?: boolean; seats?: number } = {}) {
  const venue = await createTestVenue(services.database.db, { sections: [{ name: "101", rows: 1, seatsPerRow: options.seats ?? 20 }] });
  const { eventId } = await createTestEvent(services.database.db, {
    venueId: venue.venueId,
    priceCents: 4_000,
    waitingListEnabled: options.waitingList ?? false,
  });
  await services.database.sql`update events set fee_cents = 250 where id = ${eventId}`;
  const seatIds = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
  return { eventId, seatIds, sectionId: venue.sections[0]!.id };
}

async function buy(api: ApiHarness, buyer: TestClient, eventId: string, seatIds: string[], payment = card) {
  const hold = await (await buyer.call()).holds.create({ eventId, seatIds });
  const { order } = await (await buyer.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: `k-${Math.random()}`, payment });
  return order;
}

async function bought(api: ApiHarness, eventId: string, userId: string) {
  return Number((await api.deps.redis.hget(keys.eventInventory(eventId).bought, userId)) ?? 0);
}

async function seatStatus(api: ApiHarness, eventId: string, seatId: string) {
  const map = await (await api.client().call()).seats.map({ eventId });
  return map.seats.find((seat) => seat.id === seatId)!.status;
}

describe("face-value resale", () => {
  test("list, buy, refund: the ticket changes hands in the sale's transaction, the seller is refunded after the capture", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const { provider, calls } = recordingProvider();
    const harness = createApiHarness({ ...api.deps, payments: provider });
    const alex = await fan(harness, "Alex Seller");
    const order = await buy(harness, alex, eventId, seatIds.slice(0, 3));
    const sold = order.tickets[1]!;
    // The organizer raises the price afterwards: the resale still costs what Alex paid.
    await sql`update price_tiers set price_cents = 9000 where event_id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);

    const listed = await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [sold.id] });
    expect(listed.rules).toEqual({ open: true, allowed: true, feesRefunded: true });
    expect(listed.listings).toEqual([
      expect.objectContaining({ ticketId: sold.id, status: "listed", priceCents: 4_000, refundCents: 4_250, refundStatus: null }),
    ]);
    // Listed, the seller's ticket stands and their count with it; the seat is on sale as a resale seat.
    expect(await bought(api, eventId, alex.userId)).toBe(3);
    expect(await seatStatus(api, eventId, seatIds[1]!)).toBe("resale");

    const sam = await fan(harness, "Sam Buyer");
    calls.authorized.length = 0;
    const samOrder = await buy(harness, sam, eventId, [seatIds[1]!]);
    expect(samOrder).toMatchObject({ subtotalCents: 4_000, feesCents: 250, totalCents: 4_250, status: "confirmed" });
    // Authorized at the tier's price while the listing was looked up, then voided and authorized at the listing's.
    expect(calls.authorized).toEqual([9_250, 4_250]);
    expect(calls.voids).toHaveLength(1);
    expect(samOrder.payment).toEqual({ cardLast4: "4242", status: "captured" });

    // One valid ticket for the seat, Sam's; Alex's is void; the seat belongs to Sam's order.
    const valid = await sql`select holder_id, order_id from tickets where seat_id = ${seatIds[1]!} and status = 'valid'`;
    expect(valid).toEqual([{ holder_id: sam.userId, order_id: samOrder.id }]);
    expect((await (await alex.call()).orders.byId({ orderId: order.id })).tickets.map((ticket) => ticket.status)).toEqual([
      "valid",
      "void",
      "valid",
    ]);
    const [seatRow] = await sql`select status, order_id from event_seats where event_id = ${eventId} and seat_id = ${seatIds[1]!}`;
    expect(seatRow).toEqual({ status: "sold", order_id: samOrder.id });
    // Counts moved; the section's sold count did not grow (the seat was sold once).
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, sam.userId)]).toEqual([2, 1]);
    const [section] = await sql`select sold_count from event_sections where event_id = ${eventId}`;
    expect(section!.sold_count).toBe(3);
    // The seller was refunded once, after Sam's capture, the price and the fee.
    const alexRef = (await sql`select provider_ref from payments where order_id = ${order.id}`)[0]!.provider_ref as string;
    expect(calls.refunds).toEqual([[alexRef, 4_250]]);
    const after = await (await alex.call()).resale.ofOrder({ orderId: order.id });
    expect(after.listings[0]).toMatchObject({ status: "sold", refundStatus: "refunded" });
    expect(await seatStatus(api, eventId, seatIds[1]!)).toBe("sold");
    // The outbox's later pass refunds nothing twice.
    services.clock.advance(60_000);
    while ((await deliverOutboxBatch({ ...harness.deps, mail: { send: async () => "sent" }, logger: quiet })) > 0);
    expect(calls.refunds).toHaveLength(1);
    // A Redis that lost everything counts the same from Postgres.
    await api.deps.redis.del(keys.eventInventory(eventId).loaded);
    await (await sam.call()).seats.map({ eventId });
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, sam.userId)]).toEqual([2, 1]);
    // Alex can no longer cancel the order online.
    const cancel = await failure((await alex.call()).orders.cancel({ orderId: order.id }));
    expect(domainCode(cancel)).toBe("CANCELLATION_NOT_ALLOWED");
  });

  test("holds.create prices a listed seat at the listing's price, asking Postgres only for holds with one", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const alex = await fan(api);
    const order = await buy(api, alex, eventId, seatIds.slice(0, 2));
    await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[1]!.id] });
    // The organizer raises the price afterwards: the listing still costs what Alex paid.
    await sql`update price_tiers set price_cents = 9000 where event_id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);

    const sent: string[] = [];
    const counted = createDb(services.database.url, { onQuery: (query) => sent.push(query.trim().toLowerCase()) });
    try {
      const sam = await createApiHarness({ ...api.deps, db: counted.db }).fan();
      await (await sam.call()).holds.create({ eventId, seatIds: [seatIds[5]!] });
      sent.length = 0;
      const ordinary = await (await sam.call()).holds.create({ eventId, seatIds: [seatIds[6]!] });
      expect(ordinary.price.lines.map((line) => line.unitCents)).toEqual([9_000]);
      expect(sent).toEqual([]);

      const hold = await (await sam.call()).holds.create({ eventId, seatIds: [seatIds[1]!, seatIds[7]!] });
      expect(hold.price.lines.map((line) => [line.seatId, line.unitCents])).toEqual([
        [seatIds[1], 4_000],
        [seatIds[7], 9_000],
      ]);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/from "resale_listings"/);
      const mine = await (await sam.call()).holds.mine({ eventId });
      expect(mine.find((entry) => entry.holdId === hold.holdId)!.price).toEqual(hold.price);

      // A Redis that lost everything knows the listed seat again from Postgres.
      await (await sam.call()).holds.release({ holdId: hold.holdId });
      await api.deps.redis.del(keys.eventInventory(eventId).loaded);
      const again = await (await sam.call()).holds.create({ eventId, seatIds: [seatIds[1]!] });
      expect(again.price.lines.map((line) => line.unitCents)).toEqual([4_000]);
    } finally {
      await counted.close();
    }
  });

  test("withdraw: the seat is sold again and the ticket kept; refused while someone holds it", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const alex = await fan(api);
    const order = await buy(api, alex, eventId, seatIds.slice(0, 2));
    const [first, second] = order.tickets;
    const { listings } = await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [first!.id, second!.id] });
    const listingOf = (ticketId: string) => listings.find((listing) => listing.ticketId === ticketId)!.id;

    const withdrawn = await (await alex.call()).resale.withdraw({ listingId: listingOf(first!.id) });
    expect(withdrawn.listings.find((listing) => listing.ticketId === first!.id)!.status).toBe("withdrawn");
    const sam = await fan(api);
    const refused = await failure((await sam.call()).holds.create({ eventId, seatIds: [seatIds[0]!] }));
    expect(domainCode(refused)).toBe("SEAT_UNAVAILABLE");
    const again = await failure((await alex.call()).resale.withdraw({ listingId: listingOf(first!.id) }));
    expect([again.code, domainCode(again)]).toEqual(["CONFLICT", "RESALE_NOT_LISTED"]);

    // Sam holds the other one: its seller cannot pull it from under him.
    await (await sam.call()).holds.create({ eventId, seatIds: [seatIds[1]!] });
    const busy = await failure((await alex.call()).resale.withdraw({ listingId: listingOf(second!.id) }));
    expect([busy.code, domainCode(busy)]).toEqual(["CONFLICT", "RESALE_BEING_BOUGHT"]);
    const tickets = (await (await alex.call()).orders.byId({ orderId: order.id })).tickets;
    expect(tickets.map((ticket) => ticket.status)).toEqual(["valid", "valid"]);
  });

  test("a declined buyer changes nothing; a capture that fails leaves the seller's refund due until the worker captures", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const { provider, calls } = recordingProvider();
    const harness = createApiHarness({ ...api.deps, payments: provider });
    const alex = await fan(harness);
    const order = await buy(harness, alex, eventId, [seatIds[0]!]);
    await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[0]!.id] });

    const declinedFan = await fan(harness);
    const declined = await failure(buy(harness, declinedFan, eventId, [seatIds[0]!], { ...card, cardNumber: TEST_CARDS.declined }));
    expect(domainCode(declined)).toBe("PAYMENT_DECLINED");
    expect((await sql`select status from resale_listings`).map((row) => row.status)).toEqual(["listed"]);
    expect(calls.refunds).toEqual([]);
    await (await declinedFan.call()).holds.release({ holdId: (await (await declinedFan.call()).holds.mine({ eventId }))[0]!.holdId });

    calls.failCaptures = true;
    const sam = await fan(harness);
    const samOrder = await buy(harness, sam, eventId, [seatIds[0]!]);
    expect(samOrder.payment!.status).toBe("authorized");
    expect((await sql`select status, refund_status from resale_listings`)[0]).toEqual({ status: "sold", refund_status: "due" });
    expect(calls.refunds).toEqual([]);
    // The worker's refund row while the capture still fails refunds nothing (it waits); once captured, the seller is
    // paid once.
    const deps = { ...harness.deps, mail: { send: async () => "sent" }, logger: quiet };
    services.clock.advance(40_000);
    await deliverOutboxBatch(deps);
    expect((await sql`select topic from outbox where delivered_at is null order by topic`).map((row) => row.topic)).toEqual([
      "payment.capture",
      "resale.refund",
    ]);
    expect(calls.refunds).toEqual([]);
    calls.failCaptures = false;
    services.clock.advance(600_000);
    while ((await deliverOutboxBatch(deps)) > 0);
    expect(calls.captures).toHaveLength(2);
    expect(calls.refunds).toHaveLength(1);
    expect((await sql`select refund_status from resale_listings`)[0]).toEqual({ refund_status: "refunded" });
  });

  test("transfer while listed is refused, and listing while a transfer is pending", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(services);
    const alex = await fan(api);
    const sam = await fan(api);
    const order = await buy(api, alex, eventId, seatIds.slice(0, 2));
    const [listed, sent] = order.tickets;
    await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [listed!.id] });
    const transfer = await failure((await alex.call()).transfers.send({ orderId: order.id, ticketIds: [listed!.id], toEmail: sam.email }));
    expect([transfer.code, domainCode(transfer)]).toEqual(["CONFLICT", "RESALE_LISTED"]);

    await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [sent!.id], toEmail: sam.email });
    const list = await failure((await alex.call()).resale.list({ orderId: order.id, ticketIds: [sent!.id] }));
    expect([list.code, domainCode(list)]).toEqual(["CONFLICT", "TRANSFER_PENDING"]);
    const twice = await failure((await alex.call()).resale.list({ orderId: order.id, ticketIds: [listed!.id] }));
    expect([twice.code, domainCode(twice)]).toEqual(["CONFLICT", "RESALE_LISTED"]);
  });

  test("a transfer and a listing of one ticket at once, many times: exactly one of them", async ({ api, services }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const sam = await fan(api);
    for (let round = 0; round < 4; round++) {
      const alex = await fan(api);
      const order = await buy(api, alex, eventId, [seatIds[round]!]);
      const ticketId = order.tickets[0]!.id;
      const tabs = Array.from({ length: 6 }, () => api.client({ sessionToken: alex.sessionToken }));
      const results = await Promise.allSettled(
        tabs.map(async (tab, n) =>
          n % 2 === 0
            ? (await tab.call()).resale.list({ orderId: order.id, ticketIds: [ticketId] })
            : (await tab.call()).transfers.send({ orderId: order.id, ticketIds: [ticketId], toEmail: sam.email }),
        ),
      );
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const [{ open }] = await sql<[{ open: number }]>`
        select (select count(*) from resale_listings where ticket_id = ${ticketId} and status = 'listed')
             + (select count(*) from ticket_transfer_tickets t join ticket_transfers r on r.id = t.transfer_id
                where t.ticket_id = ${ticketId} and r.status = 'pending') as open`;
      expect(Number(open)).toBe(1);
    }
  });

  test("many buyers race for one listed seat: one order, one charge, one refund", async ({ api, services }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const { provider, calls } = recordingProvider();
    const harness = createApiHarness({ ...api.deps, payments: provider });
    const alex = await fan(harness);
    const order = await buy(harness, alex, eventId, [seatIds[5]!]);
    await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[0]!.id] });
    const buyers = await Promise.all(Array.from({ length: 12 }, () => fan(harness)));
    const results = await Promise.allSettled(buyers.map((buyer) => buy(harness, buyer, eventId, [seatIds[5]!])));
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results) if (result.status === "rejected") expect(domainCode(result.reason)).toBe("SEAT_UNAVAILABLE");
    expect(await sql`select id from orders where event_id = ${eventId}`).toHaveLength(2);
    expect(await sql`select id from payments where status not in ('voided', 'refunded')`).toHaveLength(2);
    expect(await sql`select seat_id from tickets where seat_id = ${seatIds[5]!} and status = 'valid'`).toHaveLength(1);
    expect(calls.refunds).toHaveLength(1);
  });

  test("the waiting list gets a newly listed seat first", async ({ api, services }) => {
    const { sql } = services.database;
    const { eventId, seatIds, sectionId } = await setup(services, { waitingList: true, seats: 2 });
    const alex = await fan(api);
    const order = await buy(api, alex, eventId, seatIds);
    const casey = await fan(api);
    await (await casey.call()).waitingList.join({ eventId, quantity: 1, sectionId });
    await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[0]!.id] });

    const status = await (await casey.call()).waitingList.status({ eventId });
    expect(status.entry).toMatchObject({ status: "offered", offer: { holdId: expect.any(String) } });
    // Nobody else can take it meanwhile.
    const other = await fan(api);
    const refused = await failure((await other.call()).holds.create({ eventId, seatIds: [seatIds[0]!] }));
    expect(domainCode(refused)).toBe("SEAT_UNAVAILABLE");
    const { order: caseyOrder } = await (await casey.call()).checkout.complete({
      holdId: status.entry!.offer!.holdId,
      idempotencyKey: "casey-offer-key",
      payment: card,
    });
    expect(caseyOrder.totalCents).toBe(4_250);
    expect((await sql`select status from resale_listings`).map((row) => row.status)).toEqual(["sold"]);
    expect((await sql`select status from waiting_list_entries`).map((row) => row.status)).toEqual(["purchased"]);
  });

  test("bad input and closed resale are refused clearly", async ({ api, services }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const alex = await fan(api);
    const order = await buy(api, alex, eventId, [seatIds[0]!]);
    const ticketId = order.tickets[0]!.id;
    for (const input of [
      { orderId: order.id, ticketIds: [] },
      { orderId: "not-an-id", ticketIds: [ticketId] },
      { orderId: order.id, ticketIds: [ticketId, ticketId] },
    ]) {
      const bad = await failure((await alex.call()).resale.list(input));
      expect(bad.code).toBe("BAD_REQUEST");
    }
    const badWithdraw = await failure((await alex.call()).resale.withdraw({ listingId: "nope" }));
    expect(badWithdraw.code).toBe("BAD_REQUEST");
    const sam = await fan(api);
    const notYours = await failure((await sam.call()).resale.list({ orderId: order.id, ticketIds: [ticketId] }));
    expect(notYours.code).toBe("NOT_FOUND");

    await sql`update events set resale_allowed = false where id = ${eventId}`;
    const closed = await failure((await alex.call()).resale.list({ orderId: order.id, ticketIds: [ticketId] }));
    expect([closed.code, domainCode(closed)]).toEqual(["FORBIDDEN", "RESALE_NOT_ALLOWED"]);
    await sql`update events set resale_allowed = true, starts_at = now() - interval '1 minute' where id = ${eventId}`;
    const started = await failure((await alex.call()).resale.list({ orderId: order.id, ticketIds: [ticketId] }));
    expect([started.code, domainCode(started)]).toEqual(["FORBIDDEN", "RESALE_NOT_ALLOWED"]);
  });

  test("the organizer sets resale and its fee refund in the event form; the audit log records them; a sale follows them", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId, seatIds } = await setup(services);
    const organizer = await signInOrganizer(api, sql);
    const admin = await organizer.call();
    const event = await admin.admin.events.byId({ eventId });
    expect([event.resaleAllowed, event.resaleFeesRefunded]).toEqual([true, true]);
    await admin.admin.events.update({ ...formOf(event), resaleFeesRefunded: false });
    expect(await admin.admin.events.byId({ eventId })).toMatchObject({ resaleAllowed: true, resaleFeesRefunded: false });
    const [entry] = await admin.admin.audit.list({ subjectId: eventId });
    expect(entry?.details).toMatchObject({ resaleFeesRefunded: [true, false] });

    // Fees kept: the seller is due the price alone.
    const alex = await fan(api);
    const order = await buy(api, alex, eventId, [seatIds[0]!]);
    const { listings } = await (await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[0]!.id] });
    expect(listings[0]).toMatchObject({ priceCents: 4_000, refundCents: 4_000 });

    await admin.admin.events.update({ ...formOf(await admin.admin.events.byId({ eventId })), resaleAllowed: false });
    const refused = await failure((await alex.call()).resale.list({ orderId: order.id, ticketIds: [order.tickets[0]!.id] }));
    expect(domainCode(refused)).toBe("RESALE_NOT_ALLOWED");
  });
});
